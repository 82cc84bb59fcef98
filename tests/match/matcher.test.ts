import { describe, expect, it } from 'vitest';
import { loadTopicByName } from '../../src/match/load-topic.js';
import { compileTopic, inflections } from '../../src/match/compile.js';
import { findTerms, matchItem } from '../../src/match/matcher.js';
import { separatorMatchesAt } from '../../src/match/scanner.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_TOPICS_DIR } from '../../src/config/paths.js';
import { topicSchema } from '../../src/match/topic-schema.js';
import { seededRandom } from '../helpers/random.js';

const topic = compileTopic(loadTopicByName('config/topics', 'japan-china-taiwan'));
const match = (title: string, summary = '') => matchItem(topic, { title, summary });

describe('matcher: what counts as Japan–China–Taiwan relations news', () => {
  it.each([
    ['Chinese coast guard ships sail in Diaoyu waters for a third day', ''],
    ['PLA aircraft cross Taiwan Strait median line', 'Taipei scrambled jets in response.'],
    ["Japan's Takaichi says alliance would collapse in a Taiwan crisis", ''],
    ['Beijing summons Japanese ambassador over Taiwan remarks', ''],
    ['Sino-Japanese ties sour after export curbs on rare earths', ''],
    ['Japan-US drills near Yonaguni draw protest from Beijing', ''],
    ['尖閣周辺の領海に中国海警局の船が侵入', ''],
    ['解放军东部战区在台湾岛周边开展联合演习', ''],
    ['中國海警船進入釣魚台海域', ''],
  ])('flags %s', (title, summary) => {
    const result = match(title, summary);
    expect(result.relevant, result.reason).toBe(true);
  });

  it.each([
    ['Japan beat China 3-1 in World Cup qualifier', 'A late goal sealed the win in Saitama.', /below the threshold/],
    ['Nikkei, Hang Seng and Taiex close higher as chip stocks rally', 'Stocks in Tokyo, Shanghai and Taipei rose.', /below the threshold|one side/],
    ['Animated film tops box office in Japan and China', '', /below the threshold/],
    ['Rare fine china dinner service sells at auction', 'The porcelain set dates from 1890.', /none of/],
    ['Oak china cabinet restored by furniture maker', '', /none of/],
    ['Chinatown festival draws crowds in San Francisco', '', /none of/],
    ['Japan Airlines doubles miles on Honolulu flights', 'The promotion runs until March.', /none of|one side|below/],
    ['Taiwanese bubble tea shop opens in London', 'Queues formed before the shop opened.', /one side|below|none/],
    ['Best ramen in Tokyo, according to chefs', '', /one side|below/],
    ['US raises tariffs on Chinese goods as Beijing vows countermeasures', '', /one side/],
  ])('rejects %s', (title, summary, reason) => {
    const result = match(title, summary);
    expect(result.relevant).toBe(false);
    expect(result.reason).toMatch(reason);
  });

  it('is case-aware where case matters: "China" the country, not "china" the porcelain', () => {
    expect(match('A set of china plates').groups).toEqual({});
    expect(match('A visit to China').groups).toEqual({ china: ['China'] });
    expect(match('CHINA WARNS JAPAN').groups).toEqual({ china: ['CHINA'], japan: ['JAPAN'] });
  });

  it('respects word boundaries, possessives and hyphens', () => {
    expect(match('Japanning craft revival').groups).toEqual({});
    expect(match("Japan's envoy").groups.japan).toEqual(['Japan']);
    expect(match('Japan-US summit').groups.japan).toEqual(['Japan-US']);
    expect(match('Sino-Japanese relations').groups).toMatchObject({ china: ['Sino-'], japan: ['Japanese'] });
  });

  it('finds a phrase however the feed spaced it: a line break or several spaces between its words, any case', () => {
    const phrase = (title: string) => findTerms(topic, { title, summary: '' }).map((hit) => hit.text);
    expect(phrase('Chinese coast guard ships')).toContain('Chinese coast guard');
    expect(phrase('CHINESE COAST\nGUARD ships')).toContain('CHINESE COAST\nGUARD');
    expect(phrase('Chinese  coast   guard ships')).toContain('Chinese  coast   guard');
    expect(phrase('Chinese coast-guard ships')).not.toContain('Chinese coast-guard'); // a hyphen is not a space
  });

  it('quotes a phrase that runs on from the title into the summary whole, at its place in the title', () => {
    const hits = findTerms(topic, { title: 'Four ships of the Chinese coast', summary: 'guard entered the waters off Yonaguni' });
    expect(hits.map((hit) => [hit.text, hit.field, hit.offset])).toEqual([
      ['ships', 'title', 5],
      ['Chinese coast\nguard', 'title', 18],
      ['Yonaguni', 'summary', 29],
    ]);
  });

  it('matches CJK text without spaces, and folds full-width Latin letters (quoting the item as written)', () => {
    expect(match('高市首相が台湾有事について答弁').groups).toMatchObject({ japan: ['高市'], taiwan: expect.arrayContaining(['台湾有事']) });
    expect(match('ＪＡＰＡＮ and ＣＨＩＮＡ talks').groups).toEqual({ japan: ['ＪＡＰＡＮ'], china: ['ＣＨＩＮＡ'] });
    expect(match('ｃｈｉｎａ ｃａｂｉｎｅｔ in Ｔｏｋｙｏ').groups.china).toBeUndefined(); // full-width lower case is still the porcelain
  });

  it('folding one field never moves the other field\'s hits (offsets and title/summary stay true)', () => {
    const hits = findTerms(topic, { title: 'Japan… protests China', summary: '（台灣）Taipei reacts' });
    expect(hits.find((h) => h.text === 'China')).toMatchObject({ field: 'title', offset: 16 });
    expect(hits.find((h) => h.text === '台灣')).toMatchObject({ field: 'summary', offset: 1 });
    expect(hits.find((h) => h.text === 'Taipei')).toMatchObject({ field: 'summary', offset: 4 });
  });

  it('folds Traditional to Simplified Chinese: each spelling of a place matches one alias set', () => {
    // Spellings the topic file does not list: folding, not an alias, makes them match.
    const topicFile = readFileSync(join(BUNDLED_TOPICS_DIR, 'japan-china-taiwan.yaml'), 'utf8');
    for (const spelling of ['中國外交部', '國防部']) expect(topicFile).not.toContain(spelling);
    const spokesman = match('中國外交部發言人就日本首相涉臺言論表態，國防部隨後回應');
    expect(spokesman.groups.china).toEqual(expect.arrayContaining(['中國外交部']));
    expect(spokesman.context).toEqual(expect.arrayContaining(['國防部']));
    const traditional = match('中國海警艦艇進入釣魚島領海 臺灣海巡署密切關注');
    const simplified = match('中国海警舰艇进入钓鱼岛领海 台湾海巡署密切关注');
    expect(traditional.relevant).toBe(true);
    expect(simplified.relevant).toBe(true);
    expect(Object.keys(traditional.groups).sort()).toEqual(Object.keys(simplified.groups).sort());
    expect(traditional.groups.china).toEqual(expect.arrayContaining(['中國海警']));
    expect(traditional.groups.taiwan).toEqual(expect.arrayContaining(['臺灣']));
    // 尖閣 (Japanese), 釣魚島 (Traditional), 钓鱼岛 (Simplified), Senkaku and Diaoyu: one concept.
    const concepts = ['尖閣諸島に中国海警局の船', '釣魚島附近出現中國海警船', '钓鱼岛附近出现中国海警船', 'Coast guard ships near the Senkakus', 'Coast guard ships near the Diaoyu Islands']
      .map((text) => match(text).concepts.filter((c) => c.kind === 'side' || c.kind === 'entity').map((c) => c.id));
    const islands = concepts.map((ids) => ids.find((id) => id === 'senkaku'));
    expect(islands).toEqual(['senkaku', 'senkaku', 'senkaku', 'senkaku', 'senkaku']);
  });

  it('ignores HTML remnants', () => {
    const result = match('<b>China</b> &amp; <i>Japan</i> hold talks', '<p>The <a href="x">foreign ministers</a> met.</p>');
    expect(result.groups).toEqual({ china: ['China'], japan: ['Japan'] });
    expect(result.context).toContain('foreign ministers');
  });

  it('counts a disputed place for both sides, and explains itself', () => {
    const result = match('Coast guard ships in Senkaku waters', 'Four vessels entered the contiguous zone.');
    expect(result.groups).toEqual({ japan: ['Senkaku'], china: ['Senkaku'] });
    expect(result.context).toEqual(expect.arrayContaining(['Coast guard', 'contiguous zone']));
    expect(result.relevant).toBe(true);
    expect(result.reason).toMatch(/^score \d+(\.\d+)? ≥ 5 with 2 sides touched$/);
  });

  it('weighs a title hit above the same hit in the summary', () => {
    const inTitle = match('Japan and China hold talks on export curbs', 'Officials met.');
    const inSummary = match('Japan and China hold talks', 'Officials met to discuss export curbs.');
    expect(inTitle.score).toBeGreaterThan(inSummary.score);
  });

  it('matches an item that needs no cleaning or folding as it matches once cleaned (the same item with an HTML entity added)', () => {
    const items: Array<[string, string]> = [
      ['Chinese coast guard ships sail in Diaoyu waters for a third day', 'Japan lodged a protest with Beijing.'],
      ["Japan's Takaichi says alliance would collapse in a Taiwan crisis", 'Beijing summoned the ambassador.'],
      ['Sino-Japanese ties sour after export curbs on rare earths', 'U.S. officials urged calm; the PRC disagreed.'],
      ['Rare fine china dinner service sells at auction', 'The porcelain set dates from 1890.'],
      ['Four ships of the Chinese coast', 'guard entered the waters off Yonaguni'],
    ];
    for (const [title, summary] of items) {
      const plain = match(title, summary);
      expect(plain.score, title).not.toBe(0);
      expect(match(title, `${summary} R&amp;D`), title).toEqual(plain);
    }
  });

  it('counts a context concept found twice once, at the weight of its stronger field', () => {
    const twice = match('Japan and China discuss export curbs', 'Officials met over the export curbs again.');
    const titleOnly = match('Japan and China discuss export curbs', 'Officials met again.');
    expect(twice.context.filter((text) => /export curbs/i.test(text))).toEqual(['export curbs']);
    expect(twice.score).toBe(titleOnly.score);
    // One concept, two weights: the summary's hit (5 × 1) outweighs the title's (1 × 2).
    const drills = compileTopic(
      topicSchema.parse({
        name: 'drills',
        groups: { japan: { label: 'Japan', terms: ['Japan'] }, china: { label: 'China', terms: ['China'] } },
        context: [
          { weight: 1, terms: [['drills']] },
          { weight: 5, terms: [['drills', 'live-fire drills']] },
        ],
      }),
    );
    const stronger = matchItem(drills, { title: 'Japan watches China drills', summary: 'The live-fire drills go on.' });
    expect(stronger.context).toEqual(['live-fire drills']);
    expect(stronger.score).toBe(2 * 2 + 5);
  });

  it('lists each concept found once, however often it is found', () => {
    const ids = match('Japan and China: Japan protests', 'China and Japan, then Japan again; coast guard, coast guard').concepts.map((concept) => concept.id);
    expect(ids.filter((id) => id === 'japan')).toEqual(['japan']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('folds a whole field when an ideographic space stands inside a phrase, as for any character folding changes', () => {
    expect(match('Japan\u3000Coast Guard: ﬁghter jets scrambled')).toEqual(match('Japan Coast Guard: fighter jets scrambled'));
    // NFKC also turned … into ..., so the hit is quoted from the folded text, at its place there.
    expect(findTerms(topic, { title: 'Tensions… East\u3000China Sea', summary: '' }).map((hit) => [hit.text, hit.offset])).toEqual([
      ['Tensions', 0],
      ['East China Sea', 12],
    ]);
  });

  it("never carries one item's findings over to the next", () => {
    const first = match('Coast guard ships in Senkaku waters', 'Four vessels entered the contiguous zone.');
    expect(first.context.length).toBeGreaterThan(0);
    const next = match('Japan and China', '');
    expect(next.context).toEqual([]);
    expect(next.concepts.map((concept) => concept.id).sort()).toEqual(['china', 'japan']);
    expect(match('Coast guard ships in Senkaku waters', 'Four vessels entered the contiguous zone.')).toEqual(first);
  });

  it('lists exclusions that made words not count', () => {
    expect(match('Fine China from Japan at auction').excluded).toEqual(['Fine China']);
  });
});

describe('inflections', () => {
  it.each([
    ['evacuate', ['evacuate', 'evacuates', 'evacuated', 'evacuating']],
    ['ban', ['ban', 'bans', 'banned', 'banning']],
    ['export curb', ['export curb', 'export curbs', 'export curbed', 'export curbing']],
    ['policy', ['policy', 'policies', 'policied']],
    ['Takaichi', ['Takaichi']],
    ['尖閣', ['尖閣']],
  ])('%s', (term, forms) => {
    expect(inflections(term).sort()).toEqual([...forms].sort());
  });
});

describe('separatorMatchesAt', () => {
  it('agrees with cutting the separator out and normalizing it, on 20 000 random separators', () => {
    // The oracle: the separator cut out, any run of white space read as one space, ’ as '.
    const normalized = (separator: string): string => (/^\s+$/.test(separator) ? ' ' : separator.replace(/’/g, "'"));
    const pieces = [' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\u2009', '\ufeff', '-', "'", '’', '.', ',', '/', '–', '\u200b'];
    const expectedSeparators = [' ', '-', "'", '.', ' - ', "'-", '. '];
    const random = seededRandom(3);
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      const separator = Array.from({ length: 1 + random(3) }, () => pieces[random(pieces.length)]).join('');
      const text = `word${separator}next`;
      const expected = expectedSeparators[random(expectedSeparators.length)]!;
      const oracle = normalized(separator) === expected;
      expect(separatorMatchesAt(text, 4, 4 + separator.length, expected), JSON.stringify([separator, expected])).toBe(oracle);
      if (oracle) matched++;
    }
    expect(matched).toBeGreaterThan(1_000);
  });
});
