import cron from 'node-cron';
import type { Logger } from '../log.js';

export interface CycleScheduler {
  /** Resolves when the running cycle (if any) has finished and no new one will start. */
  stop(): Promise<void>;
  /** The cycle currently running, or null. */
  readonly running: Promise<unknown> | null;
  nextRun(): Date | null;
}

/**
 * Run `cycle` on a cron schedule. A cycle still running when the next tick comes is not started a
 * second time (node-cron's noOverlap, plus our own guard so a manual first run is covered too).
 */
export function scheduleCycles(expression: string, cycle: () => Promise<unknown>, logger: Logger, options: { runNow?: boolean } = {}): CycleScheduler {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const runGuarded = async (): Promise<void> => {
    if (stopped) return;
    if (running) {
      logger.warn('previous poll cycle still running; this tick is skipped');
      return;
    }
    running = cycle().catch((error: unknown) => logger.error({ err: error }, 'poll cycle failed'));
    try {
      await running;
    } finally {
      running = null;
    }
  };
  const task = cron.schedule(expression, runGuarded, { noOverlap: true, name: 'poll' });
  if (options.runNow) void runGuarded();
  return {
    get running() {
      return running;
    },
    nextRun: () => task.getNextRun(),
    async stop() {
      stopped = true;
      await task.stop();
      await task.destroy();
      if (running) await running;
    },
  };
}
