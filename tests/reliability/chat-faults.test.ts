import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { readEnvironment } from '../../src/config/env.js';
import { createConsoleAdapter } from '../../src/chat/console/adapter.js';
import { createSlackAdapter } from '../../src/chat/slack/adapter.js';
import { createDiscordAdapter } from '../../src/chat/discord/adapter.js';
import type { ChatAdapter } from '../../src/chat/adapter.js';
import type { Platform } from '../../src/store/types.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { backlogItem, OUTLET_FEEDS, OUTLET_NAMES, seedReports, serveOutletFeeds } from '../helpers/seed-feeds.js';

const logger = pino({ level: 'silent' });
const T0 = Date.UTC(2026, 0, 26, 23, 0);
const CHANNELS = { slack: ['C1', 'C2'], discord: ['101', '102'] };

describe('chat API faults: nothing lost, nothing posted twice, other channels served', () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let feedServer: TestServer;
  let dir: string;
  let app: App;
  let clock: number;

  beforeEach(async () => {
    [slack, discord, feedServer] = await Promise.all([startFakeSlack(), startFakeDiscord(), startTestServer()]);
    const feeds = serveOutletFeeds(feedServer);
    dir = mkdtempSync(join(tmpdir(), 'newsbot-faults-'));
    writeFileSync(
      join(dir, 'newsbot.yaml'),
      [
        'feeds:',
        ...OUTLET_FEEDS.map((f) => `  - url: ${feeds.urls[f]}\n    name: ${OUTLET_NAMES[f]}`),
        'subscriptions:',
        ...CHANNELS.slack.map((c) => `  - { platform: slack, channel: ${c}, mode: alert, settle: 1m }`),
        ...CHANNELS.discord.map((c) => `  - { platform: discord, channel: "${c}", mode: alert, settle: 1m }`),
      ].join('\n'),
    );
    const env = readEnvironment({ NEWSBOT_DB: join(dir, 'db.sqlite') });
    const adapters = new Map<Platform, ChatAdapter>([
      ['console', createConsoleAdapter(new PassThrough())],
      ['slack', createSlackAdapter({ botToken: 'xoxb-f', signingSecret: 's', apiUrl: slack.apiUrl, port: 0, logger, timeoutMs: 400 })],
      ['discord', createDiscordAdapter({ token: 'd', applicationId: '9', apiUrl: discord.apiUrl, logger, timeoutMs: 400 })],
    ]);
    clock = T0;
    app = await createApp(loadConfig(join(dir, 'newsbot.yaml'), env), logger, { now: () => clock, adapters });
    for (const f of OUTLET_FEEDS) feeds.publish(f, [backlogItem(f, T0)]);
    await app.pollOnce();
    // Three outlets report; then a second, different story from the fourth outlet.
    const reports = seedReports(T0 + 3_600_000);
    for (const f of ['wire', 'daily', 'agence'] as const) feeds.publish(f, [backlogItem(f, T0), reports[f]]);
    feeds.publish('fourth', [backlogItem('fourth', T0), { title: 'PLA launches drills around Taiwan with warships and aircraft', link: 'https://island.example/drills', guid: 'ib-drills', pubDate: new Date(T0 + 3_500_000).toUTCString(), description: 'The Eastern Theater Command said the exercise tests blockade operations; Taipei scrambled jets.' }]);
    clock = T0 + 3_600_000;
    await app.pollOnce({ force: true });
    clock += 2 * 60_000;
  });

  afterEach(async () => {
    await app.shutdown();
    await Promise.all([slack.close(), discord.close(), feedServer.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Deliver repeatedly as the clock advances, as `newsbot run` does every minute. */
  async function deliverFor(minutes: number): Promise<void> {
    for (let i = 0; i < minutes * 2; i++) {
      await app.deliver();
      clock += 30_000;
    }
  }

  const posted = () => [
    ...slack.accepted.filter((c) => c.method === 'chat.postMessage').map((c) => `${String(c.args.channel)}:${String(c.args.text).slice(0, 40)}`),
    ...discord.accepted.map((p) => `${p.channelId}:${JSON.stringify(p.body.embeds).slice(0, 60)}`),
  ];

  /** Every channel got each of the 2 stories exactly once. */
  function expectExactlyOnceEverywhere(): void {
    const all = posted();
    expect(new Set(all).size).toBe(all.length); // no duplicates
    for (const channel of [...CHANNELS.slack, ...CHANNELS.discord]) expect(all.filter((p) => p.startsWith(`${channel}:`))).toHaveLength(2);
  }

  it('a 429 storm on one channel delays only that channel', async () => {
    for (let i = 0; i < 10; i++) slack.failNext({ rateLimited: 1 }, 'C1');
    for (let i = 0; i < 10; i++) discord.failNext({ rateLimited: 0.5 }, '101');
    await app.deliver();
    expect(posted().filter((p) => p.startsWith('C2:') || p.startsWith('102:'))).toHaveLength(4);
    // A channel's messages go out in order, so its second story waits behind the first, which backs
    // off (5 s doubling, at most 15 min) through all ten refusals: about an hour in all.
    await deliverFor(90);
    expectExactlyOnceEverywhere();
  });

  it('5xx answers, timeouts and connection resets are retried until delivered, once', async () => {
    slack.failNext({ status: 500 }, 'C1');
    slack.failNext('hang', 'C1');
    slack.failNext('reset', 'C2');
    discord.failNext({ status: 502, code: 0, message: 'Bad Gateway' }, '101');
    discord.failNext('hang', '102');
    discord.failNext('reset', '101');
    await deliverFor(30);
    expectExactlyOnceEverywhere();
    expect((await app.store.listOutbox()).every((o) => o.status === 'sent')).toBe(true);
  });

  it('a Slack token revoked mid-run stops Slack subscriptions with the reason; Discord goes on; nothing is lost', async () => {
    slack.revoked = 'token_revoked';
    await deliverFor(5);
    const subscriptions = await app.store.listSubscriptions();
    for (const sub of subscriptions.filter((s) => s.platform === 'slack')) expect(sub).toMatchObject({ status: 'failing', statusReason: expect.stringContaining('token_revoked') });
    expect(posted().filter((p) => p.startsWith('101:') || p.startsWith('102:'))).toHaveLength(4);
    expect((await app.store.listOutbox()).filter((o) => o.status === 'pending')).toHaveLength(4); // kept, not dropped

    // A new token: the operator restarts (config subscriptions become active again) and the queue drains.
    slack.revoked = null;
    await app.store.syncConfiguredSubscriptions(app.config.subscriptions, clock);
    await deliverFor(5);
    expectExactlyOnceEverywhere();
  });
});
