import { createHmac } from 'node:crypto';
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
import { executeCommand } from '../../src/commands/execute.js';
import type { CommandContext } from '../../src/commands/types.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { backlogItem, OUTLET_FEEDS, OUTLET_NAMES, publishEventsApart, seedReports, serveOutletFeeds } from '../helpers/seed-feeds.js';
import { freePort } from '../helpers/ports.js';

const SECRET = 'slack-signing-secret-for-tests';
// Errors are kept: a follow-up that fails must say so in the log.
const logged: Array<{ msg?: string; followUp?: number; notSent?: number }> = [];
const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(JSON.parse(line) as { msg?: string }) });

describe('/news on Slack: signed requests to the real Bolt receiver on 127.0.0.1', () => {
  let slack: FakeSlack;
  let feedServer: TestServer;
  let feeds: ReturnType<typeof serveOutletFeeds>;
  let dir: string;
  let app: App;
  let port: number;
  let clock: number;
  let responseCount = 0;

  beforeAll(async () => {
    [slack, feedServer] = await Promise.all([startFakeSlack(), startTestServer()]);
    feeds = serveOutletFeeds(feedServer);
    dir = mkdtempSync(join(tmpdir(), 'newsbot-slack-cmd-'));
    port = await freePort();
    writeFileSync(join(dir, 'newsbot.yaml'), ['feeds:', ...OUTLET_FEEDS.map((f) => `  - url: ${feeds.urls[f]}\n    name: ${OUTLET_NAMES[f]}`), 'delivery:\n  timezone: Asia/Tokyo', 'security:\n  allowHosts: [127.0.0.1]'].join('\n'));
    const env = readEnvironment({ SLACK_BOT_TOKEN: 'xoxb-cmd', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port), NEWSBOT_DB: join(dir, 'db.sqlite') });
    // The app's clock is fixed (Slack's signed timestamps and the fake API's message times stay
    // real, and later than it): 10:00 in Tokyo, so the 08:00 digest comes 22 h after the poll, and
    // the feeds' "items in 24 h" still count that poll, at any hour the test runs.
    clock = Date.UTC(2026, 10, 20, 1, 0, 0);
    app = await createApp(loadConfig(join(dir, 'newsbot.yaml'), env), logger, { now: () => clock, adapters: createChatAdapters(env, logger, new PassThrough()) });
    await app.adapters.get('slack')!.start!(app.commands);
    slack.admins.add('UADMIN');
  });
  afterAll(async () => {
    await app.shutdown();
    await Promise.all([slack.close(), feedServer.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  /** POST a slash command as Slack does: form body, timestamp and HMAC signature headers. */
  async function slash(text: string, user = 'UADMIN', channel = 'C500', options: { timestamp?: number; secret?: string } = {}) {
    const responseUrl = `${slack.responseUrlBase}/${++responseCount}`;
    const body = new URLSearchParams({ token: 'legacy', team_id: 'T0001', channel_id: channel, user_id: user, command: '/news', text, response_url: responseUrl, trigger_id: '1.2.3' }).toString();
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', options.secret ?? SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const started = Date.now();
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
      body,
    });
    const ackMs = Date.now() - started;
    const path = new URL(responseUrl).pathname;
    const posted = () => slack.responses.filter((r) => r.path === path).map((r) => r.body);
    const reply = async () => {
      for (let i = 0; i < 100 && posted().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      return posted()[0];
    };
    /** Every message posted to this command's response URL, once `count` have come (or 2 s passed) and no more follow. */
    const replies = async (count: number) => {
      for (let i = 0; i < 100 && posted().length < count; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      return posted();
    };
    return { status: res.status, ackMs, reply, replies };
  }

  it('rejects unsigned, wrongly signed and stale requests', async () => {
    expect((await slash('help', 'UADMIN', 'C500', { secret: 'wrong-secret' })).status).toBe(401);
    expect((await slash('help', 'UADMIN', 'C500', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'command=/news&text=help' });
    expect(unsigned.status).toBe(401);
  });

  it('subscribe → poll → digest → latest / search / story, end to end', async () => {
    const sub = await slash('subscribe mode digest schedule "0 8 * * *" tz asia/tokyo'); // the zone's case as typed
    expect(sub.status).toBe(200);
    expect(sub.ackMs).toBeLessThan(3_000);
    const subReply = await sub.reply();
    expect(subReply).toMatchObject({ response_type: 'in_channel' });
    expect(String(subReply!.text)).toMatch(/^Subscribed: japan-china-taiwan, digest at "0 8 \* \* \*" \(Asia\/Tokyo\), next .* JST \[active\]$/);

    // Re-running changes the settings, never duplicates.
    const again = await (await slash('subscribe mode alert')).reply();
    expect(String(again!.text)).toMatch(/^Subscription updated: japan-china-taiwan, alerts/);
    await (await slash('subscribe mode digest schedule "0 8 * * *" tz Asia/Tokyo')).reply();
    expect((await app.store.channelSubscriptions('slack', 'C500'))).toHaveLength(1);

    // News arrives; the digest goes out at 08:00 Tokyo.
    for (const f of OUTLET_FEEDS) feeds.publish(f, [backlogItem(f, clock)]);
    await app.pollOnce({ force: true });
    const reports = seedReports(clock);
    for (const f of ['wire', 'daily', 'agence'] as const) feeds.publish(f, [backlogItem(f, clock), reports[f]]);
    await app.pollOnce({ force: true });
    const { nextScheduledTime } = await import('../../src/pipeline/delivery-planner.js');
    clock = nextScheduledTime('0 8 * * *', 'Asia/Tokyo', clock)! + 60_000;
    await app.deliver();
    const digests = slack.accepted.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C500');
    expect(digests).toHaveLength(1);
    expect(JSON.stringify(digests[0]!.args.blocks)).toContain('Harbour City Daily');

    const latest = await (await slash('latest 3')).reply();
    expect(latest).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(latest!.blocks)).toMatch(/Takaichi/);
    expect(JSON.stringify(latest!.blocks)).toContain('3 sources');

    const search = await (await slash('search "Japan-US alliance" -weather')).reply();
    expect(String(search!.text)).toMatch(/^Search for "Japan-US alliance" -weather: \d+ results?/);
    expect(JSON.stringify(search!.blocks)).toContain('Takaichi');

    const storyId = (await app.store.recentStories('japan-china-taiwan', 0, 1))[0]!.id;
    const story = await (await slash(`story ${storyId} share`)).reply();
    expect(story).toMatchObject({ response_type: 'in_channel' });
    expect(String(story!.text)).toMatch(new RegExp(`^Story #${storyId}: 3 sources\\.\\n[\\s\\S]*\\nTimeline:\\n`));
    expect(String(story!.text)).toMatch(/Flagged for japan-china-taiwan: score [\d.]+ ≥ 5/);

    const list = await (await slash('list', 'USOMEONE')).reply();
    expect(String(list!.text)).toMatch(/digest at "0 8 \* \* \*" \(Asia\/Tokyo\), next/);

    const why = await (await slash(`why ${'https://world-desk.example/takaichi-alliance?utm_source=x'}`, 'USOMEONE')).reply();
    expect(String(why!.text)).toMatch(/Flagged for japan-china-taiwan/);
    expect(String(why!.text)).toMatch(new RegExp(`Part of story #${storyId}`));

    const feedsReply = await (await slash('feeds', 'USOMEONE')).reply();
    expect(String(feedsReply!.text)).toMatch(/^4 feeds, 0 failing:/);
    expect(String(feedsReply!.text)).toMatch(/✓ World Desk Wire: ok at .* JST, 2 items in 24 h/);
  });

  /**
   * Twenty-odd more stories, one report each, from the Island Broadcaster feed (once for the tests
   * that need them); resolves to the headlines `latest 20` lists, in its order.
   */
  let manyStories: Promise<string[]> | undefined;
  const publishManyStories = (): Promise<string[]> => (manyStories ??= publishEvents());
  async function publishEvents(): Promise<string[]> {
    await publishEventsApart(feeds.publish, 'fourth', () => (clock += 4 * 24 * 3_600_000), () => app.pollOnce({ force: true }));
    // What `latest 20` lists, in its order: the command itself, run without Slack.
    const context: CommandContext = { platform: 'slack', workspace: 'T0001', channel: 'C500', user: 'UADMIN', isAdmin: true, adminRule: 'admins', timeZone: 'Asia/Tokyo' };
    const expected = (await executeCommand('latest 20', context, app.commands.deps)).stories?.stories.map((s) => s.headline) ?? [];
    expect(expected).toHaveLength(20);
    return expected;
  }

  /** Story headlines in the order a user reads them, across messages, with the number each is shown with. */
  function headlinesIn(messages: Array<Record<string, unknown>>): Array<{ number: number; headline: string }> {
    return messages.flatMap((message) => (message.blocks as Array<{ type: string; text?: { type: string; text: string } }>)
      .filter((block) => block.type === 'section' && block.text?.type === 'mrkdwn')
      .map((block) => /^(\d+)\. \*<[^|>]*\|([^>]*)>\*/.exec(block.text!.text))
      .filter((match) => match !== null)
      .map((match) => ({ number: Number(match[1]), headline: match[2]! })));
  }

  it('latest 20: the stories one message cannot hold follow in more messages, in order, each within Slack\'s limits, as visible as the first', async () => {
    const expected = await publishManyStories();
    for (const [text, visibility] of [['latest 20', 'ephemeral'], ['latest 20 share', 'in_channel']] as const) {
      const messages = await (await slash(text)).replies(2);
      expect(messages.length).toBeGreaterThan(1);
      expect(messages.length).toBeLessThanOrEqual(5); // what one response_url takes
      for (const [index, message] of messages.entries()) {
        expect(message.response_type).toBe(visibility);
        if (index > 0) expect(message.replace_original).toBe(false); // a new message, not an edit of the first
        const blocks = message.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<{ text?: string }> }>;
        expect(blocks.length).toBeLessThanOrEqual(50);
        for (const block of blocks) {
          expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
          for (const element of block.elements ?? []) expect(element.text?.length ?? 0).toBeLessThanOrEqual(3000);
        }
      }
      // Every story once, in the command's order, numbered on across messages.
      const shown = headlinesIn(messages);
      expect(shown.map((s) => s.headline)).toEqual(expected);
      expect(shown.map((s) => s.number)).toEqual(expected.map((_, i) => i + 1));
      const firstCount = headlinesIn(messages.slice(0, 1)).length;
      expect(String(messages[0]!.text)).toMatch(/^Latest 20 stories/);
      expect(String(messages[0]!.text)).toContain(`Showing stories 1–${firstCount} of 20; stories ${firstCount + 1}–20 follow in ${messages.length - 1} more message`);
      expect(String(messages[1]!.text)).toMatch(new RegExp(`^Latest 20 stories, continued: stories? ${firstCount + 1}`));
    }
  });

  it('latest 20: a follow-up Slack refuses is logged; the first message stands, no error message follows it, and the bot answers on', async () => {
    await publishManyStories();
    slack.responseFault = (_path, taken) => (taken >= 1 ? 500 : null);
    const before = logged.length;
    const failedLog = () => logged.slice(before).filter((l) => l.msg === 'could not send a follow-up message of a command reply');
    try {
      const sent = await slash('latest 20');
      for (let i = 0; i < 100 && failedLog().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      const messages = await sent.replies(1);
      expect(messages).toHaveLength(1);
      expect(String(messages[0]!.text)).toMatch(/Showing stories 1–\d+ of 20; stories \d+–20 follow/);
    } finally {
      slack.responseFault = null;
    }
    expect(failedLog()).toEqual([expect.objectContaining({ followUp: 1, notSent: 1 })]);
    expect(logged.slice(before).filter((l) => l.msg === 'slash command failed')).toEqual([]);
    expect(String((await (await slash('help')).reply())!.text)).toMatch(/^newsbot:/);
  });

  it('refuses admin commands politely for others, and saves nothing on a bad command', async () => {
    const refused = await (await slash('subscribe', 'UREGULAR', 'C600')).reply();
    expect(refused).toMatchObject({ response_type: 'ephemeral' });
    expect(String(refused!.text)).toMatch(/^Sorry, only workspace admins and owners/);
    for (const [text, message] of [
      ['subscribe schedule "every morning"', /"every morning" is not a cron schedule[\s\S]*Example: \/news subscribe mode digest schedule "0 8,18 \* \* \*" tz Asia\/Tokyo/],
      // node-cron reads a wrapping hour range; cron-parser, which finds digest times, does not: refused, not saved to never fire.
      ['subscribe schedule "0 22-6 * * *"', /"0 22-6 \* \* \*" is not a cron schedule/],
      ['subscribe tz Mars/Olympus', /"Mars\/Olympus" is not a time zone/],
      ['subscribe weather-only', /Unknown topic "weather-only"\. Topics: japan-china-taiwan/],
      ['feed add not-a-url', /"not-a-url" is not an http\(s\) URL/],
      ['latest many', /"many" is not a number of stories from 1 to 20/],
      ['search -drill', /^Search for what\? "-drill" has no word to look for/],
    ] as const) {
      const reply = await (await slash(text, 'UADMIN', 'C600')).reply();
      expect(reply).toMatchObject({ response_type: 'ephemeral' });
      expect(String(reply!.text)).toMatch(message);
    }
    expect(await app.store.channelSubscriptions('slack', 'C600')).toEqual([]);
  });

  it('pauses a channel\'s subscriptions when the bot is removed from it (Events API, signed)', async () => {
    await (await slash('subscribe mode alert', 'UADMIN', 'C900')).reply();
    const body = JSON.stringify({
      token: 'legacy',
      team_id: 'T0001',
      api_app_id: 'A0001',
      type: 'event_callback',
      event_id: 'Ev0001',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'channel_left', channel: 'C900', actor_id: 'UADMIN', event_ts: '1.2' },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature }, body });
    expect(res.status).toBe(200);
    for (let i = 0; i < 100 && (await app.store.channelSubscriptions('slack', 'C900'))[0]?.status !== 'paused'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await app.store.channelSubscriptions('slack', 'C900')).toEqual([expect.objectContaining({ status: 'paused', statusReason: 'the bot was removed from the channel' })]);
    const list = await (await slash('list', 'USOMEONE', 'C900')).reply();
    expect(String(list!.text)).toMatch(/\[paused: the bot was removed from the channel\]/);
  });

  it('feed add fetches and validates first: a broken feed is not saved, a good one is', async () => {
    feedServer.route('/broken', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>home</body></html>'));
    const bad = await (await slash(`feed add ${feedServer.url}/broken`)).reply();
    expect(String(bad!.text)).toMatch(/^Not added: .*\/broken failed: got an HTML page, not a feed.*Nothing was saved\./s);
    expect((await app.store.listFeeds()).some((f) => f.url.endsWith('/broken'))).toBe(false);
    const good = await (await slash(`feed add ${feeds.urls.fourth}?added=1`)).reply();
    expect(String(good!.text)).toMatch(/^Added Island Broadcaster: \d+ items? in the feed now/);
    expect((await app.store.getFeed(`${feeds.urls.fourth}?added=1`))?.origin).toBe('chat');

    // A feed of the config file is the operator's: not removed from a channel. One added from chat is.
    const configFeed = await (await slash(`feed remove ${feeds.urls.wire}`)).reply();
    expect(String(configFeed!.text)).toMatch(/is in the config file: it is removed there/);
    expect((await app.store.getFeed(feeds.urls.wire))?.enabled).toBe(true);
    const chatFeed = await (await slash(`feed remove ${feeds.urls.fourth}?added=1`)).reply();
    expect(String(chatFeed!.text)).toMatch(/^Removed /);
  });

  it('with commands.feedOperators set, only those operators may add or remove feeds, however admin elsewhere', async () => {
    const deps = { ...app.commands.deps, feedOperators: ['slack:UOPS'] };
    const as = (user: string): CommandContext => ({ platform: 'slack', workspace: 'T1', channel: 'C700', user, isAdmin: true, adminRule: 'admins', timeZone: null });
    const refused = await executeCommand(`feed add ${feeds.urls.fourth}?other=1`, as('UADMIN'), deps);
    expect(refused.text).toMatch(/^Sorry, feeds are the whole bot's, and only its operators/);
    expect(await app.store.getFeed(`${feeds.urls.fourth}?other=1`)).toBeNull();
    const allowed = await executeCommand(`feed add ${feeds.urls.fourth}?other=1`, as('UOPS'), deps);
    expect(allowed.text).toMatch(/^Added /);
  });
});
