import { Random, ordinal, weekday } from './random.js';
import * as v from './vocabulary.js';

export const EVENT_KINDS = [
  'coastGuard', 'drills', 'adiz', 'summons', 'travel', 'trade', 'detention', 'talks', 'drones', 'carrier', 'exchange', 'radar',
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
    hull: `Haijing ${r.int(1101, 2599)}`, maru: `${r.pick(v.MARU)} Maru No. ${r.int(2, 38)}`,
    area: r.pick(v.SEA_AREAS), strait: r.pick(v.STRAITS), island, twPlace: r.pick(v.TW_PLACES), port: r.pick(v.TW_PORTS),
    cnCity, city: r.pick(v.TALKS_CITIES), summit: r.pick(v.SUMMITS), prefecture: r.pick(v.PREFECTURES),
    seafood: r.pick(v.SEAFOOD), mineral: r.pick(v.MINERALS), carrier: r.pick(v.CARRIERS), company: r.pick(v.JP_COMPANIES),
    profession, airline: r.pick(v.AIRLINES_CN), op: `${r.pick(v.OPERATION_WORDS)}-${year}${String.fromCharCode(65 + r.int(0, 7))}`,
    aircraftType: r.pick(v.AIRCRAFT_TYPES), jpPerson: v.japaneseName(r), cnPerson: v.chineseName(r), twPerson: v.taiwaneseName(r),
    jpRole: r.pick(v.JP_OFFICIAL_ROLES), cnRole: r.pick(v.CN_OFFICIAL_ROLES),
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

type Writer = (f: EventFacts) => string;
interface KindTemplates { titles: Writer[]; leads: Writer[]; extras: Writer[] }

/** English phrasings per kind of event: titles, lead sentences, and further sentences to draw from. */
export const ENGLISH: Record<EventKind, KindTemplates> = {
  coastGuard: {
    titles: [
      (f) => `${f.n} Chinese coast guard ships enter Japanese waters ${f.area}, stay ${f.hours} hours`,
      (f) => `Japan protests as China Coast Guard vessels linger in Senkaku territorial waters for ${f.hours} hours`,
      (f) => `Chinese coast guard ships tail Japanese fishing boat ${f.maru} off Senkaku Islands`,
      (f) => `Japan Coast Guard says ${f.n} Chinese ships intruded ${f.area} for ${f.nth} time this year`,
    ],
    leads: [
      (f) => `${f.n} China Coast Guard vessels, including the ${f.hull}, entered Japan's territorial waters ${f.area} on ${f.day} and stayed for about ${f.hours} hours, the Japan Coast Guard said.`,
      (f) => `Chinese coast guard ships sailed into waters ${f.area} on ${f.day}, approaching the fishing boat ${f.maru} and its ${f.crew} crew members, according to the 11th Regional Coast Guard Headquarters in Naha.`,
    ],
    extras: [
      (f) => `Japan lodged a protest through diplomatic channels, ${f.jpRole} ${f.jpPerson} told reporters in Tokyo.`,
      () => `Beijing's foreign ministry said the patrol was "a lawful law-enforcement activity" in China's Diaoyu waters.`,
      (f) => `It was the ${f.nth} intrusion into the area's territorial waters this year, the coast guard said.`,
      () => `A Japan Coast Guard patrol vessel warned the ships to leave and positioned itself between them and the fishing boat.`,
      (f) => `The ${f.hull} was armed with what appeared to be a cannon, officials said.`,
    ],
  },
  drills: {
    titles: [
      (f) => `China launches '${f.op}' military drills around Taiwan with warships and rocket forces`,
      (f) => `PLA Eastern Theater Command stages ${f.op} exercises encircling Taiwan for ${f.days} days`,
      (f) => `Taiwan condemns Chinese war games as ${f.m} warships and ${f.sorties} aircraft surround island`,
      (f) => `Beijing's ${f.op} drills simulate blockade of Taiwan's ${f.port} port, live-fire zones declared`,
    ],
    leads: [
      (f) => `China's military began ${f.op}, a ${f.days}-day exercise around Taiwan, on ${f.day}, deploying ${f.m} warships and ${f.sorties} aircraft in ${f.n} zones, the Eastern Theater Command said.`,
      (f) => `Chinese forces staged live-fire drills ${f.km} kilometres off ${f.twPlace} on ${f.day} as part of the ${f.op} exercises, which Beijing said were a "stern warning" to separatist forces.`,
    ],
    extras: [
      () => `Taiwan's Ministry of National Defense said it had sent forces to monitor the drills and put its missile units on alert.`,
      (f) => `Presidential Office spokesperson ${f.twPerson} called the exercises "a provocation that threatens regional peace and stability".`,
      () => `Japan's Defense Ministry said it was monitoring the situation "with strong interest" and had raised its alert level in Okinawa.`,
      (f) => `Maritime safety notices closed an area ${f.km} km off ${f.twPlace} to shipping until ${f.day} evening.`,
      () => `The United States urged restraint and said it was in close contact with allies in the region.`,
    ],
  },
  adiz: {
    titles: [
      (f) => `Taiwan detects ${f.sorties} Chinese military aircraft and ${f.m} naval ships around island`,
      (f) => `${f.m} PLA aircraft cross Taiwan Strait median line in 24 hours, defense ministry says`,
      (f) => `Chinese balloons and ${f.sorties} warplanes tracked near Taiwan as pressure mounts off ${f.twPlace}`,
    ],
    leads: [
      (f) => `Taiwan's defense ministry said it detected ${f.sorties} Chinese military aircraft and ${f.m} naval vessels operating around the island in the 24 hours to 6 a.m. on ${f.day}.`,
      (f) => `Chinese fighter jets, drones and a ${f.aircraftType} were among ${f.sorties} aircraft tracked near Taiwan, ${f.m} of which crossed the median line of the Taiwan Strait, the ministry said on ${f.day}.`,
    ],
    extras: [
      (f) => `${f.n} of the aircraft entered the island's southwestern air defense identification zone, according to a map released by the ministry.`,
      () => `Taiwan's armed forces dispatched combat air patrol aircraft, navy vessels and coastal missile systems in response.`,
      (f) => `The activity was the highest this month and came as ${f.twPerson}, a senior official, warned of "grey-zone" pressure.`,
      (f) => `A Chinese balloon was also spotted ${f.km} km northwest of ${f.twPlace}.`,
    ],
  },
  summons: {
    titles: [
      (f) => `Japan summons Chinese ambassador over ${f.trigger.split(' ').slice(0, 9).join(' ')}`,
      (f) => `China lodges 'stern representations' with Japan as row over ${f.island} drone flight escalates`,
      (f) => `Tokyo protests to Beijing after envoy's remarks; ${f.jpRole} ${f.jpPerson} demands retraction`,
    ],
    leads: [
      (f) => `Japan's ${f.jpRole} ${f.jpPerson} summoned Chinese Ambassador Wu Jianghao on ${f.day} to protest ${f.trigger}, the Foreign Ministry said.`,
      (f) => `China's ${f.cnRole} ${f.cnPerson} said Beijing had lodged "stern representations" with Tokyo on ${f.day} over ${f.trigger}.`,
    ],
    extras: [
      () => `The ambassador rejected the protest and urged Japan to "stop making provocative moves", according to the Chinese embassy.`,
      (f) => `The summons was the ${f.nth} this year and the latest sign of strained ties between the two neighbours.`,
      () => `Chief Cabinet Secretary Minoru Kihara called the remarks "extremely inappropriate" and demanded a swift response.`,
      (f) => `Ruling party lawmakers urged the government to consider declaring the diplomat persona non grata, ${f.jpPerson} said.`,
    ],
  },
  travel: {
    titles: [
      () => `China urges citizens to avoid travel to Japan, citing 'significant risks' to their safety`,
      (f) => `Chinese airlines cut ${f.flights} Japan flights after Beijing's travel advisory, refunds offered`,
      (f) => `Japan's tourism operators brace for losses as ${f.airline} drops routes after China travel warning`,
    ],
    leads: [
      (f) => `China's Ministry of Culture and Tourism advised Chinese tourists on ${f.day} to avoid traveling to Japan "in the near future", days after remarks by Prime Minister Sanae Takaichi on Taiwan.`,
      (f) => `${f.airline} and other Chinese carriers will cancel ${f.flights} flights to Japan through next month and offer free refunds, following Beijing's travel advisory, the airlines said on ${f.day}.`,
    ],
    extras: [
      (f) => `Bookings for group tours from China to Osaka and Kyoto fell ${f.percent}% within a week, a travel agency in ${f.cnCity} said.`,
      (f) => `Around ${f.visitors},000 Chinese visitors travelled to Japan last month, according to the Japan National Tourism Organization.`,
      () => `The education ministry also warned Chinese students about studying in Japan, citing "a deteriorating security environment".`,
      () => `Japanese officials said there was no evidence of rising crime against Chinese nationals and asked Beijing to reconsider.`,
    ],
  },
  trade: {
    titles: [
      (f) => `China suspends imports of Japanese ${f.seafood} from ${f.n} prefectures, citing safety checks`,
      (f) => `Beijing tightens export controls on ${f.mineral} shipments to Japan in widening dispute`,
      (f) => `China adds ${f.firms} Japanese firms to export control list over military ties to Taiwan`,
      (f) => `${f.prefecture} ${f.seafood} exporters count losses as China import ban enters ${f.nth} week`,
    ],
    leads: [
      (f) => `China's General Administration of Customs said on ${f.day} it would suspend imports of ${f.seafood} from ${f.n} Japanese prefectures, including ${f.prefecture}, pending further inspections.`,
      (f) => `China's Ministry of Commerce said on ${f.day} it would require licences for exports of ${f.mineral} to Japanese end users, a move analysts said could hit ${f.firms} manufacturers.`,
    ],
    extras: [
      (f) => `Japan exported about ${f.visitors} tonnes of the product to China last year, worth roughly ${f.percent} billion yen, trade data show.`,
      (f) => `Tokyo called the measures "economic coercion" and said it would raise the matter at the WTO, ${f.jpRole} ${f.jpPerson} said.`,
      (f) => `${f.company}, which sources ${f.mineral} from China, said it had enough inventory for about ${f.days} months.`,
      () => `The Commerce Ministry said the measures were "legitimate" and aimed at safeguarding national security.`,
    ],
  },
  detention: {
    titles: [
      (f) => `Chinese court sentences Japanese ${f.profession} to ${f.years} years in prison for espionage`,
      (f) => `Japan demands release of national detained in ${f.cnCity} on spying charges`,
      (f) => `Beijing confirms detention of ${f.company} employee ${f.jpPerson} on espionage suspicion`,
    ],
    leads: [
      (f) => `A court in ${f.cnCity} sentenced ${f.jpPerson}, a ${f.age}-year-old employee of ${f.company}, to ${f.years} years in prison on espionage charges, the Japanese embassy in Beijing said on ${f.day}.`,
      (f) => `Chinese authorities detained a Japanese ${f.profession} in ${f.cnCity} in ${f.nth === '2nd' ? 'March' : 'the spring'} on suspicion of spying, China's foreign ministry spokesperson Guo Jiakun confirmed on ${f.day}.`,
    ],
    extras: [
      () => `Foreign Minister Toshimitsu Motegi called the verdict "extremely regrettable" and urged an early release.`,
      () => `At least 17 Japanese nationals have been detained in China on espionage allegations since 2014.`,
      () => `Business groups said the case had deepened anxiety among Japanese companies operating in China.`,
      (f) => `The trial was held behind closed doors, and the embassy said it had met ${f.jpPerson} ${f.n} times.`,
    ],
  },
  talks: {
    titles: [
      (f) => `Japan, China foreign ministers meet in ${f.city}, agree to keep dialogue despite tensions`,
      (f) => `Takaichi and Xi hold ${f.minutes}-minute talks on sidelines of ${f.summit} in ${f.city}`,
      (f) => `Japanese and Chinese defense officials hold maritime hotline talks in ${f.city} after incidents`,
    ],
    leads: [
      (f) => `Foreign Minister Toshimitsu Motegi and his Chinese counterpart Wang Yi met for ${f.minutes} minutes in ${f.city} on ${f.day} on the sidelines of ${f.summit}, the Foreign Ministry said.`,
      (f) => `Prime Minister Sanae Takaichi and Chinese President Xi Jinping agreed on ${f.day} to pursue "mutually beneficial relations" in talks in ${f.city}, their first since the row over Taiwan.`,
    ],
    extras: [
      () => `The two sides discussed the situation in the East China Sea, export controls and the detention of Japanese nationals.`,
      (f) => `Wang urged Tokyo to "correct its erroneous remarks" on Taiwan, according to a Chinese readout posted ${f.n} hours later.`,
      (f) => `Officials said follow-up talks at the director-general level would be held in ${f.cnCity} within ${f.days} weeks.`,
      () => `Both sides agreed to make use of the defense hotline to avoid accidental clashes.`,
    ],
  },
  drones: {
    titles: [
      (f) => `Japan scrambles fighter jets as Chinese drones fly between ${f.island} and Taiwan`,
      (f) => `Chinese military drone spotted near ${f.island} for ${f.nth} time, Japan's Joint Staff says`,
      (f) => `Japan's ASDF tracks Chinese ${f.aircraftType} flying ${f.km} km off ${f.island}`,
    ],
    leads: [
      (f) => `The Air Self-Defense Force scrambled fighter jets on ${f.day} after ${f.n} Chinese drones flew through ${f.strait} into the Pacific, the Joint Staff Office said.`,
      (f) => `A Chinese ${f.aircraftType} flew about ${f.km} km off ${f.island} on ${f.day}, prompting Japan to scramble fighters, the Defense Ministry said.`,
    ],
    extras: [
      () => `No violation of Japanese airspace was confirmed, the ministry said.`,
      (f) => `It was the ${f.nth} such flight confirmed this year, as China expands operations near Japan's southwestern islands.`,
      () => `Japan has deployed missile units and an electronic warfare unit on Yonaguni in recent years.`,
      (f) => `The drones later returned toward the Chinese mainland, ${f.jpRole} ${f.jpPerson} said.`,
    ],
  },
  carrier: {
    titles: [
      (f) => `Chinese aircraft carrier ${f.carrier} sails through ${f.strait} with ${f.n} escort ships`,
      (f) => `Japan monitors ${f.carrier} carrier group conducting ${f.sorties} flight operations off ${f.island}`,
      (f) => `China's ${f.carrier} carrier enters Pacific as Japan steps up surveillance near Okinawa`,
    ],
    leads: [
      (f) => `China's aircraft carrier ${f.carrier} and ${f.n} escort ships passed through ${f.strait} into the Pacific on ${f.day}, Japan's Defense Ministry said, adding that jets made ${f.sorties} takeoffs and landings.`,
      (f) => `The Maritime Self-Defense Force destroyer JS ${f.maru.split(' ')[0] ?? 'Kirisame'} shadowed the carrier ${f.carrier} ${f.km} km southwest of ${f.island} on ${f.day}, the Joint Staff Office said.`,
    ],
    extras: [
      () => `It was the first time two Chinese carriers were confirmed operating in the Pacific at the same time.`,
      (f) => `Fighter jets and helicopters aboard the carrier conducted ${f.sorties} sorties over ${f.days} days, the ministry said.`,
      () => `Japan conveyed its concerns to China through diplomatic channels.`,
      () => `Chinese state media said the drills were routine and in line with international law.`,
    ],
  },
  exchange: {
    titles: [
      (f) => `Taiwan's ${f.twPerson} visits Tokyo, meets Japanese lawmakers on security cooperation`,
      (f) => `Japanese lawmakers' delegation led by ${f.jpPerson} arrives in Taipei for ${f.days}-day visit`,
      (f) => `China protests after Japan-Taiwan maritime cooperation dialogue held in ${f.twPlace === 'Kinmen' ? 'Taipei' : f.twPlace}`,
    ],
    leads: [
      (f) => `A delegation of ${f.m} Japanese lawmakers led by former defense minister ${f.jpPerson} arrived in Taipei on ${f.day} and is scheduled to meet President Lai Ching-te, Taiwan's foreign ministry said.`,
      (f) => `Taiwanese legislator ${f.twPerson} met members of the Japan-ROC Diet Members' Consultative Council in Tokyo on ${f.day}, discussing disaster relief and maritime security.`,
    ],
    extras: [
      (f) => `China's Taiwan Affairs Office spokesperson ${f.cnPerson} said Beijing "firmly opposes any form of official exchanges" with Taiwan.`,
      () => `The visit comes as Japan and Taiwan deepen cooperation on coast guard drills and semiconductor supply chains.`,
      (f) => `The delegation will also visit ${f.twPlace} and a TSMC plant in Kaohsiung before returning on ${f.day}.`,
      () => `Japan maintains unofficial ties with Taiwan through the Japan-Taiwan Exchange Association.`,
    ],
  },
  radar: {
    titles: [
      (f) => `Chinese fighter jets locked radar on Japanese aircraft near Okinawa for ${f.minutes} minutes, Japan says`,
      (f) => `Japan protests 'abnormal approach' by Chinese ${f.aircraftType} over East China Sea`,
      () => `Japan says Chinese J-15 from carrier aimed fire-control radar at ASDF F-15 over Pacific`,
    ],
    leads: [
      (f) => `A Chinese J-15 fighter from the carrier ${f.carrier} intermittently directed its radar at a Japanese F-15 for about ${f.minutes} minutes ${f.km} km southeast of Okinawa's main island on ${f.day}, the Defense Ministry said.`,
      (f) => `A Chinese ${f.aircraftType} came within ${f.n * 10} metres of a Japanese surveillance plane over the East China Sea on ${f.day}, Defense Minister Shinjiro Koizumi said.`,
    ],
    extras: [
      () => `Koizumi called the act "dangerous" and said it went beyond what is necessary for the safe flight of aircraft.`,
      (f) => `China's defense ministry spokesperson ${f.cnPerson} accused Japan of "malicious hype" and of harassing Chinese training.`,
      () => `No damage to the Japanese aircraft was reported.`,
      (f) => `Tokyo lodged a protest with Beijing through diplomatic channels on ${f.day} night.`,
    ],
  },
};
