import { describe, expect, it } from 'vitest';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { compileTopic } from '../../src/match/compile.js';
import { classifyBatch, type BatchItem } from '../../src/stories/classify-batch.js';

const topic = compileTopic(loadTopicByName('config/topics', 'japan-china-taiwan'));

// One patrol reported four ways (written for this test): English, Simplified and Traditional
// Chinese, Japanese. A different patrol two days later is another story.
const patrol: BatchItem[] = [
  {
    id: 'en',
    title: 'Four Chinese coast guard ships enter Senkaku territorial waters',
    summary: 'Japan Coast Guard said four China Coast Guard vessels entered the waters around the Senkaku Islands on Tuesday and stayed about two hours.',
    source: 'Pacific Wire Service',
    published: '2026-03-03T02:00:00Z',
  },
  {
    id: 'zh-hans',
    title: '中国海警4艘舰艇在钓鱼岛领海巡航',
    summary: '中国海警局发言人3日表示，中国海警舰艇编队在我钓鱼岛领海内巡航。',
    source: 'Huaxia Observer',
    published: '2026-03-03T02:40:00Z',
  },
  {
    id: 'zh-hant',
    title: '中國海警4艘艦艇進入釣魚臺領海',
    summary: '中國海警局3日稱，中國海警艦艇編隊在釣魚臺領海內巡航，臺灣海巡署表示密切關注。',
    source: 'Strait Daily',
    published: '2026-03-03T03:10:00Z',
  },
  {
    id: 'ja',
    title: '尖閣諸島の領海に中国海警局の船4隻が侵入',
    summary: '第11管区海上保安本部によると、中国海警局の船4隻が3日、尖閣諸島周辺の領海に侵入した。',
    source: 'Tokyo Ledger',
    published: '2026-03-03T03:30:00Z',
  },
  {
    id: 'later',
    title: '中國海警艦艇再次進入釣魚臺領海',
    summary: '中國海警局5日稱，海警艦艇編隊在釣魚臺領海巡航。',
    source: 'Strait Daily',
    published: '2026-03-05T08:00:00Z',
  },
];

describe('matching and clustering across scripts', () => {
  const verdicts = new Map(classifyBatch(patrol, topic).map((v) => [v.id, v]));

  it('flags the report in every script', () => {
    for (const id of ['en', 'zh-hans', 'zh-hant', 'ja', 'later']) expect(verdicts.get(id)?.relevant, id).toBe(true);
  });

  it('the Simplified and Traditional reports of one patrol are one story, with the English and Japanese ones', () => {
    const story = verdicts.get('zh-hans')!.story;
    expect(story).not.toBeNull();
    expect(verdicts.get('zh-hant')!.story).toBe(story);
    expect(verdicts.get('en')!.story).toBe(story);
    expect(verdicts.get('ja')!.story).toBe(story);
  });

  it('a patrol two days later is another story', () => {
    expect(verdicts.get('later')!.story).not.toBe(verdicts.get('zh-hant')!.story);
  });
});
