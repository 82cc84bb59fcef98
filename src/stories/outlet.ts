/**
 * The outlet behind a source name, so one outlet's wire copy carried in two of its feeds counts as
 * one source: "Kyodo News (Politics)", "Kyodo News: World" and "Kyodo News" → "kyodo news";
 * "Reuters - World" → "reuters".
 */
export function outletKey(sourceName: string): string {
  let key = outletKeys.get(sourceName);
  if (key === undefined) {
    if (outletKeys.size >= OUTLET_KEYS_KEPT) outletKeys.clear();
    outletKeys.set(sourceName, (key = outletKeyOf(sourceName)));
  }
  return key;
}

/** Source name → outlet key, memoised: a cycle names the same few hundred outlets on every item. */
const outletKeys = new Map<string, string>();
const OUTLET_KEYS_KEPT = 10_000;

/**
 * Where a feed's name goes on from its outlet to a section, to the end: "Kyodo News - Politics",
 * "Kyodo News: Politics", "Kyodo News » World", "Kyodo News / World", "共同通信：政治". A dash, pipe,
 * slash or middle dot counts only between spaces, a colon only before one (or full-width, as CJK
 * names are written without spaces), so names that hold these characters stay whole: "AT/T",
 * "Asia-Pacific Post", "24:7 News", a URL. Guillemets never belong to a name.
 */
const SECTION_SEPARATOR = /(?:\s+[-–—|·/]\s+|\s*:\s+|\s*[»›：]\s*).*$/;

function outletKeyOf(sourceName: string): string {
  const key = sourceName
    .toLowerCase()
    .replace(/\s*[([（【].*?[)\]）】]\s*/g, ' ')
    .replace(SECTION_SEPARATOR, '')
    .replace(/\s+/g, ' ')
    .trim();
  return key || sourceName.toLowerCase().trim();
}
