import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { backlogItem, OUTLET_FEEDS, OUTLET_NAMES, seedReports, serveOutletFeeds } from '../helpers/seed-feeds.js';
import { CLI, runCli } from '../helpers/cli.js';

describe('crash between outbox write and send (process killed), then restart', () => {
  let slack: FakeSlack;
  let feedServer: TestServer;
  let dir: string;
  let env: Record<string, string>;
  let feeds: ReturnType<typeof serveOutletFeeds>;

  beforeAll(async () => {
    [slack, feedServer] = await Promise.all([startFakeSlack(), startTestServer()]);
    feeds = serveOutletFeeds(feedServer);
    dir = mkdtempSync(join(tmpdir(), 'newsbot-crash-'));
    writeFileSync(
      join(dir, 'newsbot.yaml'),
      ['feeds:', ...OUTLET_FEEDS.map((feed) => `  - url: ${feeds.urls[feed]}\n    name: ${OUTLET_NAMES[feed]}`), 'subscriptions:', '  - { platform: slack, channel: C777, mode: alert, settle: 0s }'].join('\n'),
    );
    env = {
      NEWSBOT_CONFIG: join(dir, 'newsbot.yaml'),
      NEWSBOT_DB: join(dir, 'newsbot.db'),
      SLACK_BOT_TOKEN: 'xoxb-crash-test',
      SLACK_SIGNING_SECRET: 'crash-secret',
      SLACK_API_URL: slack.apiUrl,
    };
  });
  afterAll(async () => {
    await Promise.all([slack.close(), feedServer.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the message written to the outbox before the crash is delivered exactly once after restart', async () => {
    const now = Date.now();
    for (const feed of OUTLET_FEEDS) feeds.publish(feed, [backlogItem(feed, now)]);
    expect((await runCli(['run', '--once'], env)).code).toBe(0); // first poll: backlog only

    const reports = seedReports(now);
    for (const feed of ['wire', 'daily', 'agence'] as const) feeds.publish(feed, [backlogItem(feed, now), reports[feed]]);

    // Run 2: the alert is queued, the post reaches Slack… and the process is killed before any answer.
    slack.failNext('hang', 'C777');
    const child = spawn(process.execPath, [CLI, 'run', '--once', '--all'], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    slack.onPost = () => {
      child.kill('SIGKILL');
    };
    expect(await exited).toBe('SIGKILL');
    slack.onPost = null;
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(slack.accepted.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);

    // Run 3, a clean restart: the queued alert is sent, once.
    const restart = await runCli(['run', '--once', '--all'], env);
    expect(restart.code).toBe(0);
    expect(restart.stdout).toMatch(/delivery: 0 queued, 1 sent/);
    const posted = slack.accepted.filter((c) => c.method === 'chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(JSON.stringify(posted[0]!.args.blocks)).toContain('Harbour City Daily');

    // And a further run sends nothing more.
    const again = await runCli(['run', '--once', '--all'], env);
    expect(again.stdout).toMatch(/delivery: 0 queued, 0 sent/);
    expect(slack.accepted.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('the duplicate window itself: Slack posted the message, the process died before recording it; the restart finds it and does not post again', async () => {
    const now = Date.now();
    const reports = seedReports(now);
    // A new, different story from the fourth outlet.
    feeds.publish('fourth', [backlogItem('fourth', now), { ...reports.fourth, title: 'PLA warships and aircraft encircle Taiwan in surprise drills', link: 'https://island.example/drills-2', guid: 'ib-drills-2', description: 'Taipei scrambled jets as the Eastern Theater Command announced blockade drills.' }]);
    slack.failNext('accept-hang', 'C777');
    const child = spawn(process.execPath, [CLI, 'run', '--once', '--all'], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    slack.onPost = () => void setTimeout(() => child.kill('SIGKILL'), 50); // after Slack has posted it
    expect(await exited).toBe('SIGKILL');
    slack.onPost = null;
    const before = slack.accepted.filter((c) => c.method === 'chat.postMessage').length;
    const lookupsBefore = slack.calls.filter((c) => c.method === 'conversations.history').length;

    const restart = await runCli(['run', '--once', '--all'], env);
    expect(restart.code).toBe(0);
    expect(restart.stdout).toMatch(/delivery: 0 queued, 1 sent/); // recorded as sent, found in the channel's history
    expect(slack.accepted.filter((c) => c.method === 'chat.postMessage')).toHaveLength(before);
    expect(slack.calls.filter((c) => c.method === 'conversations.history')).toHaveLength(lookupsBefore + 1);
  });
});
