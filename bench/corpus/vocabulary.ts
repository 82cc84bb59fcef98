import type { Random } from './random.js';

/** How an outlet writes its feed: smart quotes as numeric entities, escaped HTML, or CDATA. */
export type MarkupStyle = 'entities' | 'escaped-html' | 'cdata';

export interface Outlet {
  name: string;
  /** Reserved .example domains: the corpus names real-sounding outlets, never real URLs. */
  domain: string;
  language: 'en' | 'ja' | 'zh-cn' | 'zh-tw';
  /** RFC 822 zone of its pubDate. */
  zone: '+0000' | 'GMT' | '+0900' | '+0800' | '-0500';
  style: MarkupStyle;
  /** Appends utm_* tracking parameters to its links, as many CMSs do. */
  tracking: boolean;
  /** Whether its guid is the permalink or an opaque id. */
  permalinkGuid: boolean;
}

const en = (name: string, domain: string, zone: Outlet['zone'], style: MarkupStyle, tracking = false, permalinkGuid = true): Outlet => ({
  name, domain, language: 'en', zone, style, tracking, permalinkGuid,
});

export const ENGLISH_OUTLETS: readonly Outlet[] = [
  en('Kyodo News', 'english.kyodo-news.example', '+0900', 'escaped-html', false, false),
  en('Reuters', 'www.reuters-wire.example', 'GMT', 'entities', true),
  en('Associated Press', 'apnews-wire.example', '+0000', 'escaped-html'),
  en('Agence France-Presse', 'www.afp-wire.example', 'GMT', 'cdata', false, false),
  en('Nikkei Asia', 'asia.nikkei-news.example', '+0900', 'cdata', true),
  en('The Japan Times', 'www.japantimes-news.example', '+0900', 'escaped-html', true),
  en('NHK World', 'www3.nhk-world.example', '+0900', 'entities', false, false),
  en('South China Morning Post', 'www.scmp-news.example', '+0800', 'cdata', true),
  en('Focus Taiwan', 'focustaiwan-cna.example', '+0800', 'entities'),
  en('Taipei Times', 'www.taipeitimes-news.example', '+0800', 'escaped-html'),
  en('The Straits Times', 'www.straitstimes-news.example', '+0800', 'cdata', true),
  en('BBC News', 'feeds.bbc-news.example', 'GMT', 'cdata', true, false),
  en('The Guardian', 'www.guardian-news.example', 'GMT', 'escaped-html', true),
  en('Bloomberg', 'www.bloomberg-news.example', '-0500', 'entities', true),
  en('The Asahi Shimbun', 'www.asahi-news.example', '+0900', 'escaped-html'),
  en('The Mainichi', 'mainichi-news.example', '+0900', 'entities'),
  en('The Japan News (Yomiuri)', 'japannews-yomiuri.example', '+0900', 'escaped-html'),
  en('Global Times', 'www.globaltimes-news.example', '+0800', 'entities', false, false),
  en('Xinhua', 'english.xinhua-news.example', '+0800', 'escaped-html', false, false),
  en('CNA', 'www.channelnewsasia.example', '+0800', 'cdata', true),
  en('Deutsche Welle', 'www.dw-news.example', 'GMT', 'escaped-html', true),
  en('Al Jazeera', 'www.aljazeera-news.example', 'GMT', 'cdata'),
  en('The Diplomat', 'thediplomat-news.example', '-0500', 'escaped-html'),
  en('Radio Free Asia', 'www.rfa-news.example', '-0500', 'entities'),
  en('Voice of America', 'www.voa-news.example', '-0500', 'escaped-html', false, false),
  en('Yonhap', 'en.yna-news.example', '+0900', 'entities'),
  en('Kyodo News (Politics)', 'english.kyodo-news.example', '+0900', 'escaped-html', false, false),
  en('Reuters - World', 'www.reuters-wire.example', 'GMT', 'entities', true),
];

export const JAPANESE_OUTLETS: readonly Outlet[] = [
  { name: 'NHKニュース', domain: 'www3.nhk-news.example', language: 'ja', zone: '+0900', style: 'entities', tracking: false, permalinkGuid: true },
  { name: '共同通信', domain: 'www.kyodo-ja.example', language: 'ja', zone: '+0900', style: 'escaped-html', tracking: false, permalinkGuid: false },
  { name: '朝日新聞デジタル', domain: 'www.asahi-ja.example', language: 'ja', zone: '+0900', style: 'cdata', tracking: true, permalinkGuid: true },
];

export const CHINESE_OUTLETS: readonly Outlet[] = [
  { name: '新华网', domain: 'www.xinhua-cn.example', language: 'zh-cn', zone: '+0800', style: 'escaped-html', tracking: false, permalinkGuid: true },
  { name: '环球网', domain: 'world.huanqiu-cn.example', language: 'zh-cn', zone: '+0800', style: 'cdata', tracking: false, permalinkGuid: true },
  { name: '中央社', domain: 'www.cna-tw.example', language: 'zh-tw', zone: '+0800', style: 'entities', tracking: false, permalinkGuid: false },
  { name: '自由時報', domain: 'news.ltn-tw.example', language: 'zh-tw', zone: '+0800', style: 'escaped-html', tracking: true, permalinkGuid: true },
];

// Names are composed from real morphemes, so thousands of distinct people and places occur, as
// in months of real news, rather than the same fifty names over and over.
const JP_HEAD = ['Yama', 'Naka', 'Mori', 'Ishi', 'Kawa', 'Fuji', 'Matsu', 'Taka', 'Hashi', 'Oka', 'Saka', 'Kita', 'Nishi', 'Higashi', 'Minami', 'Hira', 'Miya', 'Kuro', 'Shira', 'Ao', 'Kane', 'Tsuru', 'Uchi', 'Hoshi', 'Sugi', 'Kiku', 'Shima', 'Tani', 'Hama', 'Ume', 'Sakura', 'Wata', 'Iwa', 'Nagai', 'Ono', 'Sasa'];
const JP_TAIL = ['da', 'ta', 'mura', 'moto', 'kawa', 'yama', 'shita', 'no', 'hara', 'saki', 'zaki', 'mori', 'bayashi', 'oka', 'shima', 'uchi', 'gawa', 'zawa', 'naga', 'be', 'tani', 'ue'];
const JP_GIVEN_HEAD = ['Hiro', 'Taka', 'Ken', 'Yu', 'Aki', 'Masa', 'Kazu', 'Toshi', 'Nobu', 'Haru', 'Yoshi', 'Tomo', 'Mitsu', 'Shin', 'Tetsu', 'Ryo', 'Dai', 'Nao', 'Mari', 'Sho', 'Kei', 'Jun', 'Ma', 'Sa'];
const JP_GIVEN_TAIL = ['shi', 'ki', 'ji', 'to', 'ko', 'ya', 'o', 'mi', 'suke', 'hiko', 'ro', 'e', 'na', 'ka', 'taro', 'hei'];
const CN_SURNAMES = ['Wang', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun', 'Hu', 'Zhu', 'Gao', 'He', 'Luo', 'Liang', 'Song', 'Zheng', 'Xie', 'Han', 'Tang', 'Feng', 'Yu', 'Xiao', 'Cheng', 'Cao', 'Yuan', 'Deng', 'Fu', 'Shen', 'Zeng', 'Peng', 'Lu', 'Jiang', 'Cai', 'Jia', 'Ding', 'Wei', 'Pan'];
const CN_SYLLABLES = ['wei', 'fang', 'min', 'jing', 'lei', 'yan', 'hao', 'ping', 'hui', 'ming', 'jian', 'guo', 'hai', 'zhi', 'li', 'hua', 'yong', 'tao', 'xin', 'yu', 'han', 'kai', 'rui', 'hong', 'bo', 'qing', 'lin', 'dong', 'mei', 'chun', 'feng', 'fei', 'xue', 'jun', 'peng', 'sheng', 'wen', 'ying', 'xiang', 'zhen'];
const TW_SURNAMES = ['Chen', 'Lin', 'Huang', 'Chang', 'Lee', 'Wu', 'Liu', 'Tsai', 'Yang', 'Hsu', 'Cheng', 'Hsieh', 'Kuo', 'Hung', 'Chiu', 'Tseng', 'Liao', 'Chou', 'Yeh', 'Su', 'Chuang', 'Chiang', 'Ho', 'Kao', 'Pan'];
const TW_SYLLABLES = ['wei', 'ting', 'chia', 'hui', 'yu', 'chen', 'chih', 'ming', 'shu', 'fen', 'hsun', 'kuan', 'pei', 'shan', 'tsung', 'han', 'hsin', 'yi', 'ya', 'chun', 'hung', 'po', 'hsuan', 'chien', 'mei', 'ling', 'kuo', 'cheng', 'shih', 'chieh', 'wen', 'chi', 'jui', 'lin'];
// Family names of people who are topic terms (Takaichi, Ishiba …) must not be generated by chance.
const TOPIC_NAMES = new Set(['kihara', 'hayashi', 'iwaya', 'kishida', 'ishiba', 'takaichi', 'motegi', 'koizumi', 'kanasugi', 'tarumi', 'aso', 'abe']);

const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function japaneseSurname(r: Random): string {
  for (;;) {
    const name = `${r.pick(JP_HEAD)}${r.pick(JP_TAIL)}`;
    if (!TOPIC_NAMES.has(name.toLowerCase())) return name;
  }
}
export const japaneseName = (r: Random): string => `${r.pick(JP_GIVEN_HEAD)}${r.pick(JP_GIVEN_TAIL)} ${japaneseSurname(r)}`;
export const chineseName = (r: Random): string => `${r.pick(CN_SURNAMES)} ${cap(r.pick(CN_SYLLABLES))}${r.chance(0.8) ? r.pick(CN_SYLLABLES) : ''}`;
export const taiwaneseName = (r: Random): string => `${r.pick(TW_SURNAMES)} ${cap(r.pick(TW_SYLLABLES))}-${r.pick(TW_SYLLABLES)}`;
export const anyName = (r: Random): string => r.pick([japaneseName, chineseName, taiwaneseName, westernName])(r);
/** A Japanese fishing port or coastal town ("Kitaura", "Nakahama"). */
export const japaneseTown = (r: Random): string => `${r.pick(JP_HEAD)}${r.pick(['ura', 'hama', 'minato', 'zu', 'tsu', 'saki', 'machi', 'gaura'])}`;
const COMPANY_KINDS = ['Trading', 'Precision', 'Pharma', 'Chemical', 'Machinery', 'Electronics', 'Materials', 'Logistics', 'Shipbuilding', 'Foods', 'Seiki', 'Shoji', 'Industries', 'Optics'];
export const japaneseCompany = (r: Random): string => `${japaneseSurname(r)} ${r.pick(COMPANY_KINDS)}`;

const WEST_GIVEN = ['Sarah', 'James', 'Maria', 'David', 'Anna', 'Michael', 'Laura', 'Thomas', 'Elena', 'Daniel', 'Sofia', 'Peter', 'Julia', 'Mark', 'Claire', 'Lucas', 'Nadia', 'Omar', 'Priya', 'Rafael'];
const WEST_SURNAMES = ['Miller', 'Schmidt', 'Rossi', 'Dubois', 'Novak', 'Kowalski', 'Fernandes', 'Okafor', 'Lindqvist', 'Murphy', 'Garcia', 'Bennett', 'Haddad', 'Petrov', 'Kaur', 'Nguyen', 'Silva', 'Jensen', 'Moreau', 'Walsh'];
export const westernName = (r: Random): string => `${r.pick(WEST_GIVEN)} ${r.pick(WEST_SURNAMES)}`;

/** Waters and islands where incidents happen; `near` reads after a verb ("entered waters near …"). */
export const SEA_AREAS = [
  'near the Senkaku Islands', 'off Uotsuri Island in the Senkakus', 'around the Senkakus', 'near Kuba Island in the Senkakus', 'off Taisho Island in the Senkaku chain',
] as const;
export const STRAITS = ['the Miyako Strait', 'the Osumi Strait', 'the Tsushima Strait', 'the waters between Yonaguni and Taiwan', 'the Bashi Channel', 'the Yonaguni-Iriomote gap'] as const;
export const JP_ISLANDS = ['Yonaguni', 'Ishigaki', 'Miyako Island', 'Iriomote', 'Okinawa\'s main island', 'Amami Oshima', 'Tokunoshima', 'Kitadaito'] as const;
export const TW_PLACES = ['Hualien', 'Kaohsiung', 'Keelung', 'Taichung', 'Penghu', 'Kinmen', 'Matsu', 'Pingtung', 'Taitung', 'Yilan'] as const;
export const TW_PORTS = ['Kaohsiung', 'Keelung', 'Taichung', 'Hualien', 'Su-ao'] as const;
export const CN_CITIES = ['Beijing', 'Shanghai', 'Dalian', 'Guangzhou', 'Shenzhen', 'Suzhou', 'Hangzhou', 'Qingdao', 'Tianjin', 'Chengdu', 'Wuhan', 'Xiamen', 'Changsha', 'Shenyang'] as const;
export const TALKS_CITIES = ['Kuala Lumpur', 'Jakarta', 'Vientiane', 'Lima', 'Gyeongju', 'Busan', 'Singapore', 'Munich', 'New York', 'Geneva', 'Hanoi', 'Bangkok', 'Manila', 'Johannesburg'] as const;
export const SUMMITS = ['the ASEAN Regional Forum', 'the APEC summit', 'the G20 summit', 'the East Asia Summit', 'the Shangri-La Dialogue', 'the UN General Assembly', 'a trilateral meeting with South Korea'] as const;
export const PREFECTURES = ['Hokkaido', 'Aomori', 'Miyagi', 'Fukushima', 'Ibaraki', 'Chiba', 'Niigata', 'Shizuoka', 'Mie', 'Hyogo', 'Ehime', 'Nagasaki', 'Kagoshima', 'Iwate'] as const;
export const SEAFOOD = ['scallops', 'sea cucumbers', 'yellowtail', 'sea urchin', 'mackerel', 'salmon roe', 'crab'] as const;
export const MINERALS = ['gallium', 'germanium', 'graphite', 'antimony', 'dysprosium', 'terbium', 'rare earth magnets', 'tungsten'] as const;
export const CARRIERS = ['Liaoning', 'Shandong', 'Fujian'] as const;
export const PROFESSIONS = ['pharmaceutical executive', 'trading-house employee', 'university researcher', 'engineer', 'geological surveyor', 'language teacher', 'business consultant', 'plant manager'] as const;
export const AIRLINES_CN = ['Air China', 'China Eastern', 'China Southern', 'Spring Airlines', 'Juneyao Air', 'Sichuan Airlines', 'Hainan Airlines'] as const;
export const OPERATION_WORDS = ['Joint Sword', 'Strait Thunder', 'Justice Mission'] as const;
export const AIRCRAFT_TYPES = ['Y-9 surveillance plane', 'TB-001 drone', 'WZ-7 reconnaissance drone', 'H-6 bomber', 'KJ-500 early warning aircraft', 'Y-8 patrol plane'] as const;
export const JP_OFFICIAL_ROLES = ['Vice Foreign Minister', 'Chief Cabinet Secretary', 'Defense Minister', 'Foreign Minister', 'Director-General of the Asian and Oceanian Affairs Bureau'] as const;
export const CN_OFFICIAL_ROLES = ['foreign ministry spokesperson', 'Taiwan Affairs Office spokesperson', 'defense ministry spokesperson', 'Commerce Ministry spokesperson'] as const;
