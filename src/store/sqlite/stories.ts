import type Database from 'better-sqlite3';
import type { MatchResult } from '../../match/types.js';
import type { ItemMatch, StoryAssignment, StoryMember, StoryWithMembers } from '../types.js';
import { storyAssignmentRefusal, toStoredItem, toStory, type Row } from '../rows.js';

const ITEM_COLUMNS = ['id', 'feed_url', 'link', 'title', 'summary', 'published', 'published_estimated', 'source', 'language', 'first_seen'];
const aliased = (table: string, prefix: string): string => ITEM_COLUMNS.map((c) => `${table}.${c} AS ${prefix}${c}`).join(', ');

/** Match verdicts and stories on SQLite: the story half of the Store. */
export function createSqliteStoryQueries(db: Database.Database) {
  const statements = {
    saveMatch: db.prepare(`
      INSERT INTO item_matches (item_id, topic, relevant, score, explanation) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(item_id, topic) DO UPDATE SET relevant = excluded.relevant, score = excluded.score, explanation = excluded.explanation`),
    getMatch: db.prepare('SELECT explanation FROM item_matches WHERE item_id = ? AND topic = ?'),
    insertStory: db.prepare(`
      INSERT INTO stories (id, seq, topic, headline_item_id, first_seen, last_updated, item_count, source_count, max_score)
      VALUES (@id, @seq, @topic, @itemId, @at, @at, 0, 0, 0) ON CONFLICT(id) DO NOTHING`),
    insertMember: db.prepare(`
      INSERT OR IGNORE INTO story_items (story_id, item_id, source_key, event_time, added_at, backlog) VALUES (@storyId, @itemId, @sourceKey, @eventTime, @at, @backlog)`),
    // The headline is the story's earliest report (Story.headlineItemId): a slower feed's report of
    // an earlier time takes it over when it joins; on equal times the headline stays.
    refreshStory: db.prepare(`
      UPDATE stories SET
        headline_item_id = (
          SELECT item_id FROM story_items WHERE story_id = @storyId
          ORDER BY event_time, CASE WHEN item_id = stories.headline_item_id THEN 0 ELSE 1 END, added_at, item_id LIMIT 1),
        item_count = (SELECT COUNT(*) FROM story_items WHERE story_id = @storyId),
        source_count = (SELECT COUNT(DISTINCT source_key) FROM story_items WHERE story_id = @storyId),
        last_updated = MAX(last_updated, @at),
        max_score = MAX(max_score, @score)
      WHERE id = @storyId`),
    story: db.prepare('SELECT * FROM stories WHERE id = ?'),
    storyTopic: db.prepare('SELECT topic FROM stories WHERE id = ?'),
    members: db.prepare(`
      SELECT story_items.*, ${aliased('items', 'i_')} FROM story_items JOIN items ON items.id = story_items.item_id
      WHERE story_items.story_id = ? ORDER BY story_items.added_at, story_items.event_time, items.seq`),
    storyOfItem: db.prepare('SELECT stories.id FROM story_items JOIN stories ON stories.id = story_items.story_id WHERE story_items.item_id = ? AND stories.topic = ?'),
    recent: db.prepare('SELECT * FROM stories WHERE topic = ? AND last_updated >= ? ORDER BY last_updated DESC, seq DESC LIMIT ?'),
    lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM stories'),
  };

  const loadStory = (id: string): StoryWithMembers | null => {
    const row = statements.story.get(id) as Row | undefined;
    if (!row) return null;
    const members: StoryMember[] = (statements.members.all(id) as Row[]).map((member) => ({
      item: toStoredItem(member, 'i_'),
      sourceKey: member.source_key as string,
      eventTime: member.event_time as number,
      addedAt: member.added_at as number,
    }));
    const story = toStory(row);
    const headline = members.find((m) => m.item.id === story.headlineItemId)?.item ?? members[0]?.item;
    if (!headline) return null;
    return { ...story, headline, members };
  };

  return {
    loadStory,
    saveMatches: db.transaction((topic: string, matches: ItemMatch[]) => {
      for (const { itemId, result } of matches) {
        statements.saveMatch.run(itemId, topic, result.relevant ? 1 : 0, result.score, JSON.stringify(result));
      }
    }),
    getMatch(itemId: string, topic: string): MatchResult | null {
      const row = statements.getMatch.get(itemId, topic) as { explanation: string } | undefined;
      return row ? (JSON.parse(row.explanation) as MatchResult) : null;
    },
    saveStoryAssignments: db.transaction((assignments: StoryAssignment[]) => {
      const touched = new Map<string, { at: number; score: number }>();
      const verified = new Map<string, string>(); // story id → topic checked
      for (const assignment of assignments) {
        const seq = Number.parseInt(assignment.storyId, 10);
        if (assignment.created) statements.insertStory.run({ id: assignment.storyId, seq, topic: assignment.topic, itemId: assignment.itemId, at: assignment.at });
        // Once per story and topic of the batch: the insert above keeps an existing story, which must be this topic's.
        if (verified.get(assignment.storyId) !== assignment.topic) {
          const stored = statements.storyTopic.get(assignment.storyId) as { topic: string } | undefined;
          const refusal = storyAssignmentRefusal(assignment.storyId, assignment.topic, stored?.topic);
          if (refusal) throw refusal; // the transaction is rolled back: nothing of the batch is saved
          verified.set(assignment.storyId, assignment.topic);
        }
        statements.insertMember.run({ storyId: assignment.storyId, itemId: assignment.itemId, sourceKey: assignment.sourceKey, eventTime: assignment.eventTime, at: assignment.at, backlog: assignment.backlog ? 1 : 0 });
        const seen = touched.get(assignment.storyId);
        touched.set(assignment.storyId, { at: Math.max(seen?.at ?? 0, assignment.at), score: Math.max(seen?.score ?? -Infinity, assignment.score) });
      }
      // Counts once per story touched, not once per member added.
      for (const [storyId, { at, score }] of touched) statements.refreshStory.run({ storyId, at, score });
    }),
    getStory: loadStory,
    storyOfItem(itemId: string, topic: string): string | null {
      return ((statements.storyOfItem.get(itemId, topic) as Row | undefined)?.id as string | undefined) ?? null;
    },
    recentStories(topic: string, since: number, limit: number): StoryWithMembers[] {
      return (statements.recent.all(topic, since, limit) as Row[]).map((row) => loadStory(row.id as string)).filter((s): s is StoryWithMembers => s !== null);
    },
    lastStorySequence(): number {
      return (statements.lastSeq.get() as { seq: number }).seq;
    },
  };
}
