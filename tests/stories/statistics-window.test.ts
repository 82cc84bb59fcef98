import { describe, expect, it } from 'vitest';
import { StoryClusterer, type ClusterDecision, type ClusterInput } from '../../src/stories/clusterer.js';
import { DocumentWindow } from '../../src/stories/document-window.js';
import { extractFeatures, featureNumber, genericFeaturesOf, visitFeatureKeys } from '../../src/stories/features.js';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { compileTopic } from '../../src/match/compile.js';
import { matchItem } from '../../src/match/matcher.js';

const topic = compileTopic(loadTopicByName('config/topics', 'japan-china-taiwan'));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 0, 5);

interface Report {
  title: string;
  summary: string;
  source: string;
  time: number;
}

/** The bot's beat, day after day: a few coast guard and drills reports (written for this test), all different days' news. */
function beat(day: number): Report[] {
  const count = ['Two', 'Three', 'Four', 'Five', 'Six'][day % 5]!;
  return [
    { title: `${count} Chinese coast guard vessels spotted near Senkakus`, summary: `The Japan Coast Guard said ${count.toLowerCase()} China Coast Guard ships sailed in the contiguous zone off the Senkaku Islands, day ${day} of the count.`, source: 'Okinawa Coast Bulletin', time: START + day * DAY + 2 * HOUR },
    { title: 'Japan scrambles jets as Chinese drones fly near Yonaguni', summary: `The defense ministry said fighter jets were scrambled after Chinese drones flew between Yonaguni and Taiwan, log ${day}.`, source: 'Kansai Daily Wire', time: START + day * DAY + 5 * HOUR },
    { title: 'Taiwan reports Chinese warships around island', summary: `Taiwan's defence ministry said it tracked PLA warships and aircraft near the island in the 24 hours to dawn, bulletin ${day}.`, source: 'Formosa Evening Line', time: START + day * DAY + 8 * HOUR },
  ];
}

/** Everything else a bot reads: most items, none of them flagged. */
function otherNews(day: number): Report[] {
  return Array.from({ length: 300 }, (_, k) => ({ title: `Harbour board approves dredging contract ${day}-${k}`, summary: `The board voted on lot ${day}-${k} of the port works and on ferry timetables.`, source: 'City Desk', time: START + day * DAY + k * 60_000 }));
}

/** Today's new incident, told by two outlets an hour apart in the beat's everyday words. */
const incident: Report[] = [
  { title: 'Chinese coast guard ships enter Japanese territorial waters near Senkakus', summary: 'The Japan Coast Guard said the China Coast Guard vessels sailed into territorial waters off the Senkaku Islands and were told to leave.', source: 'Okinawa Coast Bulletin', time: 0 },
  { title: 'Japan lodges protest as Chinese coast guard vessels intrude near Senkaku Islands', summary: 'Tokyo protested after China Coast Guard ships entered its territorial waters around the islands.', source: 'Kansai Daily Wire', time: HOUR },
];

/** A clusterer fed as the pipeline feeds it (flagged items counted and assigned, the rest counted), days [from, to). */
function runFor(from: number, to: number): { clusterer: StoryClusterer; feed: (report: Report) => ClusterDecision | null } {
  const clusterer = new StoryClusterer();
  const feed = (report: Report): ClusterDecision | null => {
    const match = matchItem(topic, report);
    if (!match.relevant) {
      clusterer.observeEach((visit) => visitFeatureKeys(report.title, report.summary, match.concepts, visit));
      return null;
    }
    const features = extractFeatures(report.title, report.summary, match.concepts, genericFeaturesOf(topic));
    clusterer.observe(features.weights);
    return clusterer.assign({ id: `${report.source} ${report.time}`, source: report.source, time: report.time, features });
  };
  for (let day = from; day < to; day++) for (const report of [...beat(day), ...otherNews(day)].sort((a, b) => a.time - b.time)) feed(report);
  return { clusterer, feed };
}

function tellIncident(feed: (report: Report) => ClusterDecision | null, at: number): ClusterDecision[] {
  return incident.map((report) => feed({ ...report, time: at + report.time })!);
}

describe('term statistics over a sliding window', () => {
  it('after 100 days of running, two reports of a new incident make one story, as they do after a restart that read a week', () => {
    const at = START + 101 * DAY + 3 * HOUR;
    const [longFirst, longSecond] = tellIncident(runFor(0, 100).feed, at);
    const [restartedFirst, restartedSecond] = tellIncident(runFor(93, 100).feed, at);
    expect(restartedSecond!.storyId).toBe(restartedFirst!.storyId);
    expect(longSecond!.created).toBe(false);
    expect(longSecond!.storyId).toBe(longFirst!.storyId);
    // The same words weigh the same: the week before counts, not the months before it.
    expect(longSecond!.similarity).toBeCloseTo(restartedSecond!.similarity, 2);
  });

  it('forgets a bucket once it lies the window behind the latest time, and nothing sooner', () => {
    const window = new DocumentWindow(7 * DAY, 6 * HOUR);
    const forgotten = new Map<number, number>();
    const forget = (feature: number, count: number): void => void forgotten.set(feature, (forgotten.get(feature) ?? 0) + count);
    const counts = new Int32Array(8);
    const count = (time: number, features: number[]): void => {
      window.advanceTo(time, counts, forget);
      window.addDocument();
      for (const feature of features) {
        counts[feature]!++;
        window.addFeature(feature);
      }
    };
    count(START, [1, 2]);
    count(START + HOUR, [1]);
    count(START + DAY, [2, 3]);
    expect(window.advanceTo(START + 7 * DAY - HOUR, counts, forget)).toBe(0);
    expect(forgotten.size).toBe(0);
    expect(window.advanceTo(START + 7 * DAY + HOUR, counts, forget)).toBe(2); // the first day's bucket
    expect(Object.fromEntries(forgotten)).toEqual({ 1: 2, 2: 1 });
    expect(window.advanceTo(START + 8 * DAY + HOUR, counts, forget)).toBe(1);
    expect(Object.fromEntries(forgotten)).toEqual({ 1: 2, 2: 2, 3: 1 });
  });

  it('counts documents seen before any time (start-up history, a batch) as of the first time given', () => {
    const window = new DocumentWindow(7 * DAY, 6 * HOUR);
    const counts = new Int32Array([0, 3, 0, 1]); // three documents counted with no time known
    for (let i = 0; i < 3; i++) window.addDocument();
    const forgotten: Array<[number, number]> = [];
    const forget = (feature: number, n: number): void => void forgotten.push([feature, n]);
    expect(window.advanceTo(START + 3 * DAY, counts, forget)).toBe(0);
    expect(window.advanceTo(START + 10 * DAY - HOUR, counts, forget)).toBe(0);
    expect(window.advanceTo(START + 10 * DAY + 6 * HOUR, counts, forget)).toBe(3);
    expect(forgotten).toEqual([
      [1, 3],
      [3, 1],
    ]);
  });

  it('weighs a batch counted before it is assigned as a whole, however long the batch runs', () => {
    // classifyBatch and the benchmark count every item first, then assign them in time order: a
    // report a month into the batch must still be weighed by the counts of the whole batch.
    const item = (id: string, words: string[], time: number): ClusterInput => ({ id, source: id, time, features: { ...extractFeatures('', '', []), weights: new Map(words.map((word) => [featureNumber(`w:${word}`), 1])) } });
    const month = [item('start', ['blockade', 'warning', 'strait'], START), item('later', ['matsu', 'patrol', 'boats'], START + 30 * DAY), item('again', ['matsu', 'patrol', 'harbour'], START + 30 * DAY + HOUR)];
    const similarityOfAgain = (assignFirst: boolean): number => {
      const clusterer = new StoryClusterer();
      for (let i = 0; i < 200; i++) clusterer.observe(new Set([featureNumber(`w:filler${i}`), featureNumber('w:patrol')]));
      for (const report of month) clusterer.observe(report.features.weights);
      if (assignFirst) clusterer.assign(month[0]!); // the clock starts a month before the rest
      clusterer.assign(month[1]!);
      return clusterer.assign(month[2]!).similarity;
    };
    expect(similarityOfAgain(true)).toBe(similarityOfAgain(false));
  });
});
