import { describe, expect, it } from 'vitest';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { compileTopic } from '../../src/match/compile.js';
import { matchItem } from '../../src/match/matcher.js';
import { extractFeatures, genericFeaturesOf } from '../../src/stories/features.js';

const topic = compileTopic(loadTopicByName('config/topics', 'japan-china-taiwan'));

function marksOf(title: string, summary: string): { places: string[]; weekdays: string[]; dates: string[]; figures: string[] } {
  const features = extractFeatures(title, summary, matchItem(topic, { title, summary }).concepts, genericFeaturesOf(topic));
  const sorted = (set: ReadonlySet<string>): string[] => [...set].sort();
  return { places: sorted(features.places), weekdays: sorted(features.weekdays), dates: sorted(features.dates), figures: sorted(features.figures) };
}

describe('what tells one incident from a look-alike one', () => {
  it('names the places of the topic, in any script, an island by its group', () => {
    expect(marksOf('Chinese ships near the Diaoyu Islands', 'Japan says they entered waters off Uotsuri.').places).toEqual(['senkaku']);
    expect(marksOf('中國海警船闖入金門限制水域', '海巡署表示，4艘船在金門附近。').places).toEqual(['kinmen']);
    expect(marksOf('尖閣周辺に中国海警局の船', '与那国島の沖でも確認された。').places).toEqual(['senkaku', 'yonaguni']);
    // Okinawa holds several places: a region, not a place that tells incidents apart.
    expect(marksOf('Japan deploys missiles to Okinawa', 'China protests the plan.').places).toEqual([]);
  });

  it('reads weekdays in English, Japanese and Chinese, and days of the month', () => {
    expect(marksOf('Ships enter Senkaku waters', 'They came on Thursday, March 12, and left on Friday.')).toMatchObject({ weekdays: ['fri', 'thu'], dates: ['12'] });
    expect(marksOf('尖閣領海に中国船', '11日（水曜日）に侵入した。領海侵入は2日連続で、3日間で4隻目。')).toMatchObject({ weekdays: ['wed'], dates: ['11'] });
    expect(marksOf('中国海警船在钓鱼岛巡航', '中国海警局周三称，舰艇编队于12日巡航。')).toMatchObject({ weekdays: ['wed'], dates: ['12'] });
  });

  it('gives counts as figures, digits or words, leaving out years, dates, times and ordinals', () => {
    expect(marksOf('Four Chinese coast guard ships enter Senkaku waters', 'The 11th Regional Coast Guard said on 12 March 2026 at 6 a.m. that 4 ships stayed two hours; a magnitude 7.2 quake struck at 1:03.').figures).toEqual(['2', '4']);
    expect(marksOf('國防部：共機27架次、共艦7艘', '國防部14日表示，今天上午6時止偵獲共機27架次，其中19架次逾越海峽中線。').figures).toEqual(['19', '27', '7']);
    expect(marksOf('Eleven Chinese vessels near Senkakus', 'Twelve aircraft and seven ships, the third day running.').figures).toEqual(['11', '12', '7']);
    // "One China" counts nothing.
    expect(marksOf('China says Japan must abide by one China principle', 'The foreign ministry spoke.').figures).toEqual([]);
  });
});
