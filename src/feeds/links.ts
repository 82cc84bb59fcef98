// Query parameters that only track the reader, never select the article.
const TRACKING_PARAM = /^(?:utm_[a-z_]+|fbclid|gclid|dclid|gclsrc|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|ocid|cmpid|cmp|smid|sr_share|taid|ito|__twitter_impression|rss|ref|ref_src|feature|at_medium|at_campaign)$/i;

/**
 * The canonical form of an article link: absolute http(s), tracking parameters and fragment
 * removed, host lower-cased. Returns null when the link is missing or not an http(s) URL.
 */
export function canonicalLink(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = base ? new URL(raw.trim(), base) : new URL(raw.trim());
  } catch {
    return null; // not a URL: the caller falls back to other identity evidence
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hash) url.hash = '';
  // Most article links have no query: reading searchParams builds an object and sort() re-serializes.
  if (raw.includes('?')) {
    for (const key of [...url.searchParams.keys()]) {
      if (TRACKING_PARAM.test(key)) url.searchParams.delete(key);
    }
    url.searchParams.sort();
  }
  if ((url.protocol === 'https:' && url.port === '443') || (url.protocol === 'http:' && url.port === '80')) url.port = '';
  return url.toString();
}

/** Host name of a URL without "www.", or the input itself when it is not a URL (a file path). */
export function hostOf(raw: string): string {
  try {
    const url = new URL(raw);
    return url.protocol === 'file:' ? (url.pathname.split('/').pop() ?? raw) : url.hostname.replace(/^www\./, '');
  } catch {
    return raw.split('/').pop() ?? raw;
  }
}
