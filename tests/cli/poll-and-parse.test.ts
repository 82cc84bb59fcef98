import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { rss } from '../helpers/feeds.js';
import { runCli } from '../helpers/cli.js';

describe('newsbot CLI (built binary, real processes)', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    dir = mkdtempSync(join(tmpdir(), 'newsbot-cli-'));
    // This server ignores validators and always answers 200 with the same items, so only the
    // store can tell that they are not new.
    const body = rss('Loopback Wire', [
      { title: 'Coast guard ships near Senkaku', link: 'https://lw.example/1?utm_source=rss', guid: 'lw-1' },
      { title: 'Envoy summoned in Beijing', link: 'https://lw.example/2', guid: 'lw-2' },
    ]);
    server.route('/wire', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body));
    server.route('/broken', (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body.slice(0, 150)));
    writeFileSync(
      join(dir, 'newsbot.yaml'),
      `feeds:\n  - url: ${server.url}/wire\n    name: Loopback Wire\n  - url: ${server.url}/broken\n    name: Broken Daily\n`,
    );
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN two poll --once runs (two processes) THEN the second finds nothing new: stored once, across restarts', async () => {
    const env = { NEWSBOT_CONFIG: join(dir, 'newsbot.yaml'), NEWSBOT_DB: join(dir, 'restart.db') };
    const first = await runCli(['poll', '--once'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('polled 2 feeds: 2 new items, 1 failed');
    expect(first.stdout).toMatch(/ok {6}Loopback Wire <.*\/wire>: 2 new items \(2 in feed\), first poll/);
    expect(first.stdout).toMatch(/FAILED {2}Broken Daily <.*\/broken>: malformed XML at line \d+.* \[feed_malformed\]/);

    const second = await runCli(['poll', '--once', '--all'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('polled 2 feeds: 0 new items, 1 failed');
    expect(second.stdout).toMatch(/Loopback Wire <.*\/wire>: unchanged/);
  });

  it('GIVEN --config THEN it wins over NEWSBOT_CONFIG', async () => {
    const result = await runCli(['--config', join(dir, 'newsbot.yaml'), 'check-config'], { NEWSBOT_CONFIG: '/nonexistent.yaml' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`config ok: ${join(dir, 'newsbot.yaml')}`);
    expect(result.stdout).toContain('Loopback Wire');
  });

  it('GIVEN a bad config THEN start-up stops with the file, key path and expectation', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'feeds:\n  - url: "gopher://old.example/feed"\n');
    const result = await runCli(['check-config'], { NEWSBOT_CONFIG: bad });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: ${bad}: feeds[0].url: expected an http(s) URL or a file path`);
  });

  it('parse prints JSON Lines, and error: <input>: <reason> with exit 1 for a bad input', async () => {
    const result = await runCli(['parse', `${server.url}/wire`, 'tests/feeds/testdata/truncated.xml', 'tests/feeds/testdata/atom.xml']);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { title: string; link: string });
    expect(lines.map((l) => l.title)).toEqual(['Coast guard ships near Senkaku', 'Envoy summoned in Beijing', 'Drills reported east of the strait', 'Second entry']);
    expect(lines[0]?.link).toBe('https://lw.example/1');
    expect(result.stderr).toMatch(/^error: tests\/feeds\/testdata\/truncated.xml: malformed XML at line \d+, column \d+: Unclosed root tag$/m);
  });
});
