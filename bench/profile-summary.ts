/**
 * Top self-time functions of a V8 CPU profile, for chasing a missed target:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist-bench/bench/cluster.js
 *   node dist-bench/bench/profile-summary.js /tmp/prof/<file>.cpuprofile [count]
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

export function summarize(profile: CpuProfile, count = 10): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
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
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`);
}

const [path, count] = process.argv.slice(2);
if (path) console.log(summarize(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, Number(count ?? 10)).join('\n'));
