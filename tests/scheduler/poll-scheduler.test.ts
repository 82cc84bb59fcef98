import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { scheduleCycles } from '../../src/scheduler/poll-scheduler.js';

describe('cycle scheduler', () => {
  it('never starts a cycle on top of a running one, and stop() waits for the running cycle', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let finished = 0;
    const cycle = async (): Promise<void> => {
      active++;
      runs++;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // longer than the 1-second schedule
      active--;
      finished++;
    };
    const scheduler = scheduleCycles('* * * * * *', cycle, pino({ level: 'silent' }), { runNow: true });
    await new Promise((resolve) => setTimeout(resolve, 3_300));
    await scheduler.stop();
    expect(maxActive).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(2);
    expect(finished).toBe(runs); // stop() returned only after the running cycle finished
  });
});
