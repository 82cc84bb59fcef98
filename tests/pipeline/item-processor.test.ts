import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store, StoredItem } from '../../src/store/types.js';
import { createItemProcessor } from '../../src/pipeline/item-processor.js';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { compileTopic } from '../../src/match/compile.js';
import type { FeedPollReport } from '../../src/feeds/poll-cycle.js';
import type { NormalizedItem } from '../../src/feeds/types.js';
import { whyCommand } from '../../src/commands/lookups.js';
import { toStoryCard } from '../../src/digest/story-card.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { dropSchemas, postgresAvailable, TEST_PG_URL, uniqueSchema } from '../helpers/postgres.js';

const topic = compileTopic(loadTopicByName('config/topics', 'japan-china-taiwan'));
const logger = pino({ level: 'silent' });
const T0 = Date.UTC(2026, 0, 27, 0, 0);

function item(id: string, feedId: string, source: string, title: string, summary: string, published: number): NormalizedItem {
  return { id, feedId, link: `https://${feedId.replace(/\W/g, '')}.example/${id}`, title, summary, published, publishedEstimated: false, source, language: 'en' };
}

const report1 = item('a1', 'https://feeds.example/a', 'Pacific Wire', 'Chinese coast guard ships enter Senkaku waters for a third day', 'Four China Coast Guard vessels entered Japanese territorial waters near the Senkaku Islands, the Japan Coast Guard said. Tokyo lodged a protest.', T0);
const report2 = item('b1', 'https://feeds.example/b', 'Kyodo News', 'Japan protests as four Chinese coast guard vessels intrude near Senkakus', 'The four ships stayed in territorial waters off the Senkaku Islands for about two hours; Tokyo protested through diplomatic channels.', T0 + 3_600_000);
const sameOutletOtherFeed = item('b2-1', 'https://feeds.example/b2', 'Kyodo News (Politics)', 'Four Chinese coast guard vessels intrude into Senkaku territorial waters', 'Japan lodged a protest after the four vessels entered territorial waters near the Senkaku Islands.', T0 + 4_000_000);
const unrelated = item('c1', 'https://feeds.example/c', 'Sports Desk', 'Japan beat China 3-1 in volleyball final', 'A comfortable win in Tokyo.', T0);

describe('item processor: match → stories → store', () => {
  let dir: string;
  let path: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsbot-pipeline-'));
    path = join(dir, 'pipeline.db');
    store = openSqliteStore(path);
    await store.syncConfiguredFeeds(['a', 'b', 'c', 'b2'].map((f) => ({ url: `https://feeds.example/${f}` })), T0);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Store items as a poll of one feed would, and hand the report to the processor. */
  async function poll(feed: string, items: NormalizedItem[], at: number, firstSuccess = false): Promise<FeedPollReport> {
    const fresh: StoredItem[] = await store.recordFeedSuccess(`https://feeds.example/${feed}`, { at, etag: null, lastModified: null, nextDueAt: at }, items);
    const state = (await store.getFeed(`https://feeds.example/${feed}`))!;
    return { feed: state, firstSuccess, outcome: { status: 'new', items: fresh, storedCount: fresh.length, parsedCount: items.length } };
  }


  it('an item whose story the store refused to save is not marked processed: it is clustered again after a restart', async () => {
    const refusing: Store = Object.create(store, {
      saveStoryAssignments: { value: () => Promise.reject(new Error('disk trouble')) },
    });
    const processor = createItemProcessor(refusing, [topic], logger);
    await processor.restore(T0);
    await expect(processor.processPoll([await poll('a', [report1], T0)], T0)).rejects.toThrow('disk trouble');
    expect((await store.unprocessedItems(Number.MAX_SAFE_INTEGER, 10)).map((entry) => entry.item.id)).toEqual(['a1']);
    const restarted = createItemProcessor(store, [topic], logger);
    await restarted.restore(T0 + 60_000);
    expect(await store.storyOfItem('a1', topic.name)).not.toBeNull();
  });

  it('keeps verdicts of flagged items and groups them; later sources update the story, never a new one', async () => {
    const processor = createItemProcessor(store, [topic], logger);
    await processor.restore(T0);
    const first = await processor.processPoll([await poll('a', [report1], T0), await poll('c', [unrelated], T0)], T0);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ created: true, topic: 'japan-china-taiwan' });
    expect((await store.getMatch('a1', 'japan-china-taiwan'))?.relevant).toBe(true);
    expect(await store.getMatch('c1', 'japan-china-taiwan')).toBeNull(); // not flagged: `why` works it out again
    // `/news why` on the unflagged item still explains it, worked out again from the stored item.
    const deps = { store, topics: new Map([[topic.name, topic]]), fetcher: { fetch: () => Promise.reject(new Error('offline')) }, defaults: { topic: topic.name, timeZone: 'UTC', schedule: '0 8 * * *' }, now: () => T0, outlets: () => undefined };
    const context = { platform: 'slack' as const, workspace: null, channel: 'C1', user: 'U1', isAdmin: false, adminRule: 'admins', timeZone: null };
    const why = await whyCommand('c1', false, context, deps);
    expect(why.text).toMatch(/^Japan beat China 3-1 in volleyball final \(Sports Desk\)\nNot flagged for japan-china-taiwan: .+\.\nSides: Japan \(Japan, Tokyo\); China \(China\)\.\nCounted against: beat, volleyball\.$/);

    const second = await processor.processPoll([await poll('b', [report2], T0 + 3_600_000)], T0 + 3_600_000);
    expect(second).toEqual([expect.objectContaining({ storyId: first[0]!.storyId, created: false })]);
    const story = (await store.getStory(first[0]!.storyId))!;
    expect(story).toMatchObject({ itemCount: 2, sourceCount: 2 });
    expect(story.headline.id).toBe('a1');
  });

  it('a batch that waited for the clustering lock dates its story after the wait, so no digest window ends past it unseen', async () => {
    let clock = T0;
    // Another replica holds the lock for a minute (PostgreSQL); a digest planned meanwhile ends its window then.
    const waiting = new Proxy(store, {
      get: (target, key) =>
        key === 'withClusterLock'
          ? async (work: (shared: boolean) => Promise<unknown>) => {
              clock += 60_000;
              return target.withClusterLock(work as never);
            }
          : (Reflect.get(target, key) as unknown),
    }) as Store;
    const processor = createItemProcessor(waiting, [topic], logger, {}, () => clock);
    await processor.restore(T0);
    const [change] = await processor.processPoll([await poll('a', [report1], T0)], T0);
    expect((await store.getStory(change!.storyId))!.lastUpdated).toBeGreaterThanOrEqual(T0 + 60_000);
  });

  it('wire copy of one outlet in two feeds counts as one source', async () => {
    const processor = createItemProcessor(store, [topic], logger);
    await processor.restore(T0);
    await processor.processPoll([await poll('a', [report1], T0), await poll('b', [report2], T0), await poll('b2', [sameOutletOtherFeed], T0)], T0);
    const [story] = await store.recentStories('japan-china-taiwan', 0, 10);
    expect(story).toMatchObject({ itemCount: 3, sourceCount: 2 });
  });

  it('one outlet\'s feeds named "Outlet: Section" count as one source', async () => {
    const processor = createItemProcessor(store, [topic], logger);
    await processor.restore(T0);
    const politics = { ...report2, source: 'Kyodo News: Politics' };
    const world = { ...sameOutletOtherFeed, source: 'Kyodo News: World' };
    const [change] = await processor.processPoll([await poll('b', [politics], T0), await poll('b2', [world], T0)], T0);
    const story = (await store.getStory(change!.storyId))!;
    expect(story).toMatchObject({ itemCount: 2, sourceCount: 1 });
  });

  it('a report published earlier that a slower feed delivers later becomes the headline, and the card leads with it', async () => {
    const processor = createItemProcessor(store, [topic], logger);
    await processor.restore(T0);
    const fast = { ...report1, published: T0 + 2 * 3_600_000 };
    const [created] = await processor.processPoll([await poll('a', [fast], T0 + 2 * 3_600_000)], T0 + 2 * 3_600_000);
    // Published an hour before the first report, polled 20 minutes after it.
    const [joined] = await processor.processPoll([await poll('b', [report2], T0 + 2 * 3_600_000 + 20 * 60_000)], T0 + 2 * 3_600_000 + 20 * 60_000);
    expect(joined).toMatchObject({ storyId: created!.storyId, created: false });
    const story = (await store.getStory(created!.storyId))!;
    expect([story.headlineItemId, story.headline.id]).toEqual(['b1', 'b1']);
    const card = toStoryCard(story, await store.getMatch(story.headlineItemId, topic.name), topic.groupLabels);
    expect([card.headline, card.link, card.sources[0]!.name, card.firstSeen]).toEqual([report2.title, report2.link, 'Kyodo News', report2.published]);
  });

  it('GIVEN a restart THEN a later report joins the story made before it (state restored from the store)', async () => {
    const before = createItemProcessor(store, [topic], logger);
    await before.restore(T0);
    const [created] = await before.processPoll([await poll('a', [report1], T0)], T0);
    await store.close();

    store = openSqliteStore(path);
    const after = createItemProcessor(store, [topic], logger);
    await after.restore(T0 + 3_600_000);
    const [joined] = await after.processPoll([await poll('b', [report2], T0 + 3_600_000)], T0 + 3_600_000);
    expect(joined).toMatchObject({ storyId: created!.storyId, created: false });
    const fresh = item('c9', 'https://feeds.example/c', 'Sports Desk', 'PLA launches large-scale drills around Taiwan', 'Warships and aircraft encircled the island, Taipei said.', T0 + 7_200_000);
    const [other] = await after.processPoll([await poll('c', [fresh], T0 + 7_200_000)], T0 + 7_200_000);
    expect(other!.created).toBe(true);
    expect(Number(other!.storyId)).toBeGreaterThan(Number(created!.storyId)); // ids never reused across restarts
  });

  it('marks every item it handled as processed, flagged or not', async () => {
    const processor = createItemProcessor(store, [topic], logger);
    await processor.restore(T0);
    await processor.processPoll([await poll('a', [report1], T0), await poll('c', [unrelated], T0)], T0);
    expect(await store.unprocessedItems(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  });

  it('GIVEN a run stopped after storing items but before clustering them WHEN the next run starts THEN it matches and clusters them (news as news, backlog as backlog)', async () => {
    // Stored by a run that was killed right after the write: nothing matched, nothing clustered.
    await poll('a', [report1], T0);
    await poll('b', [report2], T0 + 3_600_000);
    await poll('c', [unrelated], T0);
    expect((await store.unprocessedItems(Number.MAX_SAFE_INTEGER, 10)).map((p) => p.item.id)).toEqual(['a1', 'b1', 'c1']);

    const restarted = createItemProcessor(store, [topic], logger);
    await restarted.restore(T0 + 3_700_000);
    const storyId = await store.storyOfItem('a1', topic.name);
    expect(storyId).not.toBeNull();
    expect(await store.storyOfItem('b1', topic.name)).toBe(storyId); // one story, two sources
    expect(await store.storyOfItem('c1', topic.name)).toBeNull();
    const story = (await store.getStory(storyId!))!;
    expect(story.members.map((m) => m.item.id).sort()).toEqual(['a1', 'b1']);
    expect(await store.unprocessedItems(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);

    // A later report still joins that story: the recovered one is in the clusterer's memory too.
    const [joined] = await restarted.processPoll([await poll('b2', [sameOutletOtherFeed], T0 + 4_000_000)], T0 + 4_000_000);
    expect(joined).toMatchObject({ storyId, created: false });
  });

  it('GIVEN a run stopped after saving an item\'s story but before marking it THEN the next run marks it without clustering it twice', async () => {
    const first = createItemProcessor(store, [topic], logger);
    await first.restore(T0);
    await first.processPoll([await poll('a', [report1], T0)], T0);
    // As if the mark had not been written: the item is in its story but still pending.
    await store.recordFeedSuccess('https://feeds.example/b', { at: T0, etag: null, lastModified: null, nextDueAt: T0 }, []);
    const db = (await import('better-sqlite3')).default;
    const raw = new db(path);
    raw.prepare("UPDATE items SET pending = 1 WHERE id = 'a1'").run();
    raw.close();
    const restarted = createItemProcessor(store, [topic], logger);
    await restarted.restore(T0 + 60_000);
    expect((await store.getStory((await store.storyOfItem('a1', topic.name))!))!.members).toHaveLength(1);
    expect(await store.lastStorySequence()).toBe(1);
    expect(await store.unprocessedItems(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
  });

  it('marks changes from a feed\'s first poll as backlog', async () => {
    const processor = createItemProcessor(store, [topic], logger);
    await processor.restore(T0);
    const [change] = await processor.processPoll([await poll('a', [report1], T0, true)], T0);
    expect(change!.backlog).toBe(true);
  });
});

const pgAvailable = await postgresAvailable();

describe.skipIf(!pgAvailable)('item processor on a PostgreSQL store shared by replicas', () => {
  it('GIVEN a replica died after storing items WHEN another replica clusters its next batch THEN it takes those items up once they are 10 minutes old, and only then', async () => {
    const schema = uniqueSchema('abandoned');
    const store = await openPostgresStore({ connectionString: TEST_PG_URL, schema });
    try {
      await store.syncConfiguredFeeds(['a', 'b', 'c'].map((f) => ({ url: `https://feeds.example/${f}` })), T0);
      const success = (at: number) => ({ at, etag: null, lastModified: null, nextDueAt: at });
      // The dead replica stored report1 (a feed it had polled before) and never clustered it.
      await store.recordFeedSuccess('https://feeds.example/a', success(T0 - 1), []);
      await store.recordFeedSuccess('https://feeds.example/a', success(T0), [report1]);

      const survivor = createItemProcessor(store, [topic], logger);
      await survivor.restore(T0 + 60_000); // started a minute later: report1 may still be someone's work
      expect(await store.storyOfItem('a1', topic.name)).toBeNull();

      const later = async (feed: string, items: NormalizedItem[], at: number) => {
        const fresh = await store.recordFeedSuccess(`https://feeds.example/${feed}`, success(at), items);
        return { feed: (await store.getFeed(`https://feeds.example/${feed}`))!, firstSuccess: false, outcome: { status: 'new' as const, items: fresh, storedCount: fresh.length, parsedCount: items.length } };
      };
      await survivor.processPoll([await later('c', [unrelated], T0 + 120_000)], T0 + 120_000);
      expect(await store.storyOfItem('a1', topic.name)).toBeNull(); // two minutes: not abandoned yet

      const changes = await survivor.processPoll([await later('b', [report2], T0 + 11 * 60_000)], T0 + 11 * 60_000);
      const storyId = await store.storyOfItem('a1', topic.name);
      expect(storyId).not.toBeNull();
      expect(await store.storyOfItem('b1', topic.name)).toBe(storyId); // one story: the dead replica's report and the new one
      expect(changes.flatMap((c) => c.itemIds).sort()).toEqual(['a1', 'b1']);
      expect(changes.every((c) => !c.backlog)).toBe(true);
      expect(await store.unprocessedItems(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    } finally {
      await store.close();
      await dropSchemas([schema]);
    }
  });
});
