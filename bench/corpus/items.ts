import type { Random } from './random.js';
import { ENGLISH, type NewsEvent } from './events.js';
import { CHINESE, JAPANESE } from './events-cjk.js';
import { writeWorldStory } from './world.js';
import { type Outlet, japaneseName, westernName } from './vocabulary.js';

/** One report as an outlet publishes it (plain text; rss.ts adds each outlet's markup habits). */
export interface NewsItem {
  title: string;
  sentences: string[];
  link: string;
  guid: string;
  published: number;
  outlet: Outlet;
  author: string;
  categories: string[];
  /** The event it reports (relations news), null for everything else. */
  eventId: string | null;
}

const HOUR = 3_600_000;

/** True when the outlet's language has templates for this kind of event. */
export function canReport(outlet: Outlet, event: NewsEvent): boolean {
  if (outlet.language === 'en') return true;
  return (outlet.language === 'ja' ? JAPANESE : CHINESE)[event.kind] !== undefined;
}

/** An outlet's report of an event: shared facts, its own choice of headline and sentences. */
export function writeReport(r: Random, event: NewsEvent, outlet: Outlet, time: number, serial: number): NewsItem {
  let title: string;
  let sentences: string[];
  const cjk = outlet.language === 'en' ? undefined : (outlet.language === 'ja' ? JAPANESE : CHINESE)[event.kind];
  if (cjk) {
    title = cjk.title(event.facts);
    sentences = cjk.sentences.map((write) => write(event.facts));
  } else {
    const templates = ENGLISH[event.kind];
    title = r.pick(templates.titles)(event.facts);
    const extras = r.sample(templates.extras, r.int(1, 3)).map((write) => write(event.facts));
    sentences = [r.pick(templates.leads)(event.facts), ...extras];
  }
  const section = r.pick(['asia', 'world/asia-pacific', 'politics', 'national', 'security']);
  return finish(r, outlet, time, serial, title, sentences, section, ['Asia', r.pick(['Diplomacy', 'Security', 'Politics', 'Japan', 'China', 'Taiwan'])], event.id);
}

/** A report about something else (markets, sport, weather, elections elsewhere …). */
export function writeWorldItem(r: Random, outlet: Outlet, time: number, serial: number): NewsItem {
  const story = writeWorldStory(r, time);
  const sentences = r.sample(story.sentences.slice(1), r.int(1, 3));
  return finish(r, outlet, time, serial, story.title, [story.sentences[0] ?? '', ...sentences], story.category.toLowerCase(), [story.category], null);
}

function finish(r: Random, outlet: Outlet, time: number, serial: number, title: string, sentences: string[], section: string, categories: string[], eventId: string | null): NewsItem {
  const date = new Date(time).toISOString().slice(0, 10).replaceAll('-', '/');
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').split('-').slice(0, 7).join('-');
  const path = outlet.language === 'en' ? `${section}/${date}/${slug}-${serial}/` : `news/${date.replaceAll('/', '')}/k${serial}.html`;
  const permalink = `https://${outlet.domain}/${path}`;
  const link = outlet.tracking ? `${permalink}?utm_source=rss&utm_medium=feed` : permalink;
  const guid = outlet.permalinkGuid ? permalink : `${outlet.domain.split('.')[1] ?? 'news'}-${serial}`;
  const author = outlet.language === 'en' ? r.pick([westernName, japaneseName, () => `${outlet.name} staff`])(r) : outlet.name;
  return { title, sentences, link, guid, published: time, outlet, author, categories, eventId };
}

/** How many outlets report one event: most events get one or two reports, a few are everywhere. */
export function reportCount(r: Random, scale = 1): number {
  const x = r.next();
  const base = x < 0.3 ? 1 : x < 0.52 ? 2 : x < 0.7 ? 3 : x < 0.82 ? 4 : x < 0.9 ? 5 : x < 0.95 ? 6 : x < 0.98 ? 8 : 12;
  return Math.max(1, Math.round(base * scale));
}

/** A report's delay after the event: wire copy within minutes, rewrites within hours. */
export function reportDelay(r: Random): number {
  return Math.floor(r.next() * r.next() * 10 * HOUR);
}
