import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { freePort } from '../helpers/ports.js';

describe('newsbot run: /healthz, /readyz, /metrics on PORT, and a clean SIGTERM', () => {
  it('serves health and Prometheus metrics while running, then shuts down cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbot-ops-'));
    const port = await freePort();
    writeFileSync(join(dir, 'c.yaml'), `feeds:\n  - url: ${join(process.cwd(), 'config/samples/pacific-wire.xml')}\n    name: Pacific Wire Service\n  - url: ${join(dir, 'missing.xml')}\n    name: Missing\n`);
    const child = spawn(process.execPath, [CLI, 'run'], {
      env: { PATH: process.env.PATH ?? '', NEWSBOT_CONFIG: join(dir, 'c.yaml'), NEWSBOT_DB: join(dir, 'x.db'), PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const get = async (path: string): Promise<{ status: number; body: string }> => {
        for (let i = 0; i < 100; i++) {
          try {
            const res = await fetch(`http://127.0.0.1:${port}${path}`);
            return { status: res.status, body: await res.text() };
          } catch {
            await new Promise((r) => setTimeout(r, 100)); // not listening yet
          }
        }
        throw new Error(`no answer on ${path}`);
      };
      expect(await get('/healthz')).toEqual({ status: 200, body: 'ok\n' });
      let ready = await get('/readyz');
      for (let i = 0; i < 50 && ready.status !== 200; i++) ready = (await new Promise((r) => setTimeout(r, 100)), await get('/readyz'));
      expect(ready).toEqual({ status: 200, body: 'store: ok\nscheduler: running\n' });
      let metrics = await get('/metrics');
      for (let i = 0; i < 50 && !/newsbot_feed_polls_total\{result="new"\} 1/.test(metrics.body); i++) metrics = (await new Promise((r) => setTimeout(r, 100)), await get('/metrics'));
      expect(metrics.body).toMatch(/newsbot_feed_polls_total\{result="new"\} 1/);
      expect(metrics.body).toMatch(/newsbot_feed_failures_total\{feed="Missing",code="feed_not_found"\} 1/);
      expect(metrics.body).toMatch(/newsbot_items_total 12/);
      expect(metrics.body).toMatch(/newsbot_stories_total\{change="created"\} \d+/);
      expect(metrics.body).toMatch(/# TYPE newsbot_delivery_latency_seconds histogram/);
      expect((await get('/nope')).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/"signal":"SIGTERM".*shutting down/);
    rmSync(dir, { recursive: true, force: true });
  });
});
