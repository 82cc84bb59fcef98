import iconv from 'iconv-lite';
import { TextDecoder } from 'node:util';
import { FeedError } from '../errors.js';

/**
 * Decode a feed body to a string by the charset its HTTP header, byte-order mark or XML prolog
 * declares (in that order of trust, as browsers do), using iconv-lite for the legacy encodings
 * Japanese and Chinese outlets still publish (Shift_JIS, EUC-JP, GBK/GB2312, Big5 …).
 */
export function decodeFeedBody(body: Buffer, contentType: string | null, feed: string): string {
  const bomCharset = charsetFromBom(body);
  const declared = bomCharset ?? charsetFromContentType(contentType) ?? charsetFromProlog(body) ?? 'utf-8';
  const charset = normalizeCharset(declared);
  if (!iconv.encodingExists(charset)) {
    const decoder = whatwgDecoder(charset);
    if (!decoder) throw new FeedError('feed_encoding', feed, `unsupported character encoding "${declared}"`);
    return stripBom(decoder.decode(body));
  }
  // UTF-8 (nearly every feed) through Buffer's native decoder: iconv-lite decodes it with a
  // StringDecoder, a few times slower on a 1 MB feed; same text, U+FFFD for bad bytes alike.
  const text = charset === 'utf8' ? stripBom(body.toString('utf8')) : iconv.decode(body, charset, { stripBOM: true });
  // A body labelled UTF-8 that is not: fall back to the prolog's charset when it names another one.
  // Only when most of its non-ASCII text failed to decode: a UTF-8 feed with one character cut in
  // half by its CMS (and an old prolog) keeps its text. A byte-order mark is never wrong.
  if (charset === 'utf8' && !bomCharset && text.includes('\uFFFD') && mostlyUndecodable(text)) {
    const prolog = charsetFromProlog(body);
    if (prolog && normalizeCharset(prolog) !== 'utf8' && iconv.encodingExists(normalizeCharset(prolog))) {
      return iconv.decode(body, normalizeCharset(prolog));
    }
  }
  return text;
}

/**
 * Node's WHATWG TextDecoder (ICU) for the few encodings iconv-lite lacks, ISO-2022-JP above all:
 * older Japanese sites still serve it. Its prolog is ASCII, so the charset is found as for the others.
 */
function whatwgDecoder(charset: string): TextDecoder | null {
  try {
    return new TextDecoder(charset);
  } catch {
    return null;
  }
}

/** Whether replacement characters make up more than a tenth of the text's non-ASCII characters. */
function mostlyUndecodable(text: string): boolean {
  let replaced = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    nonAscii++;
    if (code === 0xfffd) replaced++;
  }
  return replaced > 0 && replaced * 10 > nonAscii;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function charsetFromBom(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  // UTF-16 without a BOM still starts with "<?" in two-byte units.
  if (body[0] === 0x3c && body[1] === 0x00 && body[2] === 0x3f && body[3] === 0x00) return 'utf-16le';
  if (body[0] === 0x00 && body[1] === 0x3c && body[2] === 0x00 && body[3] === 0x3f) return 'utf-16be';
  return null;
}

function charsetFromContentType(contentType: string | null): string | null {
  const match = contentType ? /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType) : null;
  return match?.[1] ?? null;
}

function charsetFromProlog(body: Buffer): string | null {
  // The prolog is ASCII in every encoding we accept without a BOM, so latin1 reads it safely.
  const head = body.subarray(0, 512).toString('latin1');
  const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1] ?? null;
}

function normalizeCharset(charset: string): string {
  const lower = charset.trim().toLowerCase();
  // GB2312 feeds routinely contain GBK characters; decoding as the superset loses nothing.
  if (lower === 'gb2312' || lower === 'gb_2312-80' || lower === 'x-gbk') return 'gbk';
  if (lower === 'utf-8' || lower === 'utf8') return 'utf8';
  if (lower === 'x-sjis' || lower === 'sjis' || lower === 'windows-31j') return 'shift_jis';
  if (lower === 'x-euc-jp' || lower === 'cseucpkdfmtjapanese') return 'euc-jp'; // WHATWG labels of EUC-JP
  return lower;
}
