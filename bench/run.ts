/**
 * `npm run bench [-- --quick] [-- --json] [-- --only parse,poll]`: the benchmark suite (issue 6).
 * Each section runs in its own Node process (so peak RSS is its own) and reports medians of
 * several repetitions after a warm-up, every comparison measured side by side in that process.
 * Figures are printed, never asserted: speed targets are read by people, not by CI.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { progress, readOptions, round, spawnSection, type Row } from './harness.js';
import { renderTable, status } from './table.js';

const SECTIONS = ['parse', 'pipeline', 'matcher', 'cluster', 'poll', 'delivery'] as const;

const options = readOptions();
const only = options.args.includes('--only') ? new Set((options.args[options.args.indexOf('--only') + 1] ?? '').split(',')) : null;
const passThrough = options.quick ? ['--quick'] : [];
const started = performance.now();
const rows: Row[] = [];
const metrics: Record<string, number | boolean | string[]> = {};
const failed: string[] = [];

for (const section of SECTIONS) {
  if (only && !only.has(section)) continue;
  const sectionStart = performance.now();
  progress(`${section}: starting`);
  try {
    const result = await spawnSection(new URL(`./${section}.js`, import.meta.url), passThrough);
    rows.push(...result.rows);
    Object.assign(metrics, result.metrics);
    progress(`${section}: done in ${((performance.now() - sectionStart) / 1000).toFixed(1)} s`);
  } catch (error) {
    failed.push(section);
    progress(`${section}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const wallS = round((performance.now() - started) / 1000);
const mode = options.quick ? 'quick: sizes ÷10, median of 3 after 1 warm-up; absolute targets and the pipeline ratio apply to full sizes' : 'full sizes, median of 5 after 1 warm-up';
console.log(`\nnewsbot bench — ${mode} — Node ${process.version}, ${cpus().length} CPUs\n`);
console.log(renderTable(rows, options.quick));
const misses = rows.filter((row) => status(row, options.quick) === 'MISS').map((row) => `${row.section}: ${row.label}`);
console.log(`\n${misses.length === 0 ? 'all judged targets met' : `MISSED: ${misses.join('; ')}`}${failed.length ? `; FAILED sections: ${failed.join(', ')}` : ''}; bench wall time ${wallS} s`);

if (options.json) {
  console.log(JSON.stringify({ ...metrics, quick: options.quick, benchWallS: wallS, failedSections: failed, missed: misses }));
}
// A crashed section is a bug worth a red CI run; a missed speed target is not.
process.exitCode = failed.length > 0 ? 1 : 0;
