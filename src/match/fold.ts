// Only the Traditional→Simplified tables (about a third of the full package's size).
import { Converter } from 'opencc-js/t2cn';

/**
 * One spelling per character before matching and clustering. opencc-js folds Traditional Chinese
 * (and the kyūjitai Japanese share with it) to Simplified, so 臺灣/台灣/台湾, 釣魚島/钓鱼岛 and
 * 中國/中国 are the same text; NFKC folds full-width Latin and digits (Ｔａｉｗａｎ, ２０２６) and
 * half-width katakana. Topic terms are folded the same way when the topic is compiled, so an alias
 * written in either script matches both. The t→cn tables are per character, with a few phrases kept
 * whole (乾隆 stays, 乾燥 → 干燥); topic terms do not straddle those, so a term folds the same alone
 * as inside a sentence.
 */
const toSimplified = Converter({ from: 't', to: 'cn' });

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const WIDTH_VARIANTS = /[\uff01-\uff9f\u3000]/;
// Whether folding could change the text at all: one scan, and most items (English) need no more.
const EITHER = /[\u3000\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f]/;

export function foldScripts(text: string): string {
  if (!EITHER.test(text)) return text;
  const widthFolded = WIDTH_VARIANTS.test(text) ? text.normalize('NFKC') : text;
  return HAN.test(widthFolded) ? toSimplified(widthFolded) : widthFolded;
}

/** A topic term as the index keys it: folded like the text it is scanned in, lower-cased (臺灣 and 台湾 are one key). */
export function termKey(term: string): string {
  return foldScripts(term).toLowerCase();
}
