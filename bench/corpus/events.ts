import type { Random} from './random.js';
import { ordinal, weekday } from './random.js';
import * as v from './vocabulary.js';
import { SECURITY } from './templates-security.js';
import { POLITICS } from './templates-politics.js';

export const EVENT_KINDS = [
  'coastGuard', 'drills', 'adiz', 'drones', 'carrier', 'radar', 'kinmen', 'survey', 'cable',
  'summons', 'talks', 'exchange', 'detention', 'sanctions', 'travel', 'trade', 'students',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * One real-world development. Every outlet that reports it draws on the same facts (names,
 * numbers, places), phrased its own way, the way wire copy and rewrites share them.
 */
export interface NewsEvent {
  id: string;
  kind: EventKind;
  time: number;
  facts: EventFacts;
}

export interface EventFacts {
  day: string;
  n: number; m: number; hours: number; km: number; minutes: number; years: number; days: number; flights: number;
  percent: number; firms: number; age: number; crew: number; sorties: number; visitors: number; nth: string;
  hull: string; maru: string; area: string; strait: string; island: string; twPlace: string; port: string;
  cnCity: string; city: string; summit: string; prefecture: string; seafood: string; mineral: string;
  carrier: string; company: string; profession: string; airline: string; op: string; aircraftType: string;
  jpPerson: string; cnPerson: string; twPerson: string; jpRole: string; cnRole: string; trigger: string;
  jpPerson2: string; cnPerson2: string; twPerson2: string; town: string; hull2: string; code: string; party: string;
}

export function createEvent(r: Random, id: string, time: number, kind: EventKind = r.pick(EVENT_KINDS)): NewsEvent {
  const cnCity = r.pick(v.CN_CITIES);
  const profession = r.pick(v.PROFESSIONS);
  const island = r.pick(v.JP_ISLANDS);
  const year = new Date(time).getUTCFullYear();
  const facts: EventFacts = {
    day: weekday(time),
    n: r.int(2, 9), m: r.int(3, 36), hours: r.int(3, 92), km: r.int(24, 480), minutes: r.int(8, 95), years: r.int(3, 15),
    days: r.int(2, 6), flights: r.int(12, 640), percent: r.int(6, 74), firms: r.int(3, 28), age: r.int(31, 68),
    crew: r.int(2, 11), sorties: r.int(14, 260), visitors: r.int(40, 980), nth: ordinal(r.int(2, 58)),
    hull: `Haijing ${r.int(1101, 2599)}`, hull2: `Haijing ${r.int(1101, 2599)}`, maru: `${v.japaneseTown(r)} Maru No. ${r.int(2, 38)}`,
    area: r.pick(v.SEA_AREAS), strait: r.pick(v.STRAITS), island, twPlace: r.pick(v.TW_PLACES), port: r.pick(v.TW_PORTS),
    cnCity, city: r.pick(v.TALKS_CITIES), summit: r.pick(v.SUMMITS), prefecture: r.pick(v.PREFECTURES),
    seafood: r.pick(v.SEAFOOD), mineral: r.pick(v.MINERALS), carrier: r.pick(v.CARRIERS), company: v.japaneseCompany(r),
    profession, airline: r.pick(v.AIRLINES_CN), op: `${r.pick(v.OPERATION_WORDS)}-${year}${String.fromCharCode(65 + r.int(0, 7))}`,
    aircraftType: r.pick(v.AIRCRAFT_TYPES), jpPerson: v.japaneseName(r), cnPerson: v.chineseName(r), twPerson: v.taiwaneseName(r),
    jpRole: r.pick(v.JP_OFFICIAL_ROLES), cnRole: r.pick(v.CN_OFFICIAL_ROLES),
    jpPerson2: v.japaneseName(r), cnPerson2: v.chineseName(r), twPerson2: v.taiwaneseName(r), town: v.japaneseTown(r),
    code: `${r.pick(['QF', 'HY', 'ZD', 'XS', 'TK'])}-${r.int(102, 988)}`, party: r.pick(['Liberal Democratic Party', 'Komeito', 'Japan Innovation Party', 'Constitutional Democratic Party', 'Democratic Party for the People']),
    trigger: r.pick([
      `a social media post by a Chinese diplomat calling for the prime minister's "dirty neck" to be cut`,
      `the detention of a Japanese ${profession} in ${cnCity}`,
      `the flight of a Chinese drone near ${island}`,
      `radar lock-on by Chinese fighter jets near Okinawa`,
      `repeated coast guard intrusions into waters near the Senkakus`,
      `remarks by a Chinese envoy threatening "a path of fire" over Taiwan`,
      `a survey ship operating without consent in Japan's exclusive economic zone`,
    ]),
  };
  return { id, kind, time, facts };
}

export type Writer = (f: EventFacts) => string;
export interface KindTemplates { titles: Writer[]; leads: Writer[]; extras: Writer[] }

/** English phrasings per kind of event: titles, lead sentences, and further sentences to draw from. */
export const ENGLISH: Record<EventKind, KindTemplates> = { ...SECURITY, ...POLITICS };
