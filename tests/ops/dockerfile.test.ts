import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../src/ops/node-flags.js';

interface Instruction {
  keyword: string;
  args: string;
}

/** Parse a Dockerfile into instructions, joining `\` continuations and dropping comments. */
function parseDockerfile(text: string): Instruction[] {
  const joined = text.replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

function stages(instructions: Instruction[]): Array<{ from: string; name: string | null; body: Instruction[] }> {
  const result: Array<{ from: string; name: string | null; body: Instruction[] }> = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(instruction.args);
      result.push({ from: match?.[1] ?? '', name: match?.[2] ?? null, body: [] });
    } else {
      result.at(-1)?.body.push(instruction);
    }
  }
  return result;
}

describe('Dockerfile', () => {
  const instructions = parseDockerfile(readFileSync('Dockerfile', 'utf8'));
  const all = stages(instructions);
  const runtime = all.at(-1)!;

  it('is multi-stage on node:20-slim, building with dev dependencies and installing runtime ones with npm ci --omit=dev', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.every((stage) => stage.from === 'node:20-slim')).toBe(true);
    const build = all.find((s) => s.name === 'build')!;
    expect(build.body.some((i) => i.keyword === 'RUN' && /npm run build/.test(i.args))).toBe(true);
    expect(instructions.some((i) => i.keyword === 'RUN' && /npm ci --omit=dev/.test(i.args))).toBe(true);
    expect(runtime.body.filter((i) => i.keyword === 'RUN').every((i) => !/npm (ci|install)(?!.*--omit=dev)/.test(i.args))).toBe(true);
  });

  it('runs as a non-root user with a /data volume, a healthcheck and the run command', () => {
    const user = runtime.body.filter((i) => i.keyword === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(['root', '0']).not.toContain(user?.args);
    const userIndex = runtime.body.indexOf(user!);
    const cmdIndex = runtime.body.findIndex((i) => i.keyword === 'CMD');
    expect(userIndex).toBeLessThan(cmdIndex);
    expect(runtime.body.find((i) => i.keyword === 'VOLUME')?.args).toContain('/data');
    expect(runtime.body.find((i) => i.keyword === 'HEALTHCHECK')?.args).toContain('/healthz');
    expect(JSON.parse(runtime.body.find((i) => i.keyword === 'CMD')!.args)).toEqual(['node', ...NODE_FLAGS, 'dist/cli.js', 'run']);
    // `npm start` runs the same command with the same flags.
    expect((JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start).toBe(['node', ...NODE_FLAGS, 'dist/cli.js', 'run'].join(' '));
  });

  it('copies only files that exist in the repository', () => {
    for (const copy of instructions.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) expect(() => readFileSync(source.endsWith('/') ? `${source}.` : source)).not.toThrow(/ENOENT/);
    }
  });
});
