import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { readEnvironment } from '../../src/config/env.js';
import { createChatAdapters } from '../../src/chat/create-adapters.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { backlogItem, OUTLET_FEEDS, OUTLET_NAMES, seedReports, serveOutletFeeds } from '../helpers/seed-feeds.js';
import { dropSchemas, postgresAvailable, TEST_PG_URL, uniqueSchema } from '../helpers/postgres.js';

const logger = pino({ level: 'silent' });
// 08:00 in Tokyo on Jan 27, 2026: the digest subscription below is due every 08:00 JST.
const T0 = Date.UTC(2026, 0, 26, 23, 0);

const pgAvailable = await postgresAvailable();
const pgSchemas: string[] = [];
afterAll(() => dropSchemas(pgSchemas));

describe.each([
  ['SQLite', (dir: string) => join(dir, 'newsbot.db')],
  ...(pgAvailable ? [['PostgreSQL', () => { const schema = uniqueSchema('delivery'); pgSchemas.push(schema); return `${TEST_PG_URL}?schema=${schema}`; }] as const] : []),
] as const)('delivery to Slack and Discord on %s (real Bolt app and discord.js REST, fake APIs on 127.0.0.1)', (_store, location) => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let feedServer: TestServer;
  let feeds: ReturnType<typeof serveOutletFeeds>;
  let dir: string;
  let app: App;
  let clock: number;

  beforeEach(async () => {
    [slack, discord, feedServer] = await Promise.all([startFakeSlack(), startFakeDiscord(), startTestServer()]);
    feeds = serveOutletFeeds(feedServer);
    dir = mkdtempSync(join(tmpdir(), 'newsbot-delivery-'));
    const configPath = join(dir, 'newsbot.yaml');
    writeFileSync(
      configPath,
      [
        'feeds:',
        ...OUTLET_FEEDS.map((feed) => `  - url: ${feeds.urls[feed]}\n    name: ${OUTLET_NAMES[feed]}`),
        'subscriptions:',
        '  - { platform: slack, channel: C100, mode: alert, settle: 2m, updateEvery: 10m }',
        '  - { platform: discord, channel: "111", mode: alert, settle: 2m, updateEvery: 10m }',
        '  - { platform: slack, channel: CGONE, mode: alert, settle: 2m }',
        '  - { platform: discord, channel: "222", mode: digest, schedule: "0 8 * * *", timezone: Asia/Tokyo }',
      ].join('\n'),
    );
    const env = readEnvironment({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: 'discord-test-token',
      DISCORD_APPLICATION_ID: '999',
      DISCORD_API_URL: discord.apiUrl,
      NEWSBOT_DB: location(dir),
    });
    slack.missingChannels.add('CGONE');
    clock = T0;
    app = await createApp(loadConfig(configPath, env), logger, { now: () => clock, adapters: createChatAdapters(env, logger, new PassThrough()) });
    // First poll: each feed's backlog, never alerted.
    for (const feed of OUTLET_FEEDS) feeds.publish(feed, [backlogItem(feed, T0)]);
    await app.pollOnce();
  });

  afterEach(async () => {
    await app.shutdown();
    await Promise.all([slack.close(), discord.close(), feedServer.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const slackPosts = (channel: string) => slack.accepted.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
  const discordPosts = (channel: string) => discord.accepted.filter((p) => p.channelId === channel);

  async function publishSeedStory(): Promise<void> {
    const reports = seedReports(T0 + 60 * 60_000);
    for (const feed of ['wire', 'daily', 'agence'] as const) feeds.publish(feed, [backlogItem(feed, T0), reports[feed]]);
    clock = T0 + 60 * 60_000;
    await app.pollOnce({ force: true });
  }

  it('the seed story arrives once per channel, as ONE message with three sources, after the settle delay', async () => {
    await publishSeedStory();
    expect((await app.deliver()).report.sent).toBe(0); // still settling: more sources may come
    expect(slack.accepted.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);

    clock += 3 * 60_000;
    await app.deliver();
    const [slackAlert] = slackPosts('C100');
    expect(slackPosts('C100')).toHaveLength(1);
    const slackText = JSON.stringify(slackAlert!.args.blocks);
    for (const outlet of ['World Desk Wire', 'Harbour City Daily', 'Agence Wire Asia']) expect(slackText).toContain(outlet);
    expect(String(slackAlert!.args.text)).toMatch(/Takaichi/);
    expect(slackAlert!.token).toBe('xoxb-test-token');

    expect(discordPosts('111')).toHaveLength(1);
    const discordBody = discordPosts('111')[0]!.body;
    expect(discordBody.allowed_mentions).toEqual({ parse: [] });
    expect((discordBody.embeds as unknown[]).length).toBe(1);
    for (const outlet of ['World Desk Wire', 'Harbour City Daily', 'Agence Wire Asia']) expect(JSON.stringify(discordBody.embeds)).toContain(outlet);
    expect(discordPosts('111')[0]!.authorization).toBe('Bot discord-test-token');

    // Nothing is posted twice, however often delivery runs.
    clock += 60_000;
    await app.deliver();
    await app.deliver();
    expect(slackPosts('C100')).toHaveLength(1);
    expect(discordPosts('111')).toHaveLength(1);
  });

  it('a permanent error stops only its subscription, with the reason; the others are delivered', async () => {
    await publishSeedStory();
    clock += 3 * 60_000;
    const { report } = await app.deliver();
    expect(report.failed).toEqual([expect.objectContaining({ reason: expect.stringMatching(/channel not found.*\[chat_channel_not_found\]/) })]);
    const subscriptions = await app.store.listSubscriptions();
    expect(subscriptions.find((s) => s.channel === 'CGONE')).toMatchObject({ status: 'failing', statusReason: expect.stringContaining('channel_not_found') });
    expect(subscriptions.find((s) => s.channel === 'C100')?.status).toBe('active');
    expect(slackPosts('C100')).toHaveLength(1);
    // It is not retried while failing.
    const attempts = slack.calls.filter((c) => c.args.channel === 'CGONE').length;
    clock += 60 * 60_000;
    await app.deliver();
    expect(slack.calls.filter((c) => c.args.channel === 'CGONE').length).toBe(attempts);
  });

  it('a 429 with Retry-After is retried after the wait, then delivered once (Slack and Discord)', async () => {
    slack.failNext({ rateLimited: 30 }, 'C100');
    discord.failNext({ rateLimited: 20 }, '111');
    await publishSeedStory();
    clock += 3 * 60_000;
    const first = await app.deliver();
    expect(first.report.retrying).toBe(2);
    expect(slackPosts('C100')).toHaveLength(0);
    expect(discordPosts('111')).toHaveLength(0);

    clock += 10_000; // not yet: Retry-After is 30 s / 20 s
    await app.deliver();
    expect(slackPosts('C100')).toHaveLength(0);

    clock += 31_000;
    await app.deliver();
    expect(slackPosts('C100')).toHaveLength(1);
    expect(discordPosts('111')).toHaveLength(1);
  });

  it('5xx answers are retried with backoff; nothing is lost', async () => {
    slack.failNext({ status: 503 }, 'C100');
    slack.failNext({ status: 502 }, 'C100');
    await publishSeedStory();
    clock += 3 * 60_000;
    await app.deliver();
    clock += 6_000;
    await app.deliver();
    expect(slackPosts('C100')).toHaveLength(0);
    clock += 11_000;
    await app.deliver();
    expect(slackPosts('C100')).toHaveLength(1);
    expect((await app.store.listOutbox()).filter((o) => o.status === 'pending')).toHaveLength(1); // CGONE's, kept
  });

  it('a later source of a posted story becomes one update ("+1 source"), never a new alert', async () => {
    await publishSeedStory();
    clock += 3 * 60_000;
    await app.deliver();
    const reports = seedReports(T0 + 60 * 60_000);
    feeds.publish('fourth', [backlogItem('fourth', T0), reports.fourth]);
    clock += 2 * 60_000;
    await app.pollOnce({ force: true });
    await app.deliver();
    expect(slackPosts('C100')).toHaveLength(1); // batched: at most one update every 10 minutes

    clock += 10 * 60_000;
    await app.deliver();
    expect(slackPosts('C100')).toHaveLength(2);
    const update = JSON.stringify(slackPosts('C100')[1]!.args);
    expect(update).toContain('Island Broadcaster');
    expect(update).toMatch(/\+1 source/);
    expect(slackPosts('C100')[1]!.args.thread_ts).toBe(slackPosts('C100')[0]!.args.ts); // in the alert's thread (tests/delivery/threads.test.ts)
    expect(discordPosts('111')).toHaveLength(1);
    const inThread = discord.accepted.filter((p) => discord.threads.get(p.channelId)?.parentId === '111');
    expect(inThread).toHaveLength(1);
    expect(String(inThread[0]!.body.content)).toMatch(/\+1 source/);
  });

  it('no floods: a report dated three days back is stored and grouped but never alerted', async () => {
    const old = seedReports(T0 - 72 * 3_600_000);
    feeds.publish('wire', [backlogItem('wire', T0), old.wire]);
    clock = T0 + 60 * 60_000;
    await app.pollOnce({ force: true });
    expect(await app.store.recentStories('japan-china-taiwan', 0, 10)).toHaveLength(1);
    clock += 5 * 60_000;
    await app.deliver();
    expect(slackPosts('C100')).toHaveLength(0);
    expect(discordPosts('111')).toHaveLength(0);
  });

  it('hostile text from a feed reaches chat inert: no mentions, no spoofed links', async () => {
    const reports = seedReports(T0 + 60 * 60_000);
    feeds.publish('wire', [backlogItem('wire', T0), { ...reports.wire, title: `@everyone <!channel> <@U123> <http://evil.example|bank.example> ${reports.wire.title}` }]);
    clock = T0 + 60 * 60_000;
    await app.pollOnce({ force: true });
    clock += 3 * 60_000;
    await app.deliver();
    const slackPayload = JSON.stringify(slackPosts('C100')[0]!.args);
    expect(slackPayload).not.toMatch(/<!channel>|<@U123>|<http:\/\/evil/);
    expect(slackPayload).toContain('&lt;!channel&gt;');
    const discordBody = discordPosts('111')[0]!.body;
    expect(discordBody.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(discordBody)).not.toMatch(/@everyone|<@U123>|\]\(http:\/\/evil/);
  });

  it('a digest is posted when its schedule passes (08:00 Asia/Tokyo), listing the stories of the window', async () => {
    await publishSeedStory();
    clock = T0 + 24 * 3_600_000 - 60_000; // 07:59 JST next day
    await app.deliver();
    expect(discordPosts('222')).toHaveLength(0);
    clock = T0 + 24 * 3_600_000 + 60_000; // 08:01 JST
    await app.deliver();
    expect(discordPosts('222')).toHaveLength(1);
    const digest = discordPosts('222')[0]!.body;
    expect(JSON.stringify(digest.embeds)).toContain('Takaichi');
    expect(digest.allowed_mentions).toEqual({ parse: [] });
    // Built once: the next tick does not post it again.
    clock += 60_000;
    await app.deliver();
    expect(discordPosts('222')).toHaveLength(1);
  });
});
