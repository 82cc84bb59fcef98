import { Random } from './random.js';
import { createEvent, type NewsEvent } from './events.js';
import { canReport, reportCount, reportDelay, writeReport, writeWorldItem, type NewsItem } from './items.js';
import { CHINESE_OUTLETS, ENGLISH_OUTLETS, JAPANESE_OUTLETS, type Outlet } from './vocabulary.js';

const DAY = 86_400_000;
const CJK_OUTLETS = [...JAPANESE_OUTLETS, ...CHINESE_OUTLETS];

export interface StreamOptions {
  seed: number;
  /** Items in the stream. */
  count: number;
  /** Share of reports about Japan–China–Taiwan relations (the rest is other news). */
  relevantShare: number;
  /** Relations events per day: fixed, so a longer stream covers more days, not denser news. */
  eventsPerDay: number;
  /** First event time (ms). */
  start: number;
  /** Share of relations reports written in Japanese or Chinese. */
  cjkShare?: number;
}

/**
 * A news stream as many outlets publish it (oldest first): events reported by one to twelve
 * outlets each, within hours, interleaved with unrelated news over the same days.
 */
export function generateStream(options: StreamOptions): NewsItem[] {
  const r = new Random(options.seed);
  const relevantTarget = Math.round(options.count * options.relevantShare);
  const items: NewsItem[] = [];
  let serial = options.seed * 1_000_000;
  for (let index = 0; items.length < relevantTarget; index++) {
    const time = options.start + Math.floor((index + r.next()) * (DAY / options.eventsPerDay));
    const event = createEvent(r, `e${index}`, time);
    for (const outlet of pickOutlets(r, event, reportCount(r), options.cjkShare ?? 0)) {
      if (items.length >= relevantTarget) break;
      items.push(writeReport(r, event, outlet, time + reportDelay(r), serial++));
    }
  }
  const end = Math.max(options.start + DAY, ...items.map((item) => item.published));
  while (items.length < options.count) {
    items.push(writeWorldItem(r, r.pick(ENGLISH_OUTLETS), options.start + Math.floor(r.next() * (end - options.start)), serial++));
  }
  return items.sort((a, b) => a.published - b.published);
}

function pickOutlets(r: Random, event: NewsEvent, count: number, cjkShare: number): Outlet[] {
  const outlets = r.sample(ENGLISH_OUTLETS, count);
  return outlets.map((outlet) => {
    if (!r.chance(cjkShare)) return outlet;
    const cjk = r.pick(CJK_OUTLETS);
    return canReport(cjk, event) ? cjk : outlet;
  });
}

export interface FeedSpec {
  index: number;
  outlet: Outlet;
  title: string;
  /** Newest first, as feeds list them. */
  items: NewsItem[];
}

/**
 * Many feeds of many outlets over the same days: relations reports are drawn from one shared pool
 * of events (so outlets cover the same developments, as they do), the rest is each feed's own news.
 */
export function generateFeedSet(seed: number, feeds: number, perFeed: number, now: number, relevantShare = 0.4): FeedSpec[] {
  const r = new Random(seed);
  const spanDays = 10;
  // About six reports per event across the whole set, whatever its size.
  const poolSize = Math.max(20, Math.round((feeds * perFeed * relevantShare) / 6));
  const pool = Array.from({ length: poolSize }, (_, i) => createEvent(r, `p${i}`, now - spanDays * DAY + Math.floor(((i + r.next()) / poolSize) * spanDays * DAY)));
  const specs: FeedSpec[] = [];
  let serial = seed * 10_000_000;
  for (let index = 0; index < feeds; index++) {
    const cjk = r.chance(0.08);
    const outlet = cjk ? r.pick(CJK_OUTLETS) : r.pick(ENGLISH_OUTLETS);
    const span = r.int(1, spanDays) * DAY;
    const items: NewsItem[] = [];
    for (let slot = 0; slot < perFeed; slot++) {
      const time = now - Math.floor(r.next() * span);
      const event = cjk || r.chance(relevantShare) ? recentEvent(r, pool, time, outlet) : null;
      items.push(event ? writeReport(r, event, outlet, time, serial++) : writeWorldItem(r, outlet.language === 'en' ? outlet : r.pick(ENGLISH_OUTLETS), time, serial++));
    }
    const section = r.pick(['Asia', 'World', 'Politics', 'Top Stories', 'International', 'Business']);
    specs.push({ index, outlet, title: `${outlet.name} - ${section}`, items: items.sort((a, b) => b.published - a.published) });
  }
  return specs;
}

/** An event from the half day before `time` that the outlet can write about. */
function recentEvent(r: Random, pool: readonly NewsEvent[], time: number, outlet: Outlet): NewsEvent | null {
  let hi = pool.length;
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((pool[mid]?.time ?? 0) <= time) lo = mid + 1;
    else hi = mid;
  }
  const first = Math.max(0, lo - Math.max(1, Math.round((pool.length / 20) * 0.5)));
  for (let attempt = 0; attempt < 12 && lo > 0; attempt++) {
    const event = pool[r.int(first, lo - 1)];
    if (event && canReport(outlet, event)) return event;
  }
  return null;
}
