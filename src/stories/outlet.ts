/**
 * The outlet behind a source name, so one outlet's wire copy carried in two of its feeds counts as
 * one source: "Kyodo News (Politics)" and "Kyodo News" → "kyodo news"; "Reuters - World" → "reuters".
 */
export function outletKey(sourceName: string): string {
  const key = sourceName
    .toLowerCase()
    .replace(/\s*[([（【].*?[)\]）】]\s*/g, ' ')
    .replace(/\s+[-–—|:·]\s+.*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return key || sourceName.toLowerCase().trim();
}
