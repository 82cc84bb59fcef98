import { describe, expect, it } from 'vitest';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { compileTopic } from '../../src/match/compile.js';
import { loadEvalSet } from '../../src/eval/run-eval.js';
import { classifyBatch, type BatchItem } from '../../src/stories/classify-batch.js';

// Reports written for these tests (invented outlets). Each batch is classified after the labelled
// evaluation set, all of it months earlier, so that words are weighed as a running bot weighs them.
const topic = compileTopic(loadTopicByName('config/topics', 'japan-china-taiwan'));
const background: BatchItem[] = loadEvalSet('tests/fixtures/eval').items.map(({ id, title, summary, source, published }) => ({ id: `background-${id}`, title, summary, source, published }));

/** The stories of the given reports, as sorted lists of their ids (background left out). */
function storiesOf(reports: BatchItem[]): string[][] {
  const mine = new Set(reports.map((report) => report.id));
  const byStory = new Map<string, string[]>();
  for (const verdict of classifyBatch([...background, ...reports], topic)) {
    if (!mine.has(verdict.id)) continue;
    expect(verdict.story, `${verdict.id} is flagged and in a story`).not.toBeNull();
    byStory.set(verdict.story!, [...(byStory.get(verdict.story!) ?? []), verdict.id]);
  }
  return [...byStory.values()].map((ids) => ids.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

const report = (id: string, source: string, published: string, title: string, summary: string): BatchItem => ({ id, source, published, title, summary });

describe('look-alike incidents close in time are separate stories; reports of one incident stay together', () => {
  it('an incursion near the Senkakus on Monday and another on Tuesday: two stories, each with its own reports', () => {
    const reports = [
      report('mon-1', 'Okinawa Coast Bulletin', '2026-07-06T00:30:00Z', 'Three Chinese coast guard ships sail into Senkaku territorial waters', 'The three China Coast Guard vessels entered Japanese territorial waters off the Senkaku Islands on Monday morning, the Japan Coast Guard said.'),
      report('mon-2', 'Kansai Daily Wire', '2026-07-06T04:00:00Z', 'Japan protests to China over coast guard incursion near Senkakus', 'Tokyo lodged a protest after three Chinese coast guard ships intruded into territorial waters around the Senkaku Islands on Monday.'),
      report('mon-ja', '琉球タイムズ（例）', '2026-07-06T02:00:00Z', '尖閣領海に中国海警局の船3隻が侵入', '第11管区海上保安本部によると、中国海警局の船3隻が6日、尖閣諸島周辺の領海に侵入した。'),
      report('tue-1', 'Okinawa Coast Bulletin', '2026-07-07T01:00:00Z', 'Chinese coast guard ships enter Senkaku territorial waters again', 'Five China Coast Guard vessels entered Japanese territorial waters off the Senkaku Islands on Tuesday, the Japan Coast Guard said.'),
      report('tue-2', 'Kansai Daily Wire', '2026-07-07T03:30:00Z', 'Five Chinese coast guard ships intrude near Senkaku Islands', 'The five China Coast Guard vessels stayed in territorial waters around the Senkakus for several hours on Tuesday, the coast guard said.'),
    ];
    expect(storiesOf(reports)).toEqual([
      ['mon-1', 'mon-2', 'mon-ja'],
      ['tue-1', 'tue-2'],
    ]);
  });

  it('coast guard ships at Kinmen and near the Senkakus the same morning: two stories', () => {
    const reports = [
      report('kinmen-1', 'Formosa Evening Line', '2026-07-09T00:40:00Z', 'Taiwan expels Chinese coast guard ships from Kinmen waters', "Three China Coast Guard vessels sailed into restricted waters off Kinmen and were escorted out, Taiwan's Coast Guard Administration said."),
      report('senkaku-1', 'Okinawa Coast Bulletin', '2026-07-09T02:10:00Z', 'Chinese coast guard ships sail into Senkaku territorial waters', 'Three China Coast Guard vessels entered Japanese territorial waters near the Senkaku Islands, the Japan Coast Guard said.'),
      report('kinmen-2', 'Strait Morning Record', '2026-07-09T03:00:00Z', 'Chinese coast guard ships leave Kinmen restricted waters after warnings', 'The Coast Guard Administration said the three Chinese ships left the waters off Kinmen about two hours after entering.'),
    ];
    expect(storiesOf(reports)).toEqual([['kinmen-1', 'kinmen-2'], ['senkaku-1']]);
  });

  it("one outlet's reports of the foreign ministry's briefings on two days, on unrelated subjects: two stories", () => {
    const reports = [
      report('briefing-1', 'Capital Desk Wire', '2026-07-13T08:00:00Z', 'China tells Japan to face up to wartime past, foreign ministry says', "Spokesperson Mao Ning told the regular press conference that Japan should face its history of aggression, after a lawmakers' group visited a war memorial."),
      report('briefing-2', 'Capital Desk Wire', '2026-07-14T08:10:00Z', 'China objects to Japan plan for longer-range missiles, foreign ministry says', "Spokesperson Mao Ning told the regular press conference that Tokyo's plan to field longer-range missiles went beyond self-defence."),
    ];
    expect(storiesOf(reports)).toEqual([['briefing-1'], ['briefing-2']]);
  });

  it('a follow-up from another outlet the next day, about the same incident, still joins its story', () => {
    const reports = [
      report('detain-1', 'Kansai Daily Wire', '2026-07-20T03:00:00Z', 'China detains Japanese trading house employee in Dalian', 'A Japanese employee of a Tokyo trading house has been detained by state security in Dalian on suspicion of espionage, the Japanese embassy said.'),
      report('detain-2', 'Capital Desk Wire', '2026-07-21T01:00:00Z', 'Japan demands release of employee detained in Dalian', 'Chief Cabinet Secretary said Tokyo was urging Beijing to release the trading house employee detained in Dalian on espionage suspicion as soon as possible.'),
    ];
    expect(storiesOf(reports)).toEqual([['detain-1', 'detain-2']]);
  });
});
