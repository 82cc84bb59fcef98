import { decode } from 'html-entities';

const TAG = /<\/?[a-zA-Z][^>]*>|<!--[\s\S]*?-->|<!\[CDATA\[|\]\]>/g;
const SCRIPT_OR_STYLE = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
// Block-level boundaries become spaces; inline tags (<b>, <a>, <span>) vanish without one.
const BLOCK_BREAK = /<\/?(?:br|p|div|li|ul|ol|h[1-6]|tr|td|th|blockquote|section|article|figure|figcaption|img|hr)\b[^>]*>/gi;
// Control characters (except tab/newline, which whitespace folding handles) and zero-width marks
// carry no meaning in a headline and can hide text from readers.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u2028\u2029\u2060-\u2064\uFEFF]/g;

// Tests run before the replacements they guard: most fields are plain text already, and skipping a
// replace that would change nothing saves its scan and its copy on every item of every feed.
const MARKUP_OR_ENTITY = /[<&]|\]\]>/;
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);
// A run of two whitespace characters, or one that is not a plain space: what folding would change.
const NEEDS_FOLDING = /\s\s|[^\S ]/;

/** Plain text from a feed field that may hold HTML: tags stripped, entities decoded, whitespace folded. */
export function htmlToText(input: string | null | undefined): string {
  if (!input) return '';
  let text = input;
  if (MARKUP_OR_ENTITY.test(text)) {
    const withoutCode = text.replace(SCRIPT_OR_STYLE, ' ').replace(BLOCK_BREAK, ' ');
    // Decode after stripping tags, then strip again: feeds often double-escape markup (&lt;p&gt;).
    const once = decode(withoutCode.replace(TAG, ''));
    text = once.includes('<') ? once.replace(BLOCK_BREAK, ' ').replace(TAG, '') : once;
  }
  if (HAS_INVISIBLE.test(text)) text = text.replace(INVISIBLE, '');
  if (NEEDS_FOLDING.test(text)) text = text.replace(/\s+/g, ' ');
  return text.trim();
}

/** Cut text at a word or sentence boundary near `maxLength`, marking the cut with an ellipsis. */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  // Never half of a surrogate pair (an emoji, a rare Han character such as 𠮷) at the cut.
  const end = isHighSurrogate(text.charCodeAt(maxLength - 2)) ? maxLength - 2 : maxLength - 1;
  const slice = text.slice(0, end);
  const sentenceEnd = Math.max(slice.lastIndexOf('. '), slice.lastIndexOf('。'));
  if (sentenceEnd > maxLength * 0.6) return slice.slice(0, sentenceEnd + 1);
  const space = slice.lastIndexOf(' ');
  const cut = space > maxLength * 0.6 ? slice.slice(0, space) : slice;
  return `${cut.replace(/[\s,;:]+$/, '')}…`;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
