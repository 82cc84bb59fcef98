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
import { createSlackAdapter } from '../../src/chat/slack/adapter.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { startFakeSlack, type FakeSlack, type SlackCall } from '../helpers/fake-slack.js';
import { GUILD_ID, startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { backlogItem, OUTLET_FEEDS, OUTLET_NAMES, seedReports, serveOutletFeeds, type OutletFeed } from '../helpers/seed-feeds.js';
import { dropSchemas, postgresAvailable, TEST_PG_URL, uniqueSchema } from '../helpers/postgres.js';

const logger = pino({ level: 'silent' });
// 08:00 in Tokyo on Jan 27, 2026: the digest subscription below is due every 08:00 JST.
const T0 = Date.UTC(2026, 0, 26, 23, 0);

const OUTLETS: Record<OutletFeed, string> = {
  wire: '{ kind: wire }',
  daily: '{ country: JP, kind: public }',
  agence: '{ country: CN, kind: state }',
  fourth: '{ country: TW, kind: public }',
};

const pgAvailable = await postgresAvailable();
const pgSchemas: string[] = [];
afterAll(() => dropSchemas(pgSchemas));

describe.each([
  ['SQLite', (dir: string) => join(dir, 'newsbot.db')],
  ...(pgAvailable ? [['PostgreSQL', () => { const schema = uniqueSchema('threads'); pgSchemas.push(schema); return `${TEST_PG_URL}?schema=${schema}`; }] as const] : []),
] as const)('story threads and perspective through the fake Slack and Discord APIs, on %s', (_store, location) => {
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
    discord.forumChannels.add('444');
    dir = mkdtempSync(join(tmpdir(), 'newsbot-threads-'));
    const configPath = join(dir, 'newsbot.yaml');
    writeFileSync(
      configPath,
      [
        'feeds:',
        ...OUTLET_FEEDS.map((feed) => `  - url: ${feeds.urls[feed]}\n    name: ${OUTLET_NAMES[feed]}\n    outlet: ${OUTLETS[feed]}`),
        'subscriptions:',
        '  - { platform: slack, channel: C100, mode: alert, settle: 2m, updateEvery: 10m }',
        '  - { platform: discord, channel: "111", mode: alert, settle: 2m, updateEvery: 10m }',
        '  - { platform: slack, channel: C200, mode: alert, settle: 2m, updateEvery: 10m, updates: channel }',
        '  - { platform: discord, channel: "333", mode: alert, settle: 2m, updateEvery: 10m, updates: "off" }',
        '  - { platform: discord, channel: "444", mode: alert, settle: 2m, updateEvery: 10m }',
        '  - { platform: slack, channel: C300, mode: digest, schedule: "0 8 * * *", timezone: Asia/Tokyo }',
        '  - { platform: slack, channel: C400, mode: digest, schedule: "0 8 * * *", timezone: Asia/Tokyo, perspective: tw-public }',
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
    clock = T0;
    app = await createApp(loadConfig(configPath, env), logger, { now: () => clock, adapters: createChatAdapters(env, logger, new PassThrough()) });
    for (const feed of OUTLET_FEEDS) feeds.publish(feed, [backlogItem(feed, T0)]);
    await app.pollOnce();
  });

  afterEach(async () => {
    await app.shutdown();
    await Promise.all([slack.close(), discord.close(), feedServer.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const slackTopLevel = (channel: string): SlackCall[] =>
    slack.accepted.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts === undefined);
  const slackReplies = (channel: string, ts: unknown): SlackCall[] =>
    slack.accepted.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts === ts);
  const discordPosts = (channel: string) => discord.accepted.filter((p) => p.channelId === channel);
  /** The id Discord gave the n-th accepted message (the fake numbers them in order). */
  const discordIdOf = async (channel: string): Promise<string> => {
    const subscription = (await app.store.listSubscriptions()).find((s) => s.platform === 'discord' && s.channel === channel)!;
    const outbox = (await app.store.listOutbox()).find((o) => o.subscriptionId === subscription.id && o.kind === 'alert')!;
    return outbox.messageIds[0]!;
  };

  /** The seed story from three outlets, alerted everywhere after the settle delay. */
  async function alertSeedStory(): Promise<void> {
    const reports = seedReports(T0 + 60 * 60_000);
    for (const feed of ['wire', 'daily', 'agence'] as const) feeds.publish(feed, [backlogItem(feed, T0), reports[feed]]);
    clock = T0 + 60 * 60_000;
    await app.pollOnce({ force: true });
    clock += 3 * 60_000;
    await app.deliver();
  }

  /** A fourth outlet reports the same event; the batched update becomes due. */
  async function fourthOutletReports(): Promise<void> {
    const reports = seedReports(T0 + 60 * 60_000);
    feeds.publish('fourth', [backlogItem('fourth', T0), reports.fourth]);
    clock += 2 * 60_000;
    await app.pollOnce({ force: true });
    clock += 10 * 60_000;
    await app.deliver();
  }

  it('the alert shows its spread: "3 sources — wire, JP public, CN state", covered from JP and CN', async () => {
    await alertSeedStory();
    const [alert] = slackTopLevel('C100');
    const blocks = JSON.stringify(alert!.args.blocks);
    expect(blocks).toContain('3 sources — wire, JP public, CN state');
    expect(blocks).toContain('covered from JP and CN');
    expect(blocks).toContain('Harbour City Daily (JP public)');
    expect(String(discordPosts('111')[0]!.body.content)).toMatch(/^\*\*New story\*\* · 3 sources — wire, JP public, CN state · \*\*covered from JP and CN\*\*$/);
  });

  it('a fourth outlet goes into the alert\'s thread (Slack thread_ts, Discord thread from the alert); the alert is edited to 4 sources; no new top-level message', async () => {
    await alertSeedStory();
    expect(slackTopLevel('C100')).toHaveLength(1);
    const alertTs = slackTopLevel('C100')[0]!.args.ts;
    const discordAlertId = await discordIdOf('111');
    await fourthOutletReports();

    // Slack: one reply in the alert's thread, the alert rewritten in place, nothing new in the channel.
    expect(slackTopLevel('C100')).toHaveLength(1);
    const replies = slackReplies('C100', alertTs);
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]!.args.blocks)).toContain('Island Broadcaster (TW public)');
    expect(String(replies[0]!.args.text)).toMatch(/\+1 source/);
    const edit = slack.updates.find((u) => u.args.ts === alertTs && u.args.channel === 'C100');
    expect(edit).toBeDefined();
    expect(JSON.stringify(edit!.args.blocks)).toContain('4 sources — wire, JP public, CN state, TW public');
    expect(JSON.stringify(edit!.args.blocks)).toContain('covered from JP, CN and TW');

    // Discord: a thread started from the alert (same id), the update posted in it, the alert edited.
    expect(discord.threads.get(discordAlertId)).toMatchObject({ parentId: '111', name: expect.stringContaining('Takaichi') });
    expect(discordPosts('111')).toHaveLength(1);
    expect(discordPosts(discordAlertId)).toHaveLength(1);
    expect(String(discordPosts(discordAlertId)[0]!.body.content)).toContain('Island Broadcaster (TW public)');
    expect(discordPosts(discordAlertId)[0]!.body.allowed_mentions).toEqual({ parse: [] });
    const discordEdit = discord.edits.find((e) => e.channelId === '111' && e.messageId === discordAlertId);
    expect(String(discordEdit?.body.content)).toContain('4 sources — wire, JP public, CN state, TW public');
    expect(discordEdit?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('updates: channel posts the update in the channel; updates: off posts nothing but still edits the alert', async () => {
    await alertSeedStory();
    const offAlertId = await discordIdOf('333');
    await fourthOutletReports();
    const c200 = slackTopLevel('C200');
    expect(c200).toHaveLength(2);
    expect(String(c200[1]!.args.text)).toMatch(/^Update: \+1 source: Island Broadcaster \(TW public\)/);
    expect(slack.updates.some((u) => u.args.channel === 'C200' && u.args.ts === c200[0]!.args.ts)).toBe(true);

    expect(discordPosts('333')).toHaveLength(1);
    expect(discord.threads.has(offAlertId)).toBe(false);
    expect(String(discord.edits.find((e) => e.channelId === '333')?.body.content)).toContain('4 sources');
  });

  it('a forum channel: the story is a forum post, its updates are replies in it, and its first message is edited', async () => {
    await alertSeedStory();
    const [post] = [...discord.threads.entries()].filter(([, thread]) => thread.parentId === '444');
    expect(post).toBeDefined();
    const [postId, thread] = post!;
    expect(thread.name).toContain('Takaichi');
    expect(JSON.stringify(thread.starter?.body.embeds)).toContain('World Desk Wire');
    await fourthOutletReports();
    expect(discordPosts(postId).filter((p) => String(p.body.content).includes('Island Broadcaster'))).toHaveLength(1);
    expect(discord.edits.find((e) => e.channelId === postId && e.messageId === postId)?.body.content).toMatch(/4 sources/);
    expect([...discord.threads.values()].filter((t) => t.parentId === '444')).toHaveLength(1);
  });

  it('Slack fallback: the first alert was deleted, so the update goes to the channel with a note, and becomes the story\'s new anchor', async () => {
    await alertSeedStory();
    slack.deleteMessage(String(slackTopLevel('C100')[0]!.args.ts));
    await fourthOutletReports();
    const posts = slackTopLevel('C100');
    expect(posts).toHaveLength(2);
    const fallback = JSON.stringify(posts[1]!.args.blocks);
    expect(fallback).toContain('Island Broadcaster (TW public)');
    expect(fallback).toContain("this story's thread could not be used: the first alert was deleted");
    const subscription = (await app.store.listSubscriptions()).find((s) => s.channel === 'C100')!;
    const story = (await app.store.recentStories('japan-china-taiwan', 0, 1))[0]!;
    expect((await app.store.getDelivery(subscription.id, story.id))?.thread?.anchorId).toBe(posts[1]!.args.ts);
    expect((await app.store.listOutbox()).filter((o) => o.status === 'pending')).toHaveLength(0);
  });

  it('Discord fallback: a deleted thread, or no permission to start one, sends the update to the channel with the reason; an archived thread is reopened', async () => {
    await alertSeedStory();
    // 111: someone started the thread by hand, then deleted it. 333 is "off". 444 (forum): archived.
    const alertId = await discordIdOf('111');
    discord.threads.set(alertId, { parentId: '111', name: 'by hand', archived: false, locked: false });
    discord.missingChannels.add(alertId);
    const [forumPostId, forumThread] = [...discord.threads.entries()].find(([, t]) => t.parentId === '444')!;
    forumThread.archived = true;
    await fourthOutletReports();

    expect(discordPosts('111')).toHaveLength(2);
    expect(String(discordPosts('111')[1]!.body.content)).toMatch(/thread could not be used: the thread was deleted/);
    expect(forumThread.archived).toBe(false);
    expect(discordPosts(forumPostId).some((p) => String(p.body.content).includes('Island Broadcaster'))).toBe(true);
  });

  it('Discord fallback: without permission to start threads the update lands in the channel, saying why', async () => {
    discord.noThreadPermission.add('111');
    await alertSeedStory();
    await fourthOutletReports();
    expect(discordPosts('111')).toHaveLength(2);
    expect(String(discordPosts('111')[1]!.body.content)).toMatch(/the bot may not create threads here/);
    expect((await app.store.listSubscriptions()).find((s) => s.channel === '111')?.status).toBe('active');
  });

  it('an edit Slack refuses (edit window closed) does not stop the update going into the thread', async () => {
    await alertSeedStory();
    const alertTs = String(slackTopLevel('C100')[0]!.args.ts);
    slack.editRefusals.set(alertTs, 'edit_window_closed');
    await fourthOutletReports();
    expect(slackReplies('C100', alertTs)).toHaveLength(1);
    expect(slackTopLevel('C100')).toHaveLength(1);
  });

  it('a digest links each story to its thread, and a perspective digest lists only stories with such a report', async () => {
    await alertSeedStory();
    const alertTs = String(slackTopLevel('C100')[0]!.args.ts);
    clock = T0 + 24 * 3_600_000 + 60_000; // 08:01 JST next day
    await app.deliver();
    const [digest] = slackTopLevel('C300');
    const blocks = JSON.stringify(digest!.args.blocks);
    expect(blocks).toContain(`https://fake.slack.test/archives/C100/p${alertTs.replace('.', '')}`);
    expect(blocks).toContain('follow the story in its thread');
    // No Taiwanese public outlet reported the story yet: the tw-public digest has nothing to post.
    expect(slackTopLevel('C400')).toHaveLength(0);

    // The Discord link is to the alert in its guild channel.
    const discordThread = (await app.store.getDelivery((await app.store.listSubscriptions()).find((s) => s.channel === '111')!.id, (await app.store.recentStories('japan-china-taiwan', 0, 1))[0]!.id))?.thread;
    expect(discordThread?.url).toBe(`https://discord.com/channels/${GUILD_ID}/111/${await discordIdOf('111')}`);
  });

  it('a perspective digest posts a story once a report from that perspective joins it', async () => {
    await alertSeedStory();
    await fourthOutletReports(); // Island Broadcaster: TW public
    clock = T0 + 24 * 3_600_000 + 60_000;
    await app.deliver();
    const [digest] = slackTopLevel('C400');
    expect(digest).toBeDefined();
    expect(String(digest!.args.text)).toMatch(/tw-public reports/);
    expect(JSON.stringify(digest!.args.blocks)).toContain('Takaichi');
  });
});

describe('a thread reply whose answer never came is found in the thread, not posted twice', () => {
  it('Slack accepted the reply but the answer was lost: the retry finds it with conversations.replies', async () => {
    const [slack, feedServer] = await Promise.all([startFakeSlack(), startTestServer()]);
    const feeds = serveOutletFeeds(feedServer);
    const dir = mkdtempSync(join(tmpdir(), 'newsbot-thread-crash-'));
    const configPath = join(dir, 'newsbot.yaml');
    writeFileSync(configPath, [
      'feeds:',
      ...OUTLET_FEEDS.map((feed) => `  - url: ${feeds.urls[feed]}\n    name: ${OUTLET_NAMES[feed]}`),
      'subscriptions:',
      '  - { platform: slack, channel: C100, mode: alert, settle: 2m, updateEvery: 10m }',
    ].join('\n'));
    const env = readEnvironment({ NEWSBOT_DB: join(dir, 'newsbot.db') });
    const adapters = new Map([['slack' as const, createSlackAdapter({ botToken: 'xoxb-test-token', signingSecret: 'secret', apiUrl: slack.apiUrl, port: 0, logger, timeoutMs: 300 })]]);
    let clock = T0;
    const app = await createApp(loadConfig(configPath, env), logger, { now: () => clock, adapters });
    try {
      for (const feed of OUTLET_FEEDS) feeds.publish(feed, [backlogItem(feed, T0)]);
      await app.pollOnce();
      const reports = seedReports(T0 + 60 * 60_000);
      for (const feed of ['wire', 'daily', 'agence'] as const) feeds.publish(feed, [backlogItem(feed, T0), reports[feed]]);
      clock = T0 + 60 * 60_000;
      await app.pollOnce({ force: true });
      clock += 3 * 60_000;
      await app.deliver();
      feeds.publish('fourth', [backlogItem('fourth', T0), reports.fourth]);
      clock += 2 * 60_000;
      await app.pollOnce({ force: true });

      slack.failNext('accept-hang', 'C100'); // the reply is posted, the answer never arrives
      clock += 10 * 60_000;
      expect((await app.deliver()).report.retrying).toBe(1);
      clock += 60_000;
      expect((await app.deliver()).report.sent).toBe(1);

      const posts = slack.accepted.filter((c) => c.method === 'chat.postMessage');
      const alertTs = posts[0]!.args.ts;
      expect(posts.filter((c) => c.args.thread_ts === alertTs)).toHaveLength(1);
      expect(posts.filter((c) => c.args.thread_ts === undefined)).toHaveLength(1);
      expect(slack.calls.some((c) => c.method === 'conversations.replies' && c.args.ts === alertTs)).toBe(true);
    } finally {
      await app.shutdown();
      await Promise.all([slack.close(), feedServer.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
