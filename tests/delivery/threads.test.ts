import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackCall } from '../helpers/fake-slack.js';
import { GUILD_ID } from '../helpers/fake-discord.js';
import { storeLocations } from '../helpers/postgres.js';
import { startDeliveryFixture, T0, type DeliveryFixture } from '../helpers/delivery-fixture.js';

const OUTLETS = {
  wire: '{ kind: wire }',
  daily: '{ country: JP, kind: public }',
  agence: '{ country: CN, kind: state }',
  fourth: '{ country: TW, kind: public }',
};

describe.each(await storeLocations('threads', afterAll))('story threads and perspective through the fake Slack and Discord APIs, on %s', (_store, location) => {
  let fixture: DeliveryFixture;

  beforeEach(async () => {
    fixture = await startDeliveryFixture({
      location,
      outlets: OUTLETS,
      prepare: ({ discord }) => void discord.forumChannels.add('444'),
      subscriptions: [
        '{ platform: slack, channel: C100, mode: alert, settle: 2m, updateEvery: 10m }',
        '{ platform: discord, channel: "111", mode: alert, settle: 2m, updateEvery: 10m }',
        '{ platform: slack, channel: C200, mode: alert, settle: 2m, updateEvery: 10m, updates: channel }',
        '{ platform: discord, channel: "333", mode: alert, settle: 2m, updateEvery: 10m, updates: "off" }',
        '{ platform: discord, channel: "444", mode: alert, settle: 2m, updateEvery: 10m }',
        '{ platform: slack, channel: C300, mode: digest, schedule: "0 8 * * *", timezone: Asia/Tokyo }',
        '{ platform: slack, channel: C400, mode: digest, schedule: "0 8 * * *", timezone: Asia/Tokyo, perspective: tw-public }',
        '{ platform: discord, channel: "555", mode: digest, schedule: "0 8 * * *", timezone: Asia/Tokyo }',
        '{ platform: slack, channel: C500, mode: alert, settle: 2m, updateEvery: 10m, perspective: tw-public }',
      ],
    });
  });

  afterEach(() => fixture.close());

  const slackTopLevel = (channel: string): SlackCall[] =>
    fixture.slack.accepted.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts === undefined);
  const slackReplies = (channel: string, ts: unknown): SlackCall[] =>
    fixture.slack.accepted.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts === ts);
  const discordPosts = (channel: string) => fixture.discord.accepted.filter((p) => p.channelId === channel);
  /** The message id Discord gave a subscription's alert. */
  const discordIdOf = async (channel: string): Promise<string> => {
    const subscription = (await fixture.app.store.listSubscriptions()).find((s) => s.platform === 'discord' && s.channel === channel)!;
    const outbox = (await fixture.app.store.listOutbox()).find((o) => o.subscriptionId === subscription.id && o.kind === 'alert')!;
    return outbox.messageIds[0]!;
  };
  const alertSeedStory = () => fixture.alertSeedStory();
  const fourthOutletReports = () => fixture.fourthOutletReports();

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
    const edit = fixture.slack.updates.find((u) => u.args.ts === alertTs && u.args.channel === 'C100');
    expect(edit).toBeDefined();
    expect(JSON.stringify(edit!.args.blocks)).toContain('4 sources — wire, JP public, CN state, TW public');
    expect(JSON.stringify(edit!.args.blocks)).toContain('covered from JP, CN and TW');

    // Discord: a thread started from the alert (same id), the update posted in it, the alert edited.
    expect(fixture.discord.threads.get(discordAlertId)).toMatchObject({ parentId: '111', name: expect.stringContaining('Takaichi') });
    expect(discordPosts('111')).toHaveLength(1);
    expect(discordPosts(discordAlertId)).toHaveLength(1);
    expect(String(discordPosts(discordAlertId)[0]!.body.content)).toContain('Island Broadcaster (TW public)');
    expect(discordPosts(discordAlertId)[0]!.body.allowed_mentions).toEqual({ parse: [] });
    const discordEdit = fixture.discord.edits.find((e) => e.channelId === '111' && e.messageId === discordAlertId);
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
    expect(fixture.slack.updates.some((u) => u.args.channel === 'C200' && u.args.ts === c200[0]!.args.ts)).toBe(true);

    expect(discordPosts('333')).toHaveLength(1);
    expect(fixture.discord.threads.has(offAlertId)).toBe(false);
    expect(String(fixture.discord.edits.find((e) => e.channelId === '333')?.body.content)).toContain('4 sources');
  });

  it('a forum channel: the story is a forum post, its updates are replies in it, and its first message is edited', async () => {
    await alertSeedStory();
    const [post] = [...fixture.discord.threads.entries()].filter(([, thread]) => thread.parentId === '444');
    expect(post).toBeDefined();
    const [postId, thread] = post!;
    expect(thread.name).toContain('Takaichi');
    expect(JSON.stringify(thread.starter?.body.embeds)).toContain('World Desk Wire');
    await fourthOutletReports();
    expect(discordPosts(postId).filter((p) => String(p.body.content).includes('Island Broadcaster'))).toHaveLength(1);
    expect(fixture.discord.edits.find((e) => e.channelId === postId && e.messageId === postId)?.body.content).toMatch(/4 sources/);
    expect([...fixture.discord.threads.values()].filter((t) => t.parentId === '444')).toHaveLength(1);
  });

  it('Slack fallback: the first alert was deleted, so the update goes to the channel with a note, and becomes the story\'s new anchor', async () => {
    await alertSeedStory();
    fixture.slack.deleteMessage(String(slackTopLevel('C100')[0]!.args.ts));
    await fourthOutletReports();
    const posts = slackTopLevel('C100');
    expect(posts).toHaveLength(2);
    const fallback = JSON.stringify(posts[1]!.args.blocks);
    expect(fallback).toContain('Island Broadcaster (TW public)');
    expect(fallback).toContain("this story's thread could not be used: the first alert was deleted");
    const subscription = (await fixture.app.store.listSubscriptions()).find((s) => s.channel === 'C100')!;
    const story = (await fixture.app.store.recentStories('japan-china-taiwan', 0, 1))[0]!;
    expect((await fixture.app.store.getDelivery(subscription.id, story.id))?.thread?.anchorId).toBe(posts[1]!.args.ts);
    expect((await fixture.app.store.listOutbox()).filter((o) => o.status === 'pending')).toHaveLength(0);
  });

  it('a fallback post that fails is retried as a fallback, with its note; nothing is lost', async () => {
    await alertSeedStory();
    fixture.slack.deleteMessage(String(slackTopLevel('C100')[0]!.args.ts));
    fixture.slack.failNext({ status: 500 }, 'C100');
    await fourthOutletReports();
    expect(slackTopLevel('C100')).toHaveLength(1);
    fixture.clock += 60_000;
    await fixture.app.deliver();
    const posts = slackTopLevel('C100');
    expect(posts).toHaveLength(2);
    expect(JSON.stringify(posts[1]!.args.blocks)).toContain('the first alert was deleted');
  });

  it('Discord fallback: a deleted thread, or no permission to start one, sends the update to the channel with the reason; an archived thread is reopened', async () => {
    await alertSeedStory();
    // 111: someone started the thread by hand, then deleted it. 333 is "off". 444 (forum): archived.
    const alertId = await discordIdOf('111');
    fixture.discord.threads.set(alertId, { parentId: '111', name: 'by hand', archived: false, locked: false });
    fixture.discord.missingChannels.add(alertId);
    const [forumPostId, forumThread] = [...fixture.discord.threads.entries()].find(([, t]) => t.parentId === '444')!;
    forumThread.archived = true;
    await fourthOutletReports();

    expect(discordPosts('111')).toHaveLength(2);
    expect(String(discordPosts('111')[1]!.body.content)).toMatch(/thread could not be used: the thread was deleted/);
    expect(forumThread.archived).toBe(false);
    expect(discordPosts(forumPostId).some((p) => String(p.body.content).includes('Island Broadcaster'))).toBe(true);
  });

  it('Discord fallback: without permission to start threads the update lands in the channel, saying why', async () => {
    fixture.discord.noThreadPermission.add('111');
    await alertSeedStory();
    await fourthOutletReports();
    expect(discordPosts('111')).toHaveLength(2);
    expect(String(discordPosts('111')[1]!.body.content)).toMatch(/the bot may not create threads here/);
    expect((await fixture.app.store.listSubscriptions()).find((s) => s.channel === '111')?.status).toBe('active');
  });

  it('an edit Slack refuses (edit window closed) does not stop the update going into the thread', async () => {
    await alertSeedStory();
    const alertTs = String(slackTopLevel('C100')[0]!.args.ts);
    fixture.slack.editRefusals.set(alertTs, 'edit_window_closed');
    await fourthOutletReports();
    expect(slackReplies('C100', alertTs)).toHaveLength(1);
    expect(slackTopLevel('C100')).toHaveLength(1);
  });

  it('a digest links each story to its thread, and a perspective digest lists only stories with such a report', async () => {
    await alertSeedStory();
    const alertTs = String(slackTopLevel('C100')[0]!.args.ts);
    fixture.clock = T0 + 24 * 3_600_000 + 60_000; // 08:01 JST next day
    await fixture.app.deliver();
    const [digest] = slackTopLevel('C300');
    const blocks = JSON.stringify(digest!.args.blocks);
    expect(blocks).toContain(`https://fake.slack.test/archives/C100/p${alertTs.replace('.', '')}`);
    expect(blocks).toContain('follow the story in its thread');
    // No Taiwanese public outlet reported the story yet: the tw-public digest has nothing to post.
    expect(slackTopLevel('C400')).toHaveLength(0);

    // The Discord link is to the alert in its guild channel.
    const discordThread = (await fixture.app.store.getDelivery((await fixture.app.store.listSubscriptions()).find((s) => s.channel === '111')!.id, (await fixture.app.store.recentStories('japan-china-taiwan', 0, 1))[0]!.id))?.thread;
    expect(discordThread?.url).toBe(`https://discord.com/channels/${GUILD_ID}/111/${await discordIdOf('111')}`);
    // …and the Discord digest links there: its own platform's thread, not Slack's.
    const discordDigest = JSON.stringify(discordPosts('555')[0]?.body.embeds);
    expect(discordDigest).toContain(`[follow the story in its thread](https://discord.com/channels/${GUILD_ID}/`);
    expect(discordDigest).not.toContain('fake.slack.test');
  });

  it('a perspective alert or digest posts a story once a report from that perspective joins it', async () => {
    await alertSeedStory();
    expect(slackTopLevel('C500')).toHaveLength(0); // no TW public report yet: the alert waits
    await fourthOutletReports(); // Island Broadcaster: TW public
    const [alert] = slackTopLevel('C500');
    expect(String(alert?.args.text)).toMatch(/^New story: Takaichi.*\(4 sources — wire, JP public, CN state, TW public\)$/);
    fixture.clock = T0 + 24 * 3_600_000 + 60_000;
    await fixture.app.deliver();
    const [digest] = slackTopLevel('C400');
    expect(digest).toBeDefined();
    expect(String(digest!.args.text)).toMatch(/tw-public reports/);
    expect(JSON.stringify(digest!.args.blocks)).toContain('Takaichi');
  });
});

describe('a thread reply whose answer never came is found in the thread, not posted twice', () => {
  it('Slack accepted the reply but the answer was lost: the retry finds it with conversations.replies', async () => {
    const fixture = await startDeliveryFixture({
      location: (dir) => `${dir}/newsbot.db`,
      subscriptions: ['{ platform: slack, channel: C100, mode: alert, settle: 2m, updateEvery: 10m }'],
      slackTimeoutMs: 300,
    });
    try {
      await fixture.alertSeedStory();
      fixture.slack.failNext('accept-hang', 'C100'); // the reply is posted, the answer never arrives
      await fixture.fourthOutletReports();
      expect(fixture.slack.accepted.filter((c) => c.args.thread_ts !== undefined)).toHaveLength(1);
      fixture.clock += 60_000;
      expect((await fixture.app.deliver()).report.sent).toBe(1);

      const posts = fixture.slack.accepted.filter((c) => c.method === 'chat.postMessage');
      const alertTs = posts[0]!.args.ts;
      expect(posts.filter((c) => c.args.thread_ts === alertTs)).toHaveLength(1);
      expect(posts.filter((c) => c.args.thread_ts === undefined)).toHaveLength(1);
      expect(fixture.slack.calls.some((c) => c.method === 'conversations.replies' && c.args.ts === alertTs)).toBe(true);
    } finally {
      await fixture.close();
    }
  });
});
