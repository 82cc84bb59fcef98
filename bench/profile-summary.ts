/**
 * Top self-time functions of a V8 CPU profile, for chasing a missed target:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist-bench/bench/cluster.js
 *   node dist-bench/bench/profile-summary.js /tmp/prof/<file>.cpuprofile [more files…] [count]
 * or, for the pipeline's timed passes only (main thread, no set-up):
 *   node dist-bench/bench/pipeline.js --passes 8 --profile /tmp/prof
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time summed over one or more profiles (e.g. one per timed pass: bench/pipeline.ts --profile DIR). */
export function summarize(profiles: readonly CpuProfile[], count = 10): string[] {
  const self = new Map<string, number>();
  let total = 0;
  for (const profile of profiles) total += addSelfTimes(profile, self);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`);
}

/** Adds one profile's self times (µs) by function to `self`; returns the profile's total. */
function addSelfTimes(profile: CpuProfile, self: Map<string, number>): number {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const delta = profile.timeDeltas[i] ?? 0;
    total += delta;
    if (!frame) return;
    const file = frame.url.replace(/^file:\/\/.*?\/(dist-bench|node_modules)\//, '$1/') || '(native)';
    const key = `${frame.functionName || '(anonymous)'}  ${file}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + delta);
  });
  return total;
}

// Arguments: profile files, then optionally how many lines to print.
const args = process.argv.slice(2);
const count = args.length > 1 && /^\d+$/.test(args.at(-1)!) ? Number(args.pop()) : 10;
if (args.length > 0) console.log(summarize(args.map((path) => JSON.parse(readFileSync(path, 'utf8')) as CpuProfile), count).join('\n'));
