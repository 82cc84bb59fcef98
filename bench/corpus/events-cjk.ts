import type { EventFacts, EventKind } from './events.js';

type Writer = (f: EventFacts) => string;
interface CjkTemplates { title: Writer; sentences: Writer[] }

const CN_SEAFOOD: Record<string, string> = { scallops: '扇贝', 'sea cucumbers': '海参', yellowtail: '鰤鱼', 'sea urchin': '海胆', mackerel: '鲭鱼', 'salmon roe': '鲑鱼籽', crab: '螃蟹' };
const JA_SEAFOOD: Record<string, string> = { scallops: 'ホタテ', 'sea cucumbers': 'ナマコ', yellowtail: 'ブリ', 'sea urchin': 'ウニ', mackerel: 'サバ', 'salmon roe': 'イクラ', crab: 'カニ' };

/** Japanese-language reports (NHK, Kyodo, Asahi): the same numbers, the topic's Japanese terms. */
export const JAPANESE: Partial<Record<EventKind, CjkTemplates>> = {
  coastGuard: {
    title: (f) => `中国海警局の船${f.n}隻が尖閣諸島周辺の領海に侵入、約${f.hours}時間航行`,
    sentences: [
      (f) => `第11管区海上保安本部によると、中国海警局の船${f.n}隻が尖閣諸島沖の日本の領海に侵入し、約${f.hours}時間にわたって航行した。`,
      (f) => `海保の巡視船が領海から出るよう警告した。領海侵入は今年${f.nth.replace(/\D/g, '')}回目。`,
      () => `政府は外交ルートを通じて中国側に厳重抗議した。`,
    ],
  },
  drills: {
    title: (f) => `中国軍、台湾周辺で大規模演習「${f.op}」\u3000艦艇${f.m}隻・航空機${f.sorties}機`,
    sentences: [
      (f) => `中国軍の東部戦区は、台湾を取り囲む形で${f.days}日間の軍事演習を始めたと発表した。艦艇${f.m}隻と航空機${f.sorties}機が参加したという。`,
      () => `防衛省は警戒監視を強化しており、官房長官は「強い関心を持って注視している」と述べた。`,
    ],
  },
  drones: {
    title: (f) => `中国軍の無人機${f.n}機が与那国島と台湾の間を通過\u3000空自が緊急発進`,
    sentences: [
      (f) => `防衛省統合幕僚監部によると、中国軍の無人機${f.n}機が与那国島と台湾の間を通過し、太平洋へ飛行した。航空自衛隊の戦闘機が緊急発進した。`,
      () => `領空侵犯はなかったという。`,
    ],
  },
  trade: {
    title: (f) => `中国、日本産${JA_SEAFOOD[f.seafood] ?? '水産物'}の輸入停止\u3000${f.n}都道府県が対象`,
    sentences: [
      (f) => `中国の税関当局は、日本の${f.n}都道府県からの${JA_SEAFOOD[f.seafood] ?? '水産物'}の輸入を停止すると発表した。`,
      () => `外務省は「科学的根拠に基づかない措置だ」として撤回を求めた。`,
    ],
  },
  travel: {
    title: (f) => `中国政府、国民に日本への渡航自粛を呼びかけ\u3000航空各社が${f.flights}便減便`,
    sentences: [
      () => `中国の文化観光省は、日本への渡航を当面控えるよう自国民に注意喚起した。`,
      (f) => `中国の航空各社は日本路線の${f.flights}便を減便し、払い戻しに応じる。訪日客の減少が懸念されている。`,
    ],
  },
};

/** Chinese-language reports (Xinhua, Huanqiu; CNA and Liberty Times in traditional script). */
export const CHINESE: Partial<Record<EventKind, CjkTemplates>> = {
  coastGuard: {
    title: (f) => `中国海警${f.hull.replace('Haijing ', '')}舰艇编队在我钓鱼岛领海内巡航`,
    sentences: [
      (f) => `中国海警局新闻发言人${f.cnPerson}表示，中国海警${f.n}艘舰艇编队在我钓鱼岛领海内巡航。`,
      () => `这是中国海警依法开展的维权巡航活动。钓鱼岛及其附属岛屿是中国固有领土。`,
    ],
  },
  adiz: {
    title: (f) => `國防部：中共軍機${f.sorties}架次、共艦${f.m}艘 台灣周邊活動`,
    sentences: [
      (f) => `國防部今天表示，偵獲中共軍機${f.sorties}架次、共艦${f.m}艘持續在台灣周邊活動，其中${f.n}架次逾越海峽中線。`,
      () => `國軍運用聯合情監偵掌握，並派遣任務機、艦及岸置飛彈系統嚴密監控。`,
    ],
  },
  drills: {
    title: (f) => `东部战区在台岛周边开展“${f.op}”联合演习 出动舰艇${f.m}艘`,
    sentences: [
      (f) => `东部战区新闻发言人表示，东部战区组织陆海空火箭军等兵力，在台岛周边开展联合演习，出动舰艇${f.m}艘、战机${f.sorties}架次。`,
      () => `这是对“台独”分裂势力的严厉惩戒，也是对外部势力干涉的严正警告。`,
    ],
  },
  travel: {
    title: () => `文化和旅游部提醒中国游客近期避免前往日本旅游`,
    sentences: [
      () => `文化和旅游部提醒中国游客近期避免前往日本旅游，已在日本的中国公民注意安全。`,
      (f) => `多家航空公司宣布免费退改赴日机票，涉及航班${f.flights}个。`,
    ],
  },
  trade: {
    title: (f) => `海关总署：暂停进口日本部分地区${CN_SEAFOOD[f.seafood] ?? '水产品'}`,
    sentences: [
      (f) => `海关总署宣布，暂停进口日本${f.n}个都道府县的${CN_SEAFOOD[f.seafood] ?? '水产品'}，以保障食品安全。`,
      () => `商务部新闻发言人表示，相关措施合理、合法、必要。`,
    ],
  },
};
