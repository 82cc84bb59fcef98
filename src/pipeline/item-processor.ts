import type { CompiledTopic } from '../match/compile.js';
import { matchItem } from '../match/matcher.js';
import type { MatchResult } from '../match/types.js';
import { extractFeatures, genericFeaturesOf, visitFeatureKeys, type ItemFeatures } from '../stories/features.js';
import { StoryClusterer, DEFAULT_CLUSTER_OPTIONS, type ClusterInput, type ClusterOptions } from '../stories/clusterer.js';
import { outletKey } from '../stories/outlet.js';
import { StoryIdAllocator } from '../stories/story-ids.js';
import { eventTime } from '../stories/event-time.js';
import type { FeedPollReport } from '../feeds/poll-cycle.js';
import type { Store, StoryAssignment, StoredItem, StoryWithMembers } from '../store/types.js';
import type { Logger } from '../log.js';

/** What one batch of new items did to the stories of a topic. */
export interface StoryChange {
  topic: string;
  storyId: string;
  created: boolean;
  /** Ids of the items that joined the story in this batch (ids, not items: a large cycle's result stays small). */
  itemIds: string[];
  /** True when every joining item came from a feed's first poll (a backlog, not news). */
  backlog: boolean;
}

export interface ItemProcessor {
  /**
   * Rebuild clustering state from the store (recent stories, term statistics), then match and
   * cluster the items a stopped process stored but never clustered. Call once at start-up.
   */
  restore(now: number): Promise<void>;
  /** Match new items against every topic, cluster the relevant ones, store both. */
  processPoll(reports: FeedPollReport[], now: number): Promise<StoryChange[]>;
  /**
   * As processPoll, but back as soon as the batch is clustered, its writes still under way in
   * `saved`: a store on its own thread (SQLite) writes one batch while this thread reads the next.
   * Calls to the store are answered in order, so later reads see these writes; await `saved` to
   * learn that they failed. A store shared with other processes is written before the lock is let go.
   */
  processPollQueued(reports: FeedPollReport[], now: number): Promise<{ changes: StoryChange[]; saved: Promise<void> }>;
}

/** At most this many stored items are read back at start-up (the clusterer's statistics window) to weigh terms (IDF) like the running bot would. */
const STATISTICS_MAX_ITEMS = 20_000;
/**
 * Stored items left unprocessed this long belong to a process that stopped (PostgreSQL replicas:
 * a live one clusters its items within seconds of storing them). With SQLite, every item left
 * pending at start-up is one.
 */
const ABANDONED_AFTER_MS = 10 * 60_000;
const RECOVERY_BATCH = 1_000;

/**
 * The one stage that joins the pipeline to the store: new items → match → stories. One clusterer
 * per topic lives in memory; start-up restores it from the stories of the last window.
 *
 * `clock`, when given, dates a batch's stories when its clustering starts: a batch that waited for
 * another replica's clustering lock is stamped after the wait, not before it, or a digest planned
 * during the wait could end its window past stories it never saw.
 */
export function createItemProcessor(store: Store, topics: CompiledTopic[], logger: Logger, options: Partial<ClusterOptions> = {}, clock?: () => number): ItemProcessor {
  const settings = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const clusterers = new Map<string, StoryClusterer>();
  /** One id count for all topics: the store keys stories on id alone (see StoryIdAllocator). */
  const storyIds = new StoryIdAllocator();
  /** The newest story update this process has seen: later ones were made by another replica. */
  let syncedUpTo = 0;

  const featuresOf = (topic: CompiledTopic, item: StoredItem, match?: MatchResult) =>
    extractFeatures(item.title, item.summary, (match ?? matchItem(topic, item)).concepts, genericFeaturesOf(topic));
  /** A stored story's members as the clusterer takes them back (restore). */
  const membersOf = (topic: CompiledTopic, story: StoryWithMembers): ClusterInput[] =>
    story.members.map((member) => ({ id: member.item.id, source: member.sourceKey, time: member.eventTime, features: featuresOf(topic, member.item) }));

  return {
    async restore(now) {
      storyIds.continueAfter(await store.lastStorySequence());
      const history = await store.recentItems(now - settings.statisticsWindowMs, STATISTICS_MAX_ITEMS);
      for (const topic of topics) {
        const clusterer = new StoryClusterer(settings, storyIds.allocate);
        for (const item of history) clusterer.observeEach((visit) => visitFeatureKeys(item.title, item.summary, matchItem(topic, item).concepts, visit));
        const recent = await store.recentStories(topic.name, now - settings.windowMs, 10_000);
        for (const story of recent) clusterer.restore(story.id, membersOf(topic, story));
        clusterers.set(topic.name, clusterer);
        for (const story of recent) syncedUpTo = Math.max(syncedUpTo, story.lastUpdated);
        logger.debug({ topic: topic.name, stories: recent.length, history: history.length }, 'story clustering restored');
      }
      await recoverUnprocessed(now);
    },

    async processPoll(reports, now) {
      const { changes, saved } = await processPollQueued(reports, now);
      await saved;
      return changes;
    },
    processPollQueued,
  };

  async function processPollQueued(reports: FeedPollReport[], now: number): Promise<{ changes: StoryChange[]; saved: Promise<void> }> {
    const fresh = reports.flatMap((report) =>
      report.outcome.status === 'new' ? report.outcome.items.map((item) => ({ item, backlog: report.firstSuccess })) : [],
    );
    if (fresh.length === 0) return { changes: [], saved: Promise.resolve() };
    // One process clusters at a time, starting from what the others stored: one story per event.
    return store.withClusterLock(async (shared) => {
      const at = clock ? Math.max(now, clock()) : now;
      // Replicas run on when one dies: its stored but unclustered items are taken up by the next batch.
      if (shared) fresh.push(...(await abandonedItems(at)));
      const batch = await clusterBatch(fresh, at, shared);
      if (shared) await batch.saved; // other replicas catch up from the store once the lock is free
      return batch;
    });
  }

  /**
   * Items stored by a process that stopped before clustering them (killed between the two): they
   * are new to nobody else, so they are matched and clustered now, as news or backlog as stored.
   */
  async function recoverUnprocessed(now: number): Promise<void> {
    await store.withClusterLock(async (shared) => {
      const storedBefore = shared ? now - ABANDONED_AFTER_MS : Number.MAX_SAFE_INTEGER;
      let recovered = 0;
      const seen = new Set<string>();
      for (let left = await takeLeftovers(storedBefore); left.ids.length > 0; left = await takeLeftovers(storedBefore)) {
        if (seen.has(left.ids[0]!)) throw new Error(`items stay unprocessed after clustering them (first: ${left.ids[0]})`);
        for (const id of left.ids) seen.add(id);
        if (left.unclustered.length > 0) await (await clusterBatch(left.unclustered, now, shared)).saved;
        recovered += left.unclustered.length;
      }
      if (recovered > 0) logger.info({ items: recovered }, 'matched and clustered items a stopped run had stored');
    });
  }

  /** Items a stopped replica stored and never clustered, to go with this batch. */
  async function abandonedItems(now: number): Promise<Array<{ item: StoredItem; backlog: boolean }>> {
    const { unclustered } = await takeLeftovers(now - ABANDONED_AFTER_MS);
    if (unclustered.length > 0) logger.info({ items: unclustered.length }, 'taking up items a stopped replica stored');
    return unclustered;
  }

  /**
   * The next unprocessed items stored before `storedBefore`: those already in a story (the stop
   * came after that) are just marked processed; the others are returned to be clustered.
   */
  async function takeLeftovers(storedBefore: number): Promise<{ ids: string[]; unclustered: Array<{ item: StoredItem; backlog: boolean }> }> {
    const left = await store.unprocessedItems(storedBefore, RECOVERY_BATCH);
    await store.markProcessed(left.filter((entry) => entry.clustered).map((entry) => entry.item.id));
    return { ids: left.map((entry) => entry.item.id), unclustered: left.filter((entry) => !entry.clustered).map(({ item, backlog }) => ({ item, backlog })) };
  }

  /** Stories other replicas created or grew since this process last looked, into the clusterers. */
  async function catchUp(now: number): Promise<void> {
    storyIds.continueAfter(await store.lastStorySequence());
    for (const topic of topics) {
      const clusterer = clusterers.get(topic.name)!;
      for (const story of await store.storiesUpdatedBetween(topic.name, syncedUpTo, Number.MAX_SAFE_INTEGER)) {
        if (story.lastUpdated < now - settings.windowMs) continue;
        clusterer.restore(story.id, membersOf(topic, story));
        syncedUpTo = Math.max(syncedUpTo, story.lastUpdated);
      }
    }
  }

  async function clusterBatch(fresh: Array<{ item: StoredItem; backlog: boolean }>, now: number, shared: boolean): Promise<{ changes: StoryChange[]; saved: Promise<void> }> {
      if (shared) await catchUp(now);
      const changes: StoryChange[] = [];
      // Writes go out without waiting: a store on its own thread (SQLite) saves while this one clusters.
      const saving: Array<Promise<void>> = [];
      const save = (write: Promise<void>): void => {
        write.catch(() => undefined); // reported through `saved`; no unhandled-rejection warning meanwhile
        saving.push(write);
      };
      for (const topic of topics) {
        const clusterer = clusterers.get(topic.name);
        if (!clusterer) throw new Error('item processor used before restore()');
        // Every item counts for term statistics; only flagged ones are kept for clustering. The
        // others' verdicts and features are let go at once: held to the end of the batch, they
        // outlived a garbage collection or two, and copying them was much of the cycle's GC time.
        const flagged: Array<{ item: StoredItem; backlog: boolean; match: MatchResult; features: ItemFeatures; time: number }> = [];
        for (const { item, backlog } of fresh) {
          const match = matchItem(topic, item);
          if (!match.relevant) {
            clusterer.observeEach((visit) => visitFeatureKeys(item.title, item.summary, match.concepts, visit));
            continue;
          }
          const features = featuresOf(topic, item, match);
          clusterer.observe(features.weights);
          flagged.push({ item, backlog, match, features, time: eventTime(item, backlog) });
        }
        // Only flagged items' verdicts are kept: stories show them, and `why` works out any other
        // item's verdict again from the item (the matcher is deterministic). Most items are not
        // flagged, and serializing every explanation cost more than matching them.
        save(store.saveMatches(topic.name, flagged.map(({ item, match }) => ({ itemId: item.id, result: match }))));

        const assignments: StoryAssignment[] = [];
        const byStory = new Map<string, StoryChange>();
        for (const entry of flagged.sort((a, b) => a.time - b.time)) {
          const sourceKey = outletKey(entry.item.source);
          const decision = clusterer.assign({ id: entry.item.id, source: sourceKey, time: entry.time, features: entry.features });
          assignments.push({ storyId: decision.storyId, created: decision.created, topic: topic.name, itemId: entry.item.id, sourceKey, eventTime: entry.time, score: entry.match.score, backlog: entry.backlog, at: now });
          const change = byStory.get(decision.storyId) ?? { topic: topic.name, storyId: decision.storyId, created: decision.created, itemIds: [], backlog: true };
          change.itemIds.push(entry.item.id);
          change.backlog &&= entry.backlog;
          byStory.set(decision.storyId, change);
        }
        save(store.saveStoryAssignments(assignments));
        changes.push(...byStory.values());
      }
      // Last, and only once the verdicts and stories are stored: an item marked done after a refused
      // write would never be clustered again (it stays pending, and is retried, instead).
      const ids = fresh.map(({ item }) => item.id);
      save(Promise.all(saving).then(() => store.markProcessed(ids)));
      syncedUpTo = Math.max(syncedUpTo, now);
      return { changes, saved: Promise.all(saving).then(() => undefined) };
  }
}
