import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeCommand } from '../../src/commands/execute.js';
import type { CommandDeps } from '../../src/commands/deps.js';
import type { CommandContext } from '../../src/commands/types.js';
import { compileTopic } from '../../src/match/compile.js';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { BUNDLED_TOPICS_DIR } from '../../src/config/paths.js';
import { NO_OUTLETS } from '../../src/feeds/outlets.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';
import type { SubscriptionSettings } from '../../src/store/types.js';

const T0 = Date.UTC(2026, 10, 25, 3, 0);
const TOPIC = 'japan-china-taiwan';
const topic = compileTopic(loadTopicByName(BUNDLED_TOPICS_DIR, TOPIC));
const admin: CommandContext = { platform: 'slack', workspace: 'T1', channel: 'C1', user: 'U1', isAdmin: true, adminRule: 'admins', timeZone: null };

/** A digest subscription as the config file would declare it for channel C1. */
const configured: SubscriptionSettings = {
  platform: 'slack',
  workspace: 'T1',
  channel: 'C1',
  topic: TOPIC,
  mode: 'digest',
  settleMs: 120_000,
  updateEveryMs: 1_800_000,
  maxAgeMs: 86_400_000,
  schedule: '0 8 * * *',
  timeZone: 'Asia/Tokyo',
  maxStories: 10,
  postEmpty: false,
  minScore: null,
  updates: 'thread',
  perspective: null,
};

describe('commands against a real SQLite file', () => {
  let dir: string;
  let store: SqliteStore;
  let deps: CommandDeps;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'newsbot-sub-cmd-'));
    store = openSqliteStore(join(dir, 'newsbot.db'));
    deps = {
      store,
      topics: new Map([[TOPIC, topic]]),
      fetcher: { fetch: () => Promise.reject(new Error('no fetching in this test')) },
      defaults: { topic: TOPIC, timeZone: 'Asia/Tokyo', schedule: '0 8 * * *' },
      now: () => T0,
      outlets: NO_OUTLETS,
    };
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses to change or remove a subscription the config file declares (a restart would undo it), and says where it is changed", async () => {
    await store.syncConfiguredSubscriptions([configured], T0);
    const change = await executeCommand('subscribe mode alert', admin, deps);
    expect(change).toEqual({ ephemeral: true, text: expect.stringMatching(/^This channel's japan-china-taiwan subscription is set in the bot's config file: it is changed or removed there/) });
    const remove = await executeCommand('unsubscribe', admin, deps);
    expect(remove.text).toMatch(/set in the bot's config file/);
    expect(await store.channelSubscriptions('slack', 'C1')).toEqual([expect.objectContaining({ origin: 'config', mode: 'digest' })]);
    // Pausing is not a change of the file's settings: it still works, and a restart keeps it.
    expect((await executeCommand('pause', admin, deps)).text).toMatch(/^Paused/);
    await store.syncConfiguredSubscriptions([configured], T0 + 1);
    expect((await store.channelSubscriptions('slack', 'C1'))[0]?.status).toBe('paused');
  });

  it('a search that matches more items than it reads says so ("50+ results"), and shows the newest', async () => {
    const FEED = 'https://wire.example/rss';
    await store.syncConfiguredFeeds([{ url: FEED }], T0);
    const items = Array.from({ length: 60 }, (_, n) => ({ id: `patrol-${n}`, feedId: FEED, link: `https://wire.example/${n}`, title: `Harbour patrol log, day ${n}`, summary: 'Routine entry.', published: T0 + n * 3_600_000, publishedEstimated: false, source: 'Wire', language: 'en' }));
    await store.recordFeedSuccess(FEED, { at: T0, etag: null, lastModified: null, nextDueAt: T0 }, items);
    const reply = await executeCommand('search patrol', admin, deps);
    expect(reply.text.split('\n')[0]).toBe('Search for patrol: 50+ results, newest 10 shown');
    expect(reply.text).toContain('Harbour patrol log, day 59 ');
    const few = await executeCommand('search "day 7"', admin, deps);
    expect(few.text.split('\n')[0]).toBe('Search for "day 7": 1 result');
  });

  it('feeds: a feed that moved permanently says where, and how whoever added it changes it', async () => {
    await store.syncConfiguredFeeds([{ url: 'https://old.example/rss', name: 'Old Wire' }], T0);
    await store.addFeed({ url: 'https://chat.example/rss', name: 'Chat Daily' }, 'chat', T0);
    await store.recordFeedSuccess('https://old.example/rss', { at: T0, etag: null, lastModified: null, nextDueAt: T0, movedTo: 'https://new.example/rss' }, []);
    await store.recordFeedSuccess('https://chat.example/rss', { at: T0, etag: null, lastModified: null, nextDueAt: T0, movedTo: 'https://chat.example/feed' }, []);
    const lines = (await executeCommand('feeds', admin, deps)).text.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^✓ Old Wire: ok at .*; moved permanently to https:\/\/new\.example\/rss: update the config$/));
    expect(lines).toContainEqual(expect.stringMatching(/^✓ Chat Daily: .*; moved permanently to https:\/\/chat\.example\/feed: add it with \/news feed add https:\/\/chat\.example\/feed and remove this one$/));
  });

  it("changes and removes a channel's own subscription; min-score off clears a minimum score", async () => {
    expect((await executeCommand('subscribe mode Alert min-score 12', admin, deps)).text).toMatch(/^Subscribed: .*min score 12/);
    const cleared = await executeCommand('subscribe min-score off', admin, deps);
    expect(cleared.text).toMatch(/^Subscription updated: japan-china-taiwan, alerts/);
    expect(cleared.text).not.toMatch(/min score/);
    expect((await store.channelSubscriptions('slack', 'C1'))[0]?.minScore).toBeNull();
    expect((await executeCommand('list share', admin, deps)).ephemeral).toBe(false);
    expect((await executeCommand('list', admin, deps)).ephemeral).toBe(true);
    expect((await executeCommand('unsubscribe', admin, deps)).text).toBe(`Unsubscribed this channel from ${TOPIC}.`);
    expect(await store.channelSubscriptions('slack', 'C1')).toEqual([]);
  });
});
