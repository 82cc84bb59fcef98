import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { NODE_FLAGS } from '../src/ops/node-flags.js';

/** Flags every bench script understands: `--quick` (CI: 1/10 sizes, 3 repetitions), `--json`. */
export interface BenchOptions {
  quick: boolean;
  json: boolean;
  /** Figures are medians of this many timed repetitions, after one untimed warm-up. */
  reps: number;
  /** Divides the sizes (10 000 items → 1 000 in quick mode). */
  scale: number;
  args: string[];
}

export function readOptions(argv: readonly string[] = process.argv.slice(2)): BenchOptions {
  const quick = argv.includes('--quick');
  return { quick, json: argv.includes('--json'), reps: quick ? 3 : 5, scale: quick ? 10 : 1, args: [...argv] };
}

/** The value after `--name` on the command line, if any. */
export function argValue(options: BenchOptions, name: string): string | undefined {
  const index = options.args.indexOf(`--${name}`);
  return index >= 0 ? options.args[index + 1] : undefined;
}

export interface Target {
  op: '>=' | '<=';
  value: number;
  /**
   * A target stated for the full sizes, not judged in quick mode: every absolute figure, and the
   * pipeline's ratio. One document of 1 000 items is a single batch, so the main thread waits ~20 ms
   * (a quarter of the pass) for the store thread's writes that at 10 000 items overlap the next
   * batches' parsing (~7 ms idle in a 620 ms pass); the quick ratio (0.44–0.68) measures that wait.
   * Other ratios scale with the work and are judged always.
   */
  fullSizeOnly: boolean;
}

/** One line of the table. */
export interface Row {
  section: string;
  label: string;
  value: number;
  unit: string;
  target?: Target;
  note?: string;
}

/** What a section process reports: its table rows and its machine-readable figures. */
export interface SectionResult {
  rows: Row[];
  metrics: Record<string, number>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Time one call (ms). */
export async function timed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * Time several contenders side by side: one warm-up call each, then `reps` rounds in which every
 * contender runs once, so drift (thermal, GC, page cache) hits all of them alike. Returns each
 * contender's per-repetition times (ms). `setup` runs untimed before each call (fresh database …).
 */
export async function sideBySide<K extends string>(
  reps: number,
  contenders: Record<K, { setup?: () => unknown; run: () => unknown; teardown?: () => unknown }>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = -1; round < reps; round++) {
    for (const name of names) {
      const contender = contenders[name];
      await contender.setup?.();
      const ms = await timed(contender.run);
      await contender.teardown?.();
      if (round >= 0) times[name].push(ms);
    }
  }
  return times;
}

/** Peak resident set size of this process so far (MB), as the kernel counted it. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

const RESULT_PREFIX = 'BENCH-RESULT ';

/**
 * Entry point of a section script: run it, then print its result as the last stdout line for the
 * parent (bench/run.ts) to read. Exits non-zero on failure so the parent can say which section broke.
 */
export function runSection(main: (options: BenchOptions) => Promise<SectionResult>): void {
  main(readOptions())
    .then((result) => {
      process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(0));
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}

/**
 * Run a section script in its own Node process, so its peak RSS is its own and sections cannot
 * inflate each other's. It runs with newsbot's own Node flags (src/ops/node-flags.ts), as deployed;
 * other `execArgv` (e.g. `--cpu-prof`) replace them.
 */
export function spawnSection(script: URL, args: readonly string[], execArgv: readonly string[] = NODE_FLAGS): Promise<SectionResult> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], execArgv: [...execArgv] });
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').reverse().find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        reject(new Error(`${script.pathname} exited with code ${code ?? 'null'}${line ? '' : ' and no result'}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as SectionResult);
    });
  });
}

/** Figures rounded for people and for the JSON line alike. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : digits;
  return Number(value.toFixed(magnitude));
}
