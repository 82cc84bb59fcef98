/**
 * What tells one of a run of look-alike incidents from the next (a patrol a day, each with its ship
 * count): the weekdays a report names ("wed", in any script), the days of the month ("10"), and its
 * figures (digits or English number words, as digits). Dates, clock times, ordinals, months, spans
 * of days and decimals are left out of the figures (1:03, 6 a.m., 6時, 第11管区, 11th, 3月, 2日間,
 * 7.2): they count nothing. So are years, which every report of a period shares.
 */
export interface IncidentMarks {
  weekdays: Set<string>;
  dates: Set<string>;
  figures: Set<string>;
}

/** The marks of texts already folded and lower-cased (as features read them). */
export function incidentMarks(texts: readonly string[]): IncidentMarks {
  const marks: IncidentMarks = { weekdays: new Set(), dates: new Set(), figures: new Set() };
  for (const text of texts) readMarks(text, marks);
  return marks;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const LATIN_WEEKDAYS = new Map(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day, i) => [day, WEEKDAYS[i]!]));
const JAPANESE_WEEKDAYS = '月火水木金土日'; // before 曜
const CHINESE_WEEKDAYS = '一二三四五六日'; // after 周, 星期, 礼拜 (天 is Sunday too)
// "One" is left out: "one China", "one of" say nothing of a count.
const NUMBER_WORDS = new Map(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'].map((word, i) => [word, String(i + 2)]));
const MONTH_NAMES = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/** A month name, then a space (and a dot after an abbreviation), right before a number: "march 10". */
const MONTH_BEFORE = new RegExp(`(?<![a-z])(?:${MONTH_NAMES})\\.? $`);
/** A month name right after a number ("10 march"), read from the number's end. */
const MONTH_AFTER = new RegExp(` (?:${MONTH_NAMES})(?![a-z])`, 'y');
/** "6 a.m.", read from a number's end. */
const CLOCK_AFTER = / [ap]\.?m(?![a-z])/y;

/**
 * Scanned by character code, each run of digits or letters read in its context: one pass with
 * no match objects (a pattern per kind of mark took as long as the rest of the item's features).
 */
function readMarks(text: string, marks: IncidentMarks): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    const start = i;
    if (isDigit(code)) {
      while (++i < length && isDigit(text.charCodeAt(i)));
      readNumber(text, start, i, marks);
    } else if (isLetter(code)) {
      while (++i < length && isLetter(text.charCodeAt(i)));
      if (mayBeMarkWord(text, start, i)) readWord(text.slice(start, i), marks);
    } else {
      i++;
      if (code >= FIRST_HAN) readCjkWeekday(text, start, marks);
    }
  }
}

/** Whether the word at [start, end) could be a weekday ("…day") or a number word: most words are not cut out of the text. */
function mayBeMarkWord(text: string, start: number, end: number): boolean {
  const length = end - start;
  const weekday = length >= 6 && length <= 9 && text.endsWith('day', end);
  return weekday || (length >= 3 && length <= 6 && 'tfsen'.includes(text[start]!));
}

function readWord(word: string, marks: IncidentMarks): void {
  const weekday = LATIN_WEEKDAYS.get(word);
  if (weekday !== undefined) marks.weekdays.add(weekday);
  const figure = NUMBER_WORDS.get(word);
  if (figure !== undefined) marks.figures.add(figure);
}

/** 木曜 (at 曜), 周四, 星期四, 礼拜四 (at the day's character). */
function readCjkWeekday(text: string, at: number, marks: IncidentMarks): void {
  const character = text[at]!;
  if (character === '曜') {
    const day = JAPANESE_WEEKDAYS.indexOf(text[at - 1] ?? '');
    if (day >= 0) marks.weekdays.add(WEEKDAYS[day]!);
    return;
  }
  const before = text[at - 1];
  if (before !== '周' && before !== '期' && before !== '拜') return;
  if (before !== '周' && text[at - 2] !== (before === '期' ? '星' : '礼')) return;
  const day = character === '天' ? 6 : CHINESE_WEEKDAYS.indexOf(character);
  if (day >= 0) marks.weekdays.add(WEEKDAYS[day]!);
}

/** The run of digits at [start, end): a day of the month, a figure, or neither. */
function readNumber(text: string, start: number, end: number, marks: IncidentMarks): void {
  const before = text.charCodeAt(start - 1);
  const after = text.charCodeAt(end);
  // Part of a word or code (11th, 6pm, 2025a), a decimal, a clock time, an ordinal, a month.
  if (isLetter(before) || isLetter(after)) return;
  if ((before === DOT || before === COLON) && isDigit(text.charCodeAt(start - 2))) return;
  if ((after === DOT || after === COLON) && isDigit(text.charCodeAt(end + 1))) return;
  if (text[start - 1] === '第' || '时時点月'.includes(text[end] ?? '.')) return;
  CLOCK_AFTER.lastIndex = end;
  if (CLOCK_AFTER.test(text)) return;
  const digits = text.slice(start, end);
  if (digits.length <= 2 && (isCjkDay(text, end) || monthAfter(text, end) || MONTH_BEFORE.test(text.slice(Math.max(0, start - 12), start)))) {
    marks.dates.add(String(Number(digits)));
  } else if (text[end] !== '日' && !/^(19|20)\d\d$/.test(digits)) {
    // 2日間, 2日連続 are spans of days; years are left out.
    marks.figures.add(String(Number(digits)));
  }
}

/** 10日, not 2日間 or 2日連続 (folded: 间, 连). */
function isCjkDay(text: string, end: number): boolean {
  return text[end] === '日' && !'间間连連'.includes(text[end + 1] ?? '.');
}

function monthAfter(text: string, end: number): boolean {
  MONTH_AFTER.lastIndex = end;
  return MONTH_AFTER.test(text);
}

const FIRST_HAN = 0x4e00;
const DOT = 0x2e;
const COLON = 0x3a;
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isLetter = (code: number): boolean => code >= 0x61 && code <= 0x7a;
