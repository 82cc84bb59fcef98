/**
 * `npm run bench [-- --quick] [-- --json]`: the benchmark suite. Figures are printed, never
 * asserted: speed targets are read by people, not by the unit-test run.
 */
const args = new Set(process.argv.slice(2));
const results: Record<string, number> = {};
console.log('no benchmarks yet');
if (args.has('--json')) console.log(JSON.stringify(results));
