import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openStore } from '../../src/store/open.js';
import type { Store, StoryWithMembers } from '../../src/store/types.js';
import { createItemProcessor, type ItemProcessor } from '../../src/pipeline/item-processor.js';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { compileTopic, type CompiledTopic } from '../../src/match/compile.js';
import type { FeedPollReport } from '../../src/feeds/poll-cycle.js';
import type { NormalizedItem } from '../../src/feeds/types.js';
import { storeLocations } from '../helpers/postgres.js';

// Story ids are the stories table's key across all topics: two topics' clusterers must never hand
// out the same one, or the second topic's story is lost and its report lands in the first's.

const logger = pino({ level: 'silent' });
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 6, 1, 0, 0);
const FEEDS = ['gull', 'tern', 'heron'];

/** A second topic next to the bundled one, from a topic file of its own (as a config's `topics` loads it). */
const MARITIME_YAML = `
name: maritime-security
description: Coast guards at sea (test topic)
rule: { groupWeight: 2, threshold: 5, singleGroupContext: 3 }
groups:
  coastguard:
    label: Coast guards
    terms:
      - [coast guard, coast guards]
context:
  - weight: 3
    terms:
      - [territorial waters, intrude, intrusion, collides, collided, collision]
`;

const topicsDir = mkdtempSync(join(tmpdir(), 'newsbot-topics-'));
writeFileSync(join(topicsDir, 'maritime-security.yaml'), MARITIME_YAML);
const load = (name: string): CompiledTopic => compileTopic(loadTopicByName([topicsDir, 'config/topics'], name));
const relations = load('japan-china-taiwan');
const maritime = load('maritime-security');
afterAll(() => rmSync(topicsDir, { recursive: true, force: true }));

function item(id: string, feed: string, source: string, title: string, summary: string, published: number): NormalizedItem {
  return { id, feedId: `https://feeds.example/${feed}`, link: `https://${feed}.example/${id}`, title, summary, published, publishedEstimated: false, source, language: 'en' };
}

// Invented reports: one for the relations topic only, one for both topics, one for the maritime topic only.
const summons = item('summons', 'gull', 'Gull Gazette', 'China summons Japanese ambassador over Takaichi Taiwan remarks', "China lodged strong representations with Japanese Ambassador Kenji Kanasugi over Prime Minister Sanae Takaichi's comments that a Taiwan contingency could threaten Japan.", T0);
const intrusion = item('intrusion', 'tern', 'Tern Times', 'Japan protests as four Chinese coast guard vessels intrude near Senkakus', 'The four ships stayed in territorial waters off the Senkaku Islands for about two hours; Tokyo protested through diplomatic channels.', T0 + HOUR);
const collision = item('collision', 'heron', 'Heron Herald', 'Coast guard cutter collides with trawler in the North Sea', 'Nobody was hurt when the patrol ship and the fishing boat collided in fog off the Frisian coast, the coast guard said.', T0 + 2 * HOUR);

describe.each(await storeLocations('twotopics', afterAll))('two topics on %s', (_backend, location) => {
  let dir: string;
  let where: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'newsbot-two-topics-'));
    where = location(dir);
    store = await openStore(where);
    await store.syncConfiguredFeeds(FEEDS.map((f) => ({ url: `https://feeds.example/${f}` })), T0 - 24 * HOUR);
    // A prior poll of every feed: what follows is news, not a first poll's backlog.
    for (const f of FEEDS) await store.recordFeedSuccess(`https://feeds.example/${f}`, { at: T0 - HOUR, etag: null, lastModified: null, nextDueAt: T0 }, []);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Store one feed's items as its poll would, and let `processor` cluster them. */
  async function pollInto(processor: ItemProcessor, feed: string, items: NormalizedItem[], at: number): Promise<void> {
    const fresh = await store.recordFeedSuccess(`https://feeds.example/${feed}`, { at, etag: null, lastModified: null, nextDueAt: at }, items);
    const report: FeedPollReport = { feed: (await store.getFeed(`https://feeds.example/${feed}`))!, firstSuccess: false, outcome: { status: 'new', items: fresh, storedCount: fresh.length, parsedCount: items.length } };
    await processor.processPoll([report], at);
  }

  /** Every stored story of both topics; each must hold only reports its topic flagged. */
  async function storiesByTopic(): Promise<{ relations: StoryWithMembers[]; maritime: StoryWithMembers[] }> {
    return { relations: await store.recentStories(relations.name, 0, 100), maritime: await store.recentStories(maritime.name, 0, 100) };
  }

  function expectSeparateStories(stored: { relations: StoryWithMembers[]; maritime: StoryWithMembers[] }): void {
    const ids = [...stored.relations, ...stored.maritime].map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const members = (stories: StoryWithMembers[]) => stories.flatMap((s) => s.members.map((m) => m.item.id)).sort();
    expect(members(stored.relations)).toEqual(['intrusion', 'summons']);
    expect(members(stored.maritime)).toEqual(['collision', 'intrusion']);
    for (const story of stored.relations) expect(story.topic).toBe(relations.name);
    for (const story of stored.maritime) expect(story.topic).toBe(maritime.name);
  }

  it('gives every topic\'s stories ids of their own, and each story only reports of its topic', async () => {
    const processor = createItemProcessor(store, [relations, maritime], logger);
    await processor.restore(T0);
    // One batch per report: the maritime topic's first story comes after the relations topic's, its second after two.
    await pollInto(processor, 'gull', [summons], T0 + 10 * 60_000);
    await pollInto(processor, 'tern', [intrusion], T0 + HOUR + 10 * 60_000);
    await pollInto(processor, 'heron', [collision], T0 + 2 * HOUR + 10 * 60_000);
    const stored = await storiesByTopic();
    expectSeparateStories(stored);
    // The report of both topics is in one story of each, and they are different stories.
    const [ofRelations, ofMaritime] = [await store.storyOfItem('intrusion', relations.name), await store.storyOfItem('intrusion', maritime.name)];
    expect(ofRelations).not.toBeNull();
    expect(ofMaritime).not.toBeNull();
    expect(ofMaritime).not.toBe(ofRelations);
  });

  it('keeps ids apart in one batch, and after a restart', async () => {
    const before = createItemProcessor(store, [relations, maritime], logger);
    await before.restore(T0);
    await pollInto(before, 'tern', [intrusion], T0 + HOUR + 10 * 60_000); // both topics make a story in this batch
    await store.close();
    store = await openStore(where);
    const after = createItemProcessor(store, [maritime, relations], logger); // listed the other way round
    await after.restore(T0 + 2 * HOUR);
    await pollInto(after, 'gull', [summons], T0 + 2 * HOUR + 10 * 60_000);
    await pollInto(after, 'heron', [collision], T0 + 2 * HOUR + 20 * 60_000);
    expectSeparateStories(await storiesByTopic());
  });
});

describe.each((await storeLocations('twotopicsreplicas', afterAll)).filter(([backend]) => backend === 'PostgreSQL'))('two topics, two replicas on %s', (_backend, location) => {
  it('replicas taking turns never give two stories one id', async () => {
    const where = location('');
    const [one, two] = [await openStore(where), await openStore(where)];
    try {
      await one.syncConfiguredFeeds(FEEDS.map((f) => ({ url: `https://feeds.example/${f}` })), T0 - 24 * HOUR);
      for (const f of FEEDS) await one.recordFeedSuccess(`https://feeds.example/${f}`, { at: T0 - HOUR, etag: null, lastModified: null, nextDueAt: T0 }, []);
      const replicas = [createItemProcessor(one, [relations, maritime], logger), createItemProcessor(two, [relations, maritime], logger)];
      for (const replica of replicas) await replica.restore(T0);
      const turns: Array<[Store, ItemProcessor, string, NormalizedItem]> = [[one, replicas[0]!, 'gull', summons], [two, replicas[1]!, 'tern', intrusion], [one, replicas[0]!, 'heron', collision]];
      for (const [k, [store, replica, feed, report]] of turns.entries()) {
        const at = T0 + (k + 1) * HOUR;
        const fresh = await store.recordFeedSuccess(`https://feeds.example/${feed}`, { at, etag: null, lastModified: null, nextDueAt: at }, [report]);
        await replica.processPoll([{ feed: (await store.getFeed(`https://feeds.example/${feed}`))!, firstSuccess: false, outcome: { status: 'new', items: fresh, storedCount: fresh.length, parsedCount: 1 } }], at);
      }
      const stories = [...(await one.recentStories(relations.name, 0, 100)), ...(await one.recentStories(maritime.name, 0, 100))];
      expect(new Set(stories.map((s) => s.id)).size).toBe(stories.length);
      expect(stories.flatMap((s) => s.members.map((m) => `${s.topic}:${m.item.id}`)).sort()).toEqual([
        'japan-china-taiwan:intrusion', 'japan-china-taiwan:summons', 'maritime-security:collision', 'maritime-security:intrusion',
      ]);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
