import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backlogItem, DISTINCT_EVENTS, seedReports } from '../helpers/seed-feeds.js';
import { storeLocations } from '../helpers/postgres.js';
import { startDeliveryFixture, T0, type DeliveryFixture } from '../helpers/delivery-fixture.js';
import { executeCommand } from '../../src/commands/execute.js';
import type { CommandContext } from '../../src/commands/types.js';

describe.each(await storeLocations('delivery', afterAll))('delivery to Slack and Discord on %s (real Bolt app and discord.js REST, fake APIs on 127.0.0.1)', (_store, location) => {
  let fixture: DeliveryFixture;

  beforeEach(async () => {
    fixture = await startDeliveryFixture({
      location,
      prepare: ({ slack }) => void slack.missingChannels.add('CGONE'),
      subscriptions: [
        '{ platform: slack, channel: C100, mode: alert, settle: 2m, updateEvery: 10m }',
        '{ platform: discord, channel: "111", mode: alert, settle: 2m, updateEvery: 10m }',
        '{ platform: slack, channel: CGONE, mode: alert, settle: 2m }',
        '{ platform: discord, channel: "222", mode: digest, schedule: "0 8 * * *", timezone: Asia/Tokyo }',
        '{ platform: discord, channel: "333", mode: digest, schedule: "0 8 * * 1", timezone: Asia/Tokyo }',
      ],
    });
  });

  afterEach(() => fixture.close());

  const slackPosts = (channel: string) => fixture.slack.accepted.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
  const discordPosts = (channel: string) => fixture.discord.accepted.filter((p) => p.channelId === channel);

  async function publishSeedStory(): Promise<void> {
    const reports = seedReports(T0 + 60 * 60_000);
    for (const feed of ['wire', 'daily', 'agence'] as const) fixture.feeds.publish(feed, [backlogItem(feed, T0), reports[feed]]);
    fixture.clock = T0 + 60 * 60_000;
    await fixture.app.pollOnce({ force: true });
  }

  it('the seed story arrives once per channel, as ONE message with three sources, after the settle delay', async () => {
    await publishSeedStory();
    expect((await fixture.app.deliver()).report.sent).toBe(0); // still settling: more sources may come
    expect(fixture.slack.accepted.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);

    fixture.clock += 3 * 60_000;
    await fixture.app.deliver();
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
    fixture.clock += 60_000;
    await fixture.app.deliver();
    await fixture.app.deliver();
    expect(slackPosts('C100')).toHaveLength(1);
    expect(discordPosts('111')).toHaveLength(1);
  });

  it('a permanent error stops only its subscription, with the reason; the others are delivered', async () => {
    await publishSeedStory();
    fixture.clock += 3 * 60_000;
    const { report } = await fixture.app.deliver();
    expect(report.failed).toEqual([expect.objectContaining({ reason: expect.stringMatching(/channel not found.*\[chat_channel_not_found\]/) })]);
    const subscriptions = await fixture.app.store.listSubscriptions();
    expect(subscriptions.find((s) => s.channel === 'CGONE')).toMatchObject({ status: 'failing', statusReason: expect.stringContaining('channel_not_found') });
    expect(subscriptions.find((s) => s.channel === 'C100')?.status).toBe('active');
    expect(slackPosts('C100')).toHaveLength(1);
    // It is not retried while failing.
    const attempts = fixture.slack.calls.filter((c) => c.args.channel === 'CGONE').length;
    fixture.clock += 60 * 60_000;
    await fixture.app.deliver();
    expect(fixture.slack.calls.filter((c) => c.args.channel === 'CGONE').length).toBe(attempts);
  });

  it('a 429 with Retry-After is retried after the wait, then delivered once (Slack and Discord)', async () => {
    fixture.slack.failNext({ rateLimited: 30 }, 'C100');
    fixture.discord.failNext({ rateLimited: 20 }, '111');
    await publishSeedStory();
    fixture.clock += 3 * 60_000;
    const first = await fixture.app.deliver();
    expect(first.report.retrying).toBe(2);
    expect(slackPosts('C100')).toHaveLength(0);
    expect(discordPosts('111')).toHaveLength(0);

    fixture.clock += 10_000; // not yet: Retry-After is 30 s / 20 s
    await fixture.app.deliver();
    expect(slackPosts('C100')).toHaveLength(0);

    fixture.clock += 31_000;
    await fixture.app.deliver();
    expect(slackPosts('C100')).toHaveLength(1);
    expect(discordPosts('111')).toHaveLength(1);
  });

  it('5xx answers are retried with backoff; nothing is lost', async () => {
    fixture.slack.failNext({ status: 503 }, 'C100');
    fixture.slack.failNext({ status: 502 }, 'C100');
    await publishSeedStory();
    fixture.clock += 3 * 60_000;
    await fixture.app.deliver();
    fixture.clock += 6_000;
    await fixture.app.deliver();
    expect(slackPosts('C100')).toHaveLength(0);
    fixture.clock += 11_000;
    await fixture.app.deliver();
    expect(slackPosts('C100')).toHaveLength(1);
    expect((await fixture.app.store.listOutbox()).filter((o) => o.status === 'pending')).toHaveLength(1); // CGONE's, kept
  });

  it("during an outage a subscription's messages still go out in order: the alert first, then its update in the alert's thread", async () => {
    for (let i = 0; i < 7; i++) fixture.slack.failNext({ status: 503 }, 'C100');
    await publishSeedStory();
    for (let minute = 0; minute < 12; minute++) await tick(1); // the alert is queued and retried, backing off
    fixture.feeds.publish('fourth', [backlogItem('fourth', T0), seedReports(T0 + 60 * 60_000).fourth]);
    await fixture.app.pollOnce({ force: true }); // a fourth outlet joins while the alert still waits
    for (let minute = 0; minute < 90 && slackPosts('C100').length < 2; minute++) await tick(1);
    const [alert, update] = slackPosts('C100');
    expect(JSON.stringify(alert?.args)).not.toMatch(/\+1 source/);
    expect(JSON.stringify(update?.args)).toMatch(/\+1 source/);
    expect(update!.args.thread_ts).toBe(alert!.args.ts);
  });

  it('a later source of a posted story becomes one update ("+1 source"), never a new alert', async () => {
    await publishSeedStory();
    fixture.clock += 3 * 60_000;
    await fixture.app.deliver();
    const reports = seedReports(T0 + 60 * 60_000);
    fixture.feeds.publish('fourth', [backlogItem('fourth', T0), reports.fourth]);
    fixture.clock += 2 * 60_000;
    await fixture.app.pollOnce({ force: true });
    await fixture.app.deliver();
    expect(slackPosts('C100')).toHaveLength(1); // batched: at most one update every 10 minutes

    fixture.clock += 10 * 60_000;
    await fixture.app.deliver();
    expect(slackPosts('C100')).toHaveLength(2);
    const update = JSON.stringify(slackPosts('C100')[1]!.args);
    expect(update).toContain('Island Broadcaster');
    expect(update).toMatch(/\+1 source/);
    expect(slackPosts('C100')[1]!.args.thread_ts).toBe(slackPosts('C100')[0]!.args.ts); // in the alert's thread (tests/delivery/threads.test.ts)
    expect(discordPosts('111')).toHaveLength(1);
    const inThread = fixture.discord.accepted.filter((p) => fixture.discord.threads.get(p.channelId)?.parentId === '111');
    expect(inThread).toHaveLength(1);
    expect(String(inThread[0]!.body.content)).toMatch(/\+1 source/);
  });

  it('no floods: a report dated three days back is stored and grouped but never alerted', async () => {
    const old = seedReports(T0 - 72 * 3_600_000);
    fixture.feeds.publish('wire', [backlogItem('wire', T0), old.wire]);
    fixture.clock = T0 + 60 * 60_000;
    await fixture.app.pollOnce({ force: true });
    expect(await fixture.app.store.recentStories('japan-china-taiwan', 0, 10)).toHaveLength(1);
    fixture.clock += 5 * 60_000;
    await fixture.app.deliver();
    expect(slackPosts('C100')).toHaveLength(0);
    expect(discordPosts('111')).toHaveLength(0);
  });

  it('hostile text from a feed reaches chat inert: no mentions, no spoofed links', async () => {
    const reports = seedReports(T0 + 60 * 60_000);
    fixture.feeds.publish('wire', [backlogItem('wire', T0), { ...reports.wire, title: `@everyone <!channel> <@U123> <http://evil.example|bank.example> ${reports.wire.title}` }]);
    fixture.clock = T0 + 60 * 60_000;
    await fixture.app.pollOnce({ force: true });
    fixture.clock += 3 * 60_000;
    await fixture.app.deliver();
    const slackPayload = JSON.stringify(slackPosts('C100')[0]!.args);
    expect(slackPayload).not.toMatch(/<!channel>|<@U123>|<http:\/\/evil/);
    expect(slackPayload).toContain('&lt;!channel&gt;');
    const discordBody = discordPosts('111')[0]!.body;
    expect(discordBody.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(discordBody)).not.toMatch(/@everyone|<@U123>|\]\(http:\/\/evil/);
  });

  it('a digest is posted when its schedule passes (08:00 Asia/Tokyo), listing the stories of the window', async () => {
    await publishSeedStory();
    fixture.clock = T0 + 24 * 3_600_000 - 60_000; // 07:59 JST next day
    await fixture.app.deliver();
    expect(discordPosts('222')).toHaveLength(0);
    fixture.clock = T0 + 24 * 3_600_000 + 60_000; // 08:01 JST
    await fixture.app.deliver();
    expect(discordPosts('222')).toHaveLength(1);
    const digest = discordPosts('222')[0]!.body;
    expect(JSON.stringify(digest.embeds)).toContain('Takaichi');
    expect(digest.allowed_mentions).toEqual({ parse: [] });
    // Built once: the next tick does not post it again.
    fixture.clock += 60_000;
    await fixture.app.deliver();
    expect(discordPosts('222')).toHaveLength(1);
  });

  /** `/news …` typed by an admin in Discord channel `channel`, at the fixture's clock. */
  async function discordCommand(channel: string, text: string): Promise<string> {
    const context: CommandContext = { platform: 'discord', workspace: null, channel, user: 'U-admin', isAdmin: true, adminRule: 'admins', timeZone: null };
    const reply = await executeCommand(text, context, { ...fixture.app.commands.deps, now: () => fixture.clock });
    return reply.text;
  }

  /**
   * A channel subscribed from chat when the fixture starts: a subscription the config file declares
   * is changed only there, so the tests of changing one from chat use these.
   */
  async function subscribeFromChat(channel: string, text: string): Promise<void> {
    fixture.clock = T0;
    expect(await discordCommand(channel, text)).toMatch(/^Subscribed/);
  }

  /** One more event, reported by the wire only, polled at the fixture's clock. */
  async function publishEvent(index: number): Promise<void> {
    const [title, description] = DISTINCT_EVENTS[index]!;
    fixture.feeds.publish('wire', [backlogItem('wire', T0), { title, description, link: `https://wire.example/event-${index}`, guid: `wire-event-${index}`, pubDate: new Date(fixture.clock).toUTCString() }]);
    await fixture.app.pollOnce({ force: true });
  }

  const tick = async (minutes: number): Promise<void> => {
    fixture.clock += minutes * 60_000;
    await fixture.app.deliver();
  };

  it('switched from alerts to digests, a channel gets no digest before the next scheduled time, and not the old alerted stories', async () => {
    await subscribeFromChat('444', 'subscribe mode alert');
    await publishSeedStory();
    await tick(3);
    expect(discordPosts('444')).toHaveLength(1); // the alert
    fixture.clock = T0 + 10 * 24 * 3_600_000 + 3 * 3_600_000; // ten days later, 11:00 JST
    expect(await discordCommand('444', 'subscribe mode digest schedule "0 8 * * *" tz Asia/Tokyo')).toMatch(/^Subscription updated/);
    await tick(2);
    expect(discordPosts('444')).toHaveLength(1); // 08:00 today had passed before the switch
    await publishEvent(1);
    fixture.clock = T0 + 11 * 24 * 3_600_000 + 60_000; // 08:01 JST the next day
    await fixture.app.deliver();
    expect(discordPosts('444')).toHaveLength(2);
    const digest = JSON.stringify(discordPosts('444')[1]!.body.embeds);
    expect(digest).toContain('PLA launches live-fire drills');
    expect(digest).not.toContain('Takaichi'); // ten days old, alerted already
  });

  it('switched from digests to alerts, a channel is not flooded with the stories it had before; a new one is alerted', async () => {
    await subscribeFromChat('555', 'subscribe mode digest schedule "0 8 * * *" tz Asia/Tokyo');
    await publishSeedStory(); // first seen at T0 + 1 h, while channel 222 takes digests
    fixture.clock = T0 + 2 * 3_600_000;
    expect(await discordCommand('555', 'subscribe mode alert')).toMatch(/^Subscription updated/);
    await tick(5);
    expect(discordPosts('555')).toHaveLength(0);
    await publishEvent(2);
    await tick(3);
    expect(discordPosts('555')).toHaveLength(1);
    expect(JSON.stringify(discordPosts('555')[0]!.body.embeds)).toContain('Beijing summons Japanese ambassador');
  });

  it('resumed after a pause, a channel gets alerts for stories from then on, not a burst of what came in while paused', async () => {
    fixture.clock = T0 + 30 * 60_000;
    expect(await discordCommand('111', 'pause')).toMatch(/^Paused/);
    await publishSeedStory(); // T0 + 1 h
    await tick(3);
    fixture.clock = T0 + 5 * 3_600_000;
    expect(await discordCommand('111', 'resume')).toMatch(/^Resumed/);
    await tick(3);
    expect(discordPosts('111')).toHaveLength(0);
    await publishEvent(3);
    await tick(3);
    expect(discordPosts('111')).toHaveLength(1);
    expect(JSON.stringify(discordPosts('111')[0]!.body.embeds)).toContain('surface-to-air missiles');
  });

  it('a new digest schedule counts from the change: no digest at once for a time already past today', async () => {
    await subscribeFromChat('555', 'subscribe mode digest schedule "0 8 * * *" tz Asia/Tokyo');
    await publishSeedStory();
    fixture.clock = T0 + 24 * 3_600_000 + 60_000; // 08:01 JST next day: the daily digest
    await fixture.app.deliver();
    expect(discordPosts('555')).toHaveLength(1);
    fixture.clock = T0 + 26 * 3_600_000; // 10:00 JST
    await publishEvent(4);
    expect(await discordCommand('555', 'subscribe schedule "0 9 * * *" tz Asia/Tokyo')).toMatch(/^Subscription updated/);
    await tick(2);
    expect(discordPosts('555')).toHaveLength(1);
    fixture.clock = T0 + 2 * 24 * 3_600_000 + 3_600_000 + 60_000; // 09:01 JST the day after
    await fixture.app.deliver();
    expect(discordPosts('555')).toHaveLength(2);
    // The window goes on from the last digest: the story of 10:00, before the change, is listed.
    expect(JSON.stringify(discordPosts('555')[1]!.body.embeds)).toContain('gallium and germanium');
  });

  it("a weekly digest's first issue covers the whole week since the channel subscribed, not just the last day", async () => {
    // T0 is Tuesday 08:00 JST: the story comes an hour after subscribing, the digest six days later.
    await publishSeedStory();
    fixture.clock = T0 + 6 * 24 * 3_600_000 + 60_000; // Monday 08:01 JST
    await fixture.app.deliver();
    expect(discordPosts('333')).toHaveLength(1);
    expect(JSON.stringify(discordPosts('333')[0]!.body.embeds)).toContain('Takaichi');
    // The next week's window starts where this one ended: the story is not listed again.
    fixture.clock += 7 * 24 * 3_600_000;
    await fixture.app.deliver();
    expect(discordPosts('333')).toHaveLength(1);
  });
});
