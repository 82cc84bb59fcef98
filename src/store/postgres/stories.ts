import type { MatchResult } from '../../match/types.js';
import type { ItemMatch, StoryAssignment, StoryMember, StoryWithMembers } from '../types.js';
import { storyAssignmentRefusal, toStoredItem, toStory } from '../rows.js';
import type { Db } from './db.js';

const ITEM_COLUMNS = ['id', 'feed_url', 'link', 'title', 'summary', 'published', 'published_estimated', 'source', 'language', 'first_seen'];

/** Match verdicts and stories on PostgreSQL: the story half of the Store. */
export function createPostgresStoryQueries(db: Db) {
  const loadStories = async (ids: string[]): Promise<StoryWithMembers[]> => {
    if (ids.length === 0) return [];
    const stories = await db.query('SELECT * FROM stories WHERE id = ANY($1::text[])', [ids]);
    const members = await db.query(
      `SELECT story_items.*, ${ITEM_COLUMNS.map((c) => `items.${c} AS i_${c}`).join(', ')} FROM story_items JOIN items ON items.id = story_items.item_id
       WHERE story_items.story_id = ANY($1::text[]) ORDER BY story_items.added_at, story_items.event_time, items.seq`,
      [ids],
    );
    const byStory = new Map<string, StoryMember[]>();
    for (const row of members) {
      const list = byStory.get(row.story_id as string) ?? [];
      list.push({ item: toStoredItem(row, 'i_'), sourceKey: row.source_key as string, eventTime: row.event_time as number, addedAt: row.added_at as number });
      byStory.set(row.story_id as string, list);
    }
    const loaded = new Map<string, StoryWithMembers>();
    for (const row of stories) {
      const story = toStory(row);
      const list = byStory.get(story.id) ?? [];
      const headline = list.find((m) => m.item.id === story.headlineItemId)?.item ?? list[0]?.item;
      if (headline) loaded.set(story.id, { ...story, headline, members: list });
    }
    return ids.map((id) => loaded.get(id)).filter((s): s is StoryWithMembers => s !== undefined);
  };

  return {
    loadStories,
    async saveMatches(topic: string, matches: ItemMatch[]): Promise<void> {
      if (matches.length === 0) return;
      await db.query(
        `INSERT INTO item_matches (item_id, topic, relevant, score, explanation)
         SELECT item_id, $1, relevant, score, explanation FROM unnest($2::text[], $3::boolean[], $4::float8[], $5::jsonb[]) AS m(item_id, relevant, score, explanation)
         ON CONFLICT (item_id, topic) DO UPDATE SET relevant = excluded.relevant, score = excluded.score, explanation = excluded.explanation`,
        [topic, matches.map((m) => m.itemId), matches.map((m) => m.result.relevant), matches.map((m) => m.result.score), matches.map((m) => JSON.stringify(m.result))],
      );
    },
    async getMatch(itemId: string, topic: string): Promise<MatchResult | null> {
      const [row] = await db.query('SELECT explanation FROM item_matches WHERE item_id = $1 AND topic = $2', [itemId, topic]);
      return row ? (JSON.parse(row.explanation as string) as MatchResult) : null;
    },
    async saveStoryAssignments(assignments: StoryAssignment[]): Promise<void> {
      await db.tx(async (t) => {
        const touched = new Map<string, { at: number; score: number }>();
        const verified = new Map<string, string>(); // story id → topic checked
        for (const a of assignments) {
          if (a.created) {
            await t.query(
              `INSERT INTO stories (id, seq, topic, headline_item_id, first_seen, last_updated) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (id) DO NOTHING`,
              [a.storyId, Number.parseInt(a.storyId, 10), a.topic, a.itemId, a.at],
            );
          }
          // Once per story and topic of the batch: the insert above keeps an existing story, which must be this topic's.
          if (verified.get(a.storyId) !== a.topic) {
            const [stored] = await t.query('SELECT topic FROM stories WHERE id = $1', [a.storyId]);
            const refusal = storyAssignmentRefusal(a.storyId, a.topic, stored?.topic as string | undefined);
            if (refusal) throw refusal; // the transaction is rolled back: nothing of the batch is saved
            verified.set(a.storyId, a.topic);
          }
          await t.query(
            `INSERT INTO story_items (story_id, item_id, source_key, event_time, added_at, backlog) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
            [a.storyId, a.itemId, a.sourceKey, a.eventTime, a.at, a.backlog],
          );
          const seen = touched.get(a.storyId);
          touched.set(a.storyId, { at: Math.max(seen?.at ?? 0, a.at), score: Math.max(seen?.score ?? -Infinity, a.score) });
        }
        // Counts once per story touched, not once per member added. The headline is the story's
        // earliest report (Story.headlineItemId): a slower feed's report of an earlier time takes it
        // over when it joins; on equal times the headline stays.
        for (const [storyId, { at, score }] of touched) {
          await t.query(
            `UPDATE stories SET headline_item_id = (
               SELECT item_id FROM story_items WHERE story_id = $1
               ORDER BY event_time, (item_id = stories.headline_item_id) DESC, added_at, item_id LIMIT 1),
             item_count = (SELECT COUNT(*) FROM story_items WHERE story_id = $1),
               source_count = (SELECT COUNT(DISTINCT source_key) FROM story_items WHERE story_id = $1),
               last_updated = GREATEST(last_updated, $2), max_score = GREATEST(max_score, $3) WHERE id = $1`,
            [storyId, at, score],
          );
        }
      });
    },
    getStory: async (id: string): Promise<StoryWithMembers | null> => (await loadStories([id]))[0] ?? null,
    async storyOfItem(itemId: string, topic: string): Promise<string | null> {
      const [row] = await db.query('SELECT s.id FROM story_items si JOIN stories s ON s.id = si.story_id WHERE si.item_id = $1 AND s.topic = $2', [itemId, topic]);
      return (row?.id as string | undefined) ?? null;
    },
    async recentStories(topic: string, since: number, limit: number): Promise<StoryWithMembers[]> {
      const rows = await db.query('SELECT id FROM stories WHERE topic = $1 AND last_updated >= $2 ORDER BY last_updated DESC, seq DESC LIMIT $3', [topic, since, limit]);
      return loadStories(rows.map((r) => r.id as string));
    },
    lastStorySequence: async (): Promise<number> => ((await db.query('SELECT COALESCE(MAX(seq), 0)::bigint AS seq FROM stories'))[0]?.seq as number) ?? 0,
  };
}
