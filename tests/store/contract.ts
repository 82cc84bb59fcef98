import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { Store } from '../../src/store/types.js';
import type { NormalizedItem } from '../../src/feeds/types.js';
import { StoreError } from '../../src/errors.js';

export interface StoreFactory {
  /** A fresh, empty, migrated store. */
  create(): Promise<Store>;
  /** The same store opened again (a restart), when the backend persists. */
  reopen?(store: Store): Promise<Store>;
}

const FEED = 'https://wire.example/feed.xml';
const T0 = Date.UTC(2026, 0, 27, 0, 0);

export function item(overrides: Partial<NormalizedItem> & { id: string }): NormalizedItem {
  return {
    feedId: FEED,
    link: `https://wire.example/${overrides.id}`,
    title: `Title ${overrides.id}`,
    summary: `Summary ${overrides.id}`,
    published: T0,
    publishedEstimated: false,
    source: 'Wire',
    language: 'en',
    ...overrides,
  };
}

/** The behaviour every Store implementation must have (run against SQLite, later PostgreSQL). */
export function runStoreContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
      await store.syncConfiguredFeeds([{ url: FEED, name: 'Wire', intervalMinutes: 10 }, { url: 'https://other.example/rss' }], T0);
    });
    afterEach(async () => {
      await store.close();
    });
    /** The ids a search finds, sorted. */
    const ids = async (q: string): Promise<string[]> => (await store.searchItems(q, 10)).map((h) => h.item.id).sort();

    it('keeps configured feeds with their names and makes new ones due at once', async () => {
      const feeds = await store.listFeeds();
      expect(feeds.map((f) => [f.url, f.name, f.intervalMinutes])).toEqual([
        ['https://other.example/rss', null, null],
        [FEED, 'Wire', 10],
      ]);
      expect((await store.dueFeeds(T0)).length).toBe(2);
    });

    it('stops polling a feed the config file no longer lists, keeps its items, and lets chat add it back and remove it', async () => {
      await store.recordFeedSuccess('https://other.example/rss', { at: T0, etag: null, lastModified: null, nextDueAt: T0 }, [item({ id: 'kept', feedId: 'https://other.example/rss' })]);
      await store.syncConfiguredFeeds([{ url: FEED, name: 'Wire', intervalMinutes: 10 }], T0 + 1_000);
      expect((await store.dueFeeds(T0 + 2_000)).map((f) => f.url)).toEqual([FEED]);
      const retired = await store.getFeed('https://other.example/rss');
      expect([retired?.enabled, retired?.origin]).toEqual([false, 'chat']);
      expect(await store.getItem('kept')).not.toBeNull();
      await store.addFeed({ url: 'https://other.example/rss' }, 'chat', T0 + 3_000);
      expect((await store.dueFeeds(T0 + 3_000)).map((f) => f.url).sort()).toEqual([FEED, 'https://other.example/rss'].sort());
      // Listed in the config file again: the operator's once more.
      await store.syncConfiguredFeeds([{ url: FEED }, { url: 'https://other.example/rss' }], T0 + 4_000);
      expect((await store.getFeed('https://other.example/rss'))?.origin).toBe('config');
    });

    it('stores an item once: the same id or the same canonical link is not new again', async () => {
      const first = await store.recordFeedSuccess(FEED, { at: T0, etag: '"a"', lastModified: null, nextDueAt: T0 + 1 }, [item({ id: 'a' }), item({ id: 'b' })]);
      expect(first.map((i) => i.id)).toEqual(['a', 'b']);
      const again = await store.recordFeedSuccess(FEED, { at: T0 + 5, etag: '"b"', lastModified: null, nextDueAt: T0 + 6 }, [
        item({ id: 'a' }),
        item({ id: 'other-id', link: 'https://wire.example/b' }),
        item({ id: 'c' }),
      ]);
      expect(again.map((i) => i.id)).toEqual(['c']);
      expect(await store.countItems()).toBe(3);
      expect((await store.getItem('c'))?.firstSeen).toBe(T0 + 5);
    });

    it('records several feeds at once: each gets its own new items, in order, and its state; search finds them', async () => {
      const OTHER = 'https://other.example/rss';
      const [wire, other] = await store.recordFeedSuccesses([
        { url: FEED, success: { at: T0, etag: '"w"', lastModified: null, nextDueAt: T0 + 1 }, items: [item({ id: 'w1', title: 'Coast guard patrol near islands' })] },
        { url: OTHER, success: { at: T0, etag: '"o"', lastModified: null, nextDueAt: T0 + 2 }, items: [item({ id: 'w1' }), item({ id: 'o1', title: 'Envoy summoned' })] },
      ]);
      expect(wire?.map((i) => i.id)).toEqual(['w1']);
      expect(other?.map((i) => i.id)).toEqual(['o1']);
      expect((await store.getFeed(OTHER))?.etag).toBe('"o"');
      expect((await store.searchItems('envoy', 10)).map((hit) => hit.item.id)).toEqual(['o1']);
    });

    it('keeps new items unprocessed until marked: a first poll\'s as backlog, later ones as news, and says which joined a story', async () => {
      const at = (t: number) => ({ at: t, etag: null, lastModified: null, nextDueAt: t + 1 });
      await store.recordFeedSuccess(FEED, at(T0), [item({ id: 'u1' }), item({ id: 'u2' })]); // the feed's first success
      await store.recordFeedSuccess(FEED, at(T0 + 10), [item({ id: 'u3' })]);
      const pending = await store.unprocessedItems(Number.MAX_SAFE_INTEGER, 10);
      expect(pending.map((p) => [p.item.id, p.backlog, p.clustered])).toEqual([['u1', true, false], ['u2', true, false], ['u3', false, false]]);
      expect((await store.unprocessedItems(T0 + 10, 10)).map((p) => p.item.id)).toEqual(['u1', 'u2']); // stored before T0 + 10 only
      expect((await store.unprocessedItems(Number.MAX_SAFE_INTEGER, 1)).map((p) => p.item.id)).toEqual(['u1']);

      await store.saveStoryAssignments([{ storyId: '1', created: true, topic: 't', itemId: 'u2', sourceKey: 'wire', eventTime: T0, score: 3, backlog: true, at: T0 }]);
      expect((await store.unprocessedItems(Number.MAX_SAFE_INTEGER, 10)).find((p) => p.item.id === 'u2')?.clustered).toBe(true);
      await store.markProcessed(['u1', 'u2']);
      expect((await store.unprocessedItems(Number.MAX_SAFE_INTEGER, 10)).map((p) => p.item.id)).toEqual(['u3']);
      await store.markProcessed([]);
      await store.markProcessed(['u3', 'no-such-item']);
      expect(await store.unprocessedItems(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    });

    it('refuses a report for a story id of another topic, saving nothing of that batch (ids are unique across topics)', async () => {
      await store.recordFeedSuccess(FEED, { at: T0, etag: null, lastModified: null, nextDueAt: T0 }, [item({ id: 'x1' }), item({ id: 'y1' }), item({ id: 'y2' })]);
      const assignment = { sourceKey: 'wire', eventTime: T0, score: 3, backlog: false, at: T0 };
      await store.saveStoryAssignments([{ ...assignment, storyId: '7', created: true, topic: 'alpha', itemId: 'x1' }]);
      // Another topic's "new" story under the same id, and a report joining it as if it were that topic's.
      await expect(store.saveStoryAssignments([{ ...assignment, storyId: '7', created: true, topic: 'beta', itemId: 'y1' }])).rejects.toBeInstanceOf(StoreError);
      await expect(store.saveStoryAssignments([{ ...assignment, storyId: '7', created: false, topic: 'beta', itemId: 'y1' }])).rejects.toThrow(/story 7 .*"beta".*"alpha"/);
      // In one batch with an accepted assignment: the whole batch is refused.
      await expect(store.saveStoryAssignments([
        { ...assignment, storyId: '8', created: true, topic: 'beta', itemId: 'y2' },
        { ...assignment, storyId: '7', created: false, topic: 'beta', itemId: 'y1' },
      ])).rejects.toBeInstanceOf(StoreError);
      expect((await store.getStory('7'))?.members.map((m) => m.item.id)).toEqual(['x1']);
      expect(await store.getStory('8')).toBeNull();
      expect(await store.recentStories('beta', 0, 10)).toEqual([]);
      expect(await store.storyOfItem('y1', 'alpha')).toBeNull();
      // Saving the story's own topic again is fine (a retried batch).
      await store.saveStoryAssignments([{ ...assignment, storyId: '7', created: true, topic: 'alpha', itemId: 'x1' }]);
      expect((await store.getStory('7'))?.itemCount).toBe(1);
    });

    it('heads a story with its earliest report: one of an earlier time that joins later takes over, a later or equal one does not', async () => {
      await store.recordFeedSuccess(FEED, { at: T0, etag: null, lastModified: null, nextDueAt: T0 }, ['first-in', 'earlier', 'later', 'tie'].map((id) => item({ id })));
      const join = (itemId: string, eventTime: number, at: number) => ({ storyId: '3', created: false, topic: 't', itemId, sourceKey: itemId, eventTime, score: 2, backlog: false, at });
      await store.saveStoryAssignments([{ ...join('first-in', T0 + 2 * 3_600_000, T0 + 2 * 3_600_000), created: true }]);
      expect((await store.getStory('3'))?.headline.id).toBe('first-in');
      await store.saveStoryAssignments([join('earlier', T0, T0 + 3 * 3_600_000)]); // a slower feed's report of two hours before
      const story = (await store.getStory('3'))!;
      expect([story.headlineItemId, story.headline.id]).toEqual(['earlier', 'earlier']);
      await store.saveStoryAssignments([join('later', T0 + 5 * 3_600_000, T0 + 5 * 3_600_000), join('tie', T0, T0 + 5 * 3_600_000)]);
      expect((await store.getStory('3'))?.headline.id).toBe('earlier');
      expect((await store.recentStories('t', 0, 10))[0]?.headline.id).toBe('earlier');
    });

    it('records success and failure state, and a success resets failures', async () => {
      await store.recordFeedFailure(FEED, { at: T0, code: 'feed_timeout', message: 'no complete response within 15 s', nextDueAt: T0 + 600_000 });
      await store.recordFeedFailure(FEED, { at: T0 + 1, code: 'feed_timeout', message: 'again', nextDueAt: T0 + 1_200_000 });
      let feed = await store.getFeed(FEED);
      expect(feed).toMatchObject({ consecutiveFailures: 2, lastError: 'again', lastErrorCode: 'feed_timeout', nextDueAt: T0 + 1_200_000, lastSuccessAt: null });
      expect((await store.dueFeeds(T0 + 1_000)).map((f) => f.url)).toEqual(['https://other.example/rss']);
      await store.recordFeedSuccess(FEED, { at: T0 + 2, etag: '"e"', lastModified: 'Tue, 27 Jan 2026 00:00:00 GMT', nextDueAt: T0 + 3 }, []);
      feed = await store.getFeed(FEED);
      expect(feed).toMatchObject({ consecutiveFailures: 0, lastError: null, etag: '"e"', lastModified: 'Tue, 27 Jan 2026 00:00:00 GMT', lastSuccessAt: T0 + 2 });
    });

    it('remembers where a feed moved permanently as of its last success, under its own URL', async () => {
      await store.recordFeedSuccess(FEED, { at: T0, etag: null, lastModified: null, nextDueAt: T0 + 1, movedTo: 'https://moved.example/rss' }, []);
      expect(await store.getFeed(FEED)).toMatchObject({ url: FEED, movedTo: 'https://moved.example/rss' });
      await store.recordFeedSuccess(FEED, { at: T0 + 2, etag: null, lastModified: null, nextDueAt: T0 + 3 }, []);
      expect((await store.getFeed(FEED))?.movedTo).toBeNull();
    });

    it('finds items by link and lists recent ones newest first', async () => {
      await store.recordFeedSuccess(FEED, { at: T0, etag: null, lastModified: null, nextDueAt: T0 }, [item({ id: 'old' })]);
      await store.recordFeedSuccess(FEED, { at: T0 + 60_000, etag: null, lastModified: null, nextDueAt: T0 }, [item({ id: 'new' })]);
      expect((await store.findItemByLink('https://wire.example/old'))?.id).toBe('old');
      expect((await store.recentItems(T0, 10)).map((i) => i.id)).toEqual(['new', 'old']);
      expect((await store.recentItems(T0 + 1, 10)).map((i) => i.id)).toEqual(['new']);
    });

    it('searches title and summary: phrases, exclusions, and no operator injection', async () => {
      await store.recordFeedSuccess(FEED, { at: T0, etag: null, lastModified: null, nextDueAt: T0 }, [
        item({ id: 'cg', title: 'Coast guard ships near Senkaku islands', summary: 'Four vessels entered the contiguous zone.' }),
        item({ id: 'drill', title: 'PLA drills around Taiwan', summary: 'Coast guard joined the exercise.' }),
        item({ id: 'ramen', title: 'Best ramen in Tokyo', summary: 'A guide.' }),
      ]);
      expect(await ids('coast guard')).toEqual(['cg', 'drill']);
      expect(await ids('"coast guard ships"')).toEqual(['cg']);
      expect(await ids('coast -drills')).toEqual(['cg']);
      expect(await ids('senkaku OR ramen')).toEqual([]); // OR is a word here, not an operator
      expect(await ids('NEAR(" *')).toEqual(['cg']); // the word "near", not the NEAR operator
      expect(await ids('')).toEqual([]);
      // Punctuation typed between words is no word to look for, in either engine.
      expect(await ids('coast & guard')).toEqual(['cg', 'drill']);
      expect(await ids('senkaku – coast / guard ?')).toEqual(['cg']);
    });

    it('lists equally ranked hits newest first, so a limit keeps the newest', async () => {
      const copies = Array.from({ length: 6 }, (_, n) => item({ id: `copy${n}`, title: 'Coast guard patrol near the islands', summary: 'Routine.', published: T0 + n * 60_000 }));
      for (const copy of copies) await store.recordFeedSuccess(FEED, { at: copy.published, etag: null, lastModified: null, nextDueAt: T0 }, [copy]);
      expect((await store.searchItems('patrol', 3)).map((hit) => hit.item.id)).toEqual(['copy5', 'copy4', 'copy3']);
    });

    it('finds Chinese and Japanese words inside titles and summaries, which are written without spaces', async () => {
      await store.recordFeedSuccess(FEED, { at: T0, etag: null, lastModified: null, nextDueAt: T0 }, [
        item({ id: 'zh', title: '中国海警舰艇编队进入钓鱼岛领海巡航', summary: '日本海上保安厅提出抗议。' }),
        item({ id: 'ja', title: '尖閣周辺に中国海警局の船', summary: '台湾海峡でも演習' }),
        item({ id: 'en', title: 'Taiwan Strait transit', summary: 'A destroyer sailed north.' }),
      ]);
      expect(await ids('钓鱼岛')).toEqual(['zh']);
      expect(await ids('中国海警')).toEqual(['ja', 'zh']);
      expect(await ids('台湾')).toEqual(['ja']);
      expect(await ids('尖閣 -台湾')).toEqual([]);
      expect(await ids('海警 -尖閣')).toEqual(['zh']);
      expect(await ids('岛钓')).toEqual([]); // characters in order, as a word
      expect(await ids('Taiwan')).toEqual(['en']);
    });

    if (factory.reopen) {
      it('keeps everything across a restart', async () => {
        await store.recordFeedSuccess(FEED, { at: T0, etag: '"x"', lastModified: null, nextDueAt: T0 + 10 }, [item({ id: 'persisted' })]);
        store = await factory.reopen!(store);
        expect((await store.getItem('persisted'))?.title).toBe('Title persisted');
        expect((await store.getFeed(FEED))?.etag).toBe('"x"');
        const again = await store.recordFeedSuccess(FEED, { at: T0 + 20, etag: null, lastModified: null, nextDueAt: T0 }, [item({ id: 'persisted' })]);
        expect(again).toEqual([]);
      });
    }
  });
}
