/** How far ahead of now a publication date may be before we treat it as wrong (clock skew, time zones). */
const FUTURE_TOLERANCE_MS = 15 * 60_000;
/** Dates before this are placeholders (epoch zero, 1970 defaults), not real publication times. */
const EARLIEST_PLAUSIBLE = Date.UTC(1995, 0, 1);

// Zone abbreviations as East Asian outlets use them. "CST" is China Standard Time here, not US
// Central: this bot reads Asian feeds; US outlets write numeric offsets or EST/EDT, which Date.parse knows.
const TZ_ABBREVIATIONS: Record<string, string> = {
  JST: '+0900', KST: '+0900', CST: '+0800', HKT: '+0800', SGT: '+0800', PHT: '+0800',
  IST: '+0530', CET: '+0100', CEST: '+0200', BST: '+0100', EET: '+0200', EEST: '+0300',
};

export interface ParsedDate {
  time: number;
  estimated: boolean;
}

/**
 * Parse a feed date (RFC 822, ISO 8601 and common variants). Missing or unparseable dates fall back
 * to `firstSeen` and are marked estimated; dates in the future are clamped to `firstSeen`.
 */
export function parseFeedDate(raw: string | null | undefined, firstSeen: number): ParsedDate {
  const time = raw ? parseDateString(raw.trim()) : NaN;
  if (Number.isNaN(time) || time < EARLIEST_PLAUSIBLE) return { time: firstSeen, estimated: true };
  if (time > firstSeen + FUTURE_TOLERANCE_MS) return { time: firstSeen, estimated: true };
  return { time, estimated: false };
}

/** An ISO-style date without a zone ("2026-01-27 10:00:00", "2026-01-27T10:00"). */
const ZONELESS_ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/;

/** A zone at the end: Z, a numeric offset, or a name or abbreviation (GMT, UTC, JST, EST …). */
const HAS_ZONE = /(?:\dZ|[+-]\d{2}:?\d{2}|\b(?!(?:AM|PM)\s*\)?$)[A-Z]{2,5}|\bGMT[+-]\d{1,2})\s*\)?$/;

function parseDateString(raw: string): number {
  if (!raw) return NaN;
  // A date without a zone is read as UTC. Date.parse would read it in the server's own zone, so the
  // same feed would give different times on differently configured machines.
  const isoLike = ZONELESS_ISO.exec(raw);
  if (isoLike) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0'] = isoLike;
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.floor(Number(`0.${fraction}`) * 1000));
  }
  const direct = Date.parse(raw);
  if (!Number.isNaN(direct) && !HAS_ZONE.test(raw)) {
    // Any other form without a zone ("Tue, 27 Jan 2026 10:00", "2026.01.20 10:00", "January 20,
    // 2026 10:00 AM"): Date.parse read it in the server's zone; read it as UTC like the ISO form.
    const asUtc = Date.parse(`${raw} GMT`);
    return Number.isNaN(asUtc) ? direct : asUtc;
  }
  if (!Number.isNaN(direct) && !/\b[A-Z]{3,4}$/.test(raw)) return direct;
  // Asian outlets often write "Tue, 27 Jan 2026 10:00:00 JST", which Date.parse misreads or rejects.
  const abbreviation = /\s([A-Z]{3,4})$/.exec(raw);
  const offset = abbreviation?.[1] ? TZ_ABBREVIATIONS[abbreviation[1]] : undefined;
  if (abbreviation && offset) {
    const replaced = Date.parse(raw.slice(0, abbreviation.index) + ' ' + offset);
    if (!Number.isNaN(replaced)) return replaced;
  }
  if (!Number.isNaN(direct)) return direct;
  // 2026年1月27日 (Japanese and Chinese outlets, no zone): read as UTC+9, the later of the region's
  // zones, so a same-day time never lands in the future.
  // A weekday in brackets may follow the date ((火), （火）), and the time may be 10:00, 10時30分 or
  // 10時, after 午前/午後 or 上午/下午 (morning/afternoon).
  const cjk = /(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:[(（][^)）]{1,3}[)）])?\s*(午前|午後|上午|下午)?\s*(?:(\d{1,2})(?::(\d{2})|時(?:(\d{1,2})分)?))?/.exec(raw);
  if (cjk) {
    const [, y, mo, d, half, h = '0', colonMinutes, kanjiMinutes] = cjk;
    const hour = Number(h) + ((half === '午後' || half === '下午') && Number(h) < 12 ? 12 : 0);
    return Date.UTC(Number(y), Number(mo) - 1, Number(d), hour, Number(colonMinutes ?? kanjiMinutes ?? '0')) - 9 * 3_600_000;
  }
  return NaN;
}
