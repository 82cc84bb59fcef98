import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { readEnvironment } from '../../src/config/env.js';
import { createChatAdapters } from '../../src/chat/create-adapters.js';
import { nextScheduledTime } from '../../src/pipeline/delivery-planner.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { attachFakeGateway, type FakeGateway, type InteractionCall } from '../helpers/fake-discord-gateway.js';
import { backlogItem, OUTLET_FEEDS, OUTLET_NAMES, publishEventsApart, seedReports, serveOutletFeeds } from '../helpers/seed-feeds.js';
import { executeCommand } from '../../src/commands/execute.js';
import type { CommandContext } from '../../src/commands/types.js';

const APP_ID = '424242424242424242';
const GUILD = '515151515151515151';
const CHANNEL = '606060606060606060';
// Errors are kept (and echoed with TEST_LOG set): a follow-up that fails must say so in the log.
const logged: Array<{ msg?: string; followUp?: number; notSent?: number }> = [];
const logger = pino({ level: process.env.TEST_LOG ?? 'error' }, {
  write: (line: string) => {
    logged.push(JSON.parse(line) as { msg?: string });
    if (process.env.TEST_LOG) process.stderr.write(line);
  },
});

describe('/news on Discord: the real discord.js Client against a fake gateway and REST API', () => {
  let discord: FakeDiscord;
  let gateway: FakeGateway;
  let feedServer: TestServer;
  let feeds: ReturnType<typeof serveOutletFeeds>;
  let dir: string;
  let app: App;
  let clock: number;

  beforeAll(async () => {
    [discord, feedServer] = await Promise.all([startFakeDiscord(), startTestServer()]);
    gateway = await attachFakeGateway(discord, APP_ID);
    feeds = serveOutletFeeds(feedServer);
    dir = mkdtempSync(join(tmpdir(), 'newsbot-discord-cmd-'));
    writeFileSync(join(dir, 'newsbot.yaml'), ['feeds:', ...OUTLET_FEEDS.map((f) => `  - url: ${feeds.urls[f]}\n    name: ${OUTLET_NAMES[f]}`), 'delivery:\n  timezone: Asia/Taipei'].join('\n'));
    const env = readEnvironment({ DISCORD_TOKEN: 'discord-cmd-token', DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: discord.apiUrl, DISCORD_GUILD_ID: GUILD, NEWSBOT_DB: join(dir, 'db.sqlite') });
    // Fixed, not the wall clock: 08:00:20 in Taipei, 20 s after the daily digest's slot. The first
    // digest then comes at 08:01 the next day and must still list what arrived just after
    // subscribing (a first window of only the last 24 h missed it: this test failed when CI ran it
    // at that time of day).
    clock = Date.UTC(2026, 10, 25, 0, 0, 20);
    app = await createApp(loadConfig(join(dir, 'newsbot.yaml'), env), logger, { now: () => clock, adapters: createChatAdapters(env, logger, new PassThrough()) });
    await app.adapters.get('discord')!.start!(app.commands);
    await gateway.identified;
  });
  afterAll(async () => {
    await app.shutdown();
    await gateway.close();
    await Promise.all([discord.close(), feedServer.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Dispatch /news and wait until its answer (edit of the deferred reply, and any follow-up)
   * arrives; with `until`, until its calls so far satisfy it (or 2 s passed).
   */
  async function news(subcommand: string, options: Array<{ name: string; type: number; value: unknown }> = [], who: { manageChannels?: boolean; group?: string; until?: (calls: InteractionCall[]) => boolean } = {}) {
    const before = gateway.interactionCalls.length;
    const id = gateway.dispatchNews({ channelId: CHANNEL, guildId: GUILD, userId: '777', manageChannels: who.manageChannels ?? true, subcommand, options, ...(who.group ? { group: who.group } : {}) });
    const mine = (): InteractionCall[] => gateway.interactionCalls.slice(before);
    for (let i = 0; i < 200 && !mine().some((c) => c.kind === 'edit-original'); i++) await new Promise((r) => setTimeout(r, 10));
    for (let i = 0; i < 200 && who.until && !who.until(mine()); i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 30)); // a follow-up comes right after the edit
    const calls = mine();
    return {
      id,
      callback: calls.find((c) => c.kind === 'callback' && c.path.includes(id)),
      edit: calls.find((c) => c.kind === 'edit-original')?.body,
      followUp: calls.find((c) => c.kind === 'follow-up')?.body,
      followUps: calls.filter((c) => c.kind === 'follow-up').map((c) => c.body),
      edits: calls.filter((c) => c.kind === 'edit-original').map((c) => c.body),
    };
  }

  it('registers /news in the development guild at start-up, with subcommands', () => {
    expect(gateway.registeredCommands).toHaveLength(1);
    expect(gateway.registeredCommands[0]!.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD}/commands`);
    const [command] = gateway.registeredCommands[0]!.body as Array<{ name: string; options: Array<{ name: string }> }>;
    expect(command!.name).toBe('news');
    expect(command!.options.map((o) => o.name)).toEqual(expect.arrayContaining(['subscribe', 'latest', 'search', 'story', 'why', 'feeds', 'feed', 'list', 'pause', 'resume', 'unsubscribe', 'help']));
  });

  it('defers every interaction as ephemeral before working (the 3-second rule), then edits the reply', async () => {
    const answer = await news('help');
    expect(answer.callback?.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(String(answer.edit?.content)).toMatch(/^newsbot: Japan–China–Taiwan news/);
    expect(answer.edit?.allowed_mentions).toEqual({ parse: [] });
  });

  it('subscribe → poll → digest → latest / search / story, end to end', async () => {
    const sub = await news('subscribe', [
      { name: 'mode', type: 3, value: 'digest' },
      { name: 'schedule', type: 3, value: '0 8 * * *' },
    ]);
    expect(String(sub.edit?.content)).toBe('Done: posted to the channel.');
    expect(String(sub.followUp?.content)).toMatch(/^Subscribed: japan-china-taiwan, digest at "0 8 \\\* \\\* \\\*" \(Asia\/Taipei\)/);
    expect(await app.store.channelSubscriptions('discord', CHANNEL)).toEqual([expect.objectContaining({ workspace: GUILD, origin: 'chat', mode: 'digest', timeZone: 'Asia/Taipei' })]);

    for (const f of OUTLET_FEEDS) feeds.publish(f, [backlogItem(f, clock)]);
    await app.pollOnce({ force: true });
    const reports = seedReports(clock);
    for (const f of ['wire', 'daily', 'agence'] as const) feeds.publish(f, [backlogItem(f, clock), reports[f]]);
    await app.pollOnce({ force: true });
    clock = nextScheduledTime('0 8 * * *', 'Asia/Taipei', clock)! + 60_000;
    await app.deliver();
    const digests = discord.accepted.filter((p) => p.channelId === CHANNEL);
    expect(digests).toHaveLength(1);
    expect(JSON.stringify(digests[0]!.body.embeds)).toContain('Harbour City Daily');

    const latest = await news('latest', [{ name: 'count', type: 4, value: 3 }]);
    expect(latest.followUp).toBeUndefined(); // lookups stay with the user
    expect(JSON.stringify(latest.edit?.embeds)).toMatch(/Takaichi/);

    const search = await news('search', [{ name: 'query', type: 3, value: '"Japan-US alliance" -weather' }]);
    expect(String(search.edit?.content)).toMatch(/^Search for "Japan-US alliance" -weather: \d+ results?/);
    // On Discord, sharing is the share option: a query ending in the word "share" stays private and whole.
    const marketShare = await news('search', [{ name: 'query', type: 3, value: 'alliance share' }]);
    expect(marketShare.followUp).toBeUndefined();
    expect(String(marketShare.edit?.content)).toMatch(/alliance share/);

    const storyId = (await app.store.recentStories('japan-china-taiwan', 0, 1))[0]!.id;
    const story = await news('story', [{ name: 'id', type: 3, value: storyId }, { name: 'share', type: 5, value: true }]);
    expect(String(story.followUp?.content)).toMatch(new RegExp(`^Story #${storyId}: 3 sources\\.\\n[\\s\\S]*\\nTimeline:\\n`));
    expect(story.followUp?.allowed_mentions).toEqual({ parse: [] });
  });

  it('reads an option typed with its own quotes, straight or curly, as the value inside them', async () => {
    for (const typed of ['“0 9 * * *”', "'0 9 * * *'"]) {
      const sub = await news('subscribe', [{ name: 'schedule', type: 3, value: typed }]);
      expect(String(sub.followUp?.content), typed).toMatch(/^Subscri(bed|ption updated): japan-china-taiwan, digest at "0 9 \\\* \\\* \\\*"/);
    }
    expect((await app.store.channelSubscriptions('discord', CHANNEL))[0]?.schedule).toBe('0 9 * * *');
  });

  /**
   * Twenty-odd more stories, one report each, from the Island Broadcaster feed (once for the tests
   * that need them); resolves to the headlines `latest 20` lists, in its order.
   */
  let manyStories: Promise<string[]> | undefined;
  const publishManyStories = (): Promise<string[]> => (manyStories ??= publishEvents());
  async function publishEvents(): Promise<string[]> {
    await publishEventsApart(feeds.publish, 'fourth', () => (clock += 4 * 24 * 3_600_000), () => app.pollOnce({ force: true }));
    const context: CommandContext = { platform: 'discord', workspace: GUILD, channel: CHANNEL, user: '777', isAdmin: true, adminRule: 'admins', timeZone: null };
    const expected = (await executeCommand('latest 20', context, app.commands.deps)).stories?.stories.map((s) => s.headline) ?? [];
    expect(expected).toHaveLength(20);
    return expected;
  }

  type Embed = { title?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string }; author?: { name: string } };
  /** Characters Discord counts towards a message's 6000. */
  const embedChars = (e: Embed): number =>
    (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  /** Story embeds' titles ("3. headline") in the order a user reads them, across messages. */
  const headlinesIn = (messages: Array<Record<string, unknown>>): Array<{ number: number; headline: string }> =>
    messages.flatMap((m) => ((m.embeds ?? []) as Embed[]).map((e) => /^(\d+)\. (.*)$/.exec(e.title ?? '')).filter((x) => x !== null).map((x) => ({ number: Number(x[1]), headline: x[2]! })));

  it('latest 20: the stories one message cannot hold follow in follow-ups, in order, each within Discord\'s limits, as visible as the first', async () => {
    const expected = await publishManyStories();
    for (const share of [false, true]) {
      const allShown = (calls: InteractionCall[]): boolean => headlinesIn(calls.filter((c) => c.kind !== 'callback').map((c) => c.body)).length >= 20;
      const answer = await news('latest', [{ name: 'count', type: 4, value: 20 }, ...(share ? [{ name: 'share', type: 5, value: true }] : [])], { until: allShown });
      // Private: the deferred reply is the first message, follow-ups carry the ephemeral flag too.
      // Shared: the deferred reply says so, and every message is a follow-up to the channel.
      const messages = share ? answer.followUps : [answer.edit!, ...answer.followUps];
      if (share) expect(answer.edit?.content).toBe('Done: posted to the channel.');
      expect(messages.length).toBeGreaterThan(1);
      for (const followUp of answer.followUps) expect((Number(followUp.flags ?? 0) & 64) !== 0).toBe(!share);
      for (const message of messages) {
        const embeds = message.embeds as Embed[];
        expect(embeds.length).toBeLessThanOrEqual(10);
        expect(embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(6000);
        expect(String(message.content).length).toBeLessThanOrEqual(2000);
        expect(message.allowed_mentions).toEqual({ parse: [] });
      }
      // Every story once, in the command's order, numbered on across messages.
      const shown = headlinesIn(messages);
      expect(shown.map((s) => s.headline)).toEqual(expected);
      expect(shown.map((s) => s.number)).toEqual(expected.map((_, i) => i + 1));
      const firstCount = headlinesIn(messages.slice(0, 1)).length;
      expect(String(messages[0]!.content)).toMatch(/^Latest 20 stories/);
      expect(String(messages[0]!.content)).toContain(`Showing stories 1–${firstCount} of 20; stories ${firstCount + 1}–20 follow in ${messages.length - 1} more message`);
      expect(String(messages[1]!.content)).toMatch(new RegExp(`^Latest 20 stories, continued: stories? ${firstCount + 1}`));
    }
  });

  it('latest 20: a follow-up Discord refuses is logged; the first message stands, not replaced by an error', async () => {
    await publishManyStories();
    gateway.webhookFault = (call) => (call.kind === 'follow-up' ? { status: 400, code: 50035, message: 'Invalid Form Body' } : null);
    const before = logged.length;
    const callsBefore = gateway.interactionCalls.length;
    const failedLog = () => logged.slice(before).filter((l) => l.msg === 'could not send a follow-up message of a command reply');
    try {
      await news('latest', [{ name: 'count', type: 4, value: 20 }]);
      for (let i = 0; i < 100 && failedLog().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      gateway.webhookFault = null;
    }
    const calls = gateway.interactionCalls.slice(callsBefore);
    expect(calls.filter((c) => c.kind === 'follow-up')).toEqual([]);
    const edits = calls.filter((c) => c.kind === 'edit-original');
    expect(edits).toHaveLength(1); // the first page, never edited into an error message
    expect(String(edits[0]!.body.content)).toMatch(/Showing stories 1–\d+ of 20; stories \d+–20 follow/);
    expect(failedLog()).toEqual([expect.objectContaining({ followUp: 1 })]);
    expect(logged.slice(before).filter((l) => l.msg === 'slash command failed')).toEqual([]);
    expect(String((await news('help')).edit?.content)).toMatch(/^newsbot:/);
  });

  it('refuses admin subcommands without Manage Channels, politely and privately', async () => {
    const refused = await news('pause', [], { manageChannels: false });
    expect(refused.followUp).toBeUndefined();
    expect(String(refused.edit?.content)).toMatch(/^Sorry, only members with the Manage Channels permission can use "pause"/);
    const feedAdd = await news('add', [{ name: 'url', type: 3, value: 'https://example.com/rss' }], { manageChannels: false, group: 'feed' });
    expect(String(feedAdd.edit?.content)).toMatch(/can use "feed add"/);
  });

  it('pauses the channel\'s subscriptions when the channel is deleted', async () => {
    gateway.dispatch('CHANNEL_DELETE', { id: CHANNEL, type: 0, guild_id: GUILD, name: 'news', position: 0, permission_overwrites: [] });
    for (let i = 0; i < 100; i++) {
      if ((await app.store.channelSubscriptions('discord', CHANNEL)).every((s) => s.status === 'paused')) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await app.store.channelSubscriptions('discord', CHANNEL)).toEqual([expect.objectContaining({ status: 'paused', statusReason: 'the channel was deleted' })]);
  });
});
