/**
 * The outlet behind a source name, so one outlet's wire copy carried in two of its feeds counts as
 * one source: "Kyodo News (Politics)" and "Kyodo News" → "kyodo news"; "Reuters - World" → "reuters".
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

function outletKeyOf(sourceName: string): string {
  const key = sourceName
    .toLowerCase()
    .replace(/\s*[([（【].*?[)\]）】]\s*/g, ' ')
    .replace(/\s+[-–—|:·]\s+.*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return key || sourceName.toLowerCase().trim();
}
