import type { Command } from './types.js';
import { parsePerspective, PERSPECTIVE_HINT } from '../digest/perspective.js';

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string };

const EXAMPLES: Record<string, string> = {
  subscribe: '/news subscribe mode digest schedule "0 8,18 * * *" tz Asia/Tokyo',
  unsubscribe: '/news unsubscribe japan-china-taiwan',
  latest: '/news latest 5 perspective cn-state',
  search: '/news search "coast guard" senkaku -drill',
  story: '/news story 42',
  why: '/news why https://example.com/article',
  'feed add': '/news feed add https://example.com/rss.xml',
  'feed remove': '/news feed remove https://example.com/rss.xml',
};

/** Split like a shell: quotes group words (straight or curly quotes, as chat apps often type). */
export function tokenize(text: string): string[] {
  return quotedTokens(text).map((token) => token.text);
}

interface Token {
  text: string;
  quoted: boolean;
  /** A quoted phrase written with a minus before it (-"coast guard"): a search excludes it. */
  excluded: boolean;
}

/**
 * Words and quoted phrases, and whether each was quoted. Straight and curly quotes both count,
 * since phones and Slack's editor curl them: "…", “…”, ”…”, '…', ‘…’, ’…’.
 */
function quotedTokens(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/(-?)(?:["“”]([^"“”]*)["“”]?|['‘’]([^'‘’]*)['‘’]?)|(\S+)/g)) {
    if (match[4] !== undefined) tokens.push({ text: match[4], quoted: false, excluded: false });
    else tokens.push({ text: match[2] ?? match[3] ?? '', quoted: true, excluded: match[1] === '-' });
  }
  return tokens;
}

/** A search query as the store reads it: phrases in straight quotes, an excluded one with its minus. */
function searchQuery(tokens: readonly Token[]): string {
  return tokens.map((token) => (token.quoted && /\s/.test(token.text) ? `${token.excluded ? '-' : ''}"${token.text}"` : token.excluded ? `-${token.text}` : token.text)).join(' ');
}

/**
 * Slack escapes &, < and > in the text a user types (and wraps links in <…>): the command reads
 * what the user wrote. Discord sends text as typed, which never holds these escapes of its own.
 */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const fail = (problem: string, example: string): ParseResult => ({ ok: false, error: `${problem}\nExample: ${example}` });

/** Parse the text after `/news`. Errors say what was wrong and show the right form. */
export function parseCommandText(text: string): ParseResult {
  const tokens = quotedTokens(text.trim());
  const head = tokens[0]?.text ?? 'help';
  const name = head.toLowerCase();
  // A last word `share` posts the answer to the channel; quoted, it is a word of a search.
  const last = tokens.at(-1);
  const share = tokens.length > 1 && last !== undefined && !last.quoted && last.text.toLowerCase() === 'share';
  const argTokens = tokens.slice(1, share ? -1 : undefined);
  const args = argTokens.map((token) => token.text);
  switch (name) {
    case 'help':
      return { ok: true, command: { name: 'help' } };
    case 'list':
      return { ok: true, command: { name: 'list', share } };
    case 'pause':
    case 'resume':
      return { ok: true, command: { name } };
    case 'feeds':
      return { ok: true, command: { name: 'feeds', share } };
    case 'subscribe':
      return parseSubscribe(args);
    case 'unsubscribe':
      return { ok: true, command: args[0] ? { name: 'unsubscribe', topic: args[0].toLowerCase() } : { name: 'unsubscribe' } };
    case 'latest':
      return parseLatest(args, share);
    case 'search':
      if (args.length === 0) return fail('search needs words to look for.', EXAMPLES.search!);
      // Keep quotes for phrases: the search engine reads them.
      return { ok: true, command: { name: 'search', query: searchQuery(argTokens), share } };
    case 'story':
      if (!args[0] || !/^#?\d+$/.test(args[0])) return fail(`"${args[0] ?? ''}" is not a story number.`, EXAMPLES.story!);
      return { ok: true, command: { name: 'story', id: args[0].replace('#', ''), share } };
    case 'why':
      if (!args[0]) return fail('why needs a link or an item id.', EXAMPLES.why!);
      return { ok: true, command: { name: 'why', target: args[0].replace(/^<|>$/g, '').split('|')[0] ?? args[0], share } };
    case 'feed': {
      const action = args[0]?.toLowerCase();
      const url = args[1]?.replace(/^<|>$/g, '').split('|')[0];
      if (action !== 'add' && action !== 'remove') return fail('feed needs "add" or "remove" and a URL.', EXAMPLES['feed add']!);
      if (!url || !isHttpUrl(url)) return fail(`"${args[1] ?? ''}" is not an http(s) URL.`, EXAMPLES[`feed ${action}`]!);
      return { ok: true, command: { name: action === 'add' ? 'feed-add' : 'feed-remove', url } };
    }
    default:
      return { ok: false, error: `Unknown command "${head}". Try /news help.` };
  }
}

function parseSubscribe(args: string[]): ParseResult {
  const command: Extract<Command, { name: 'subscribe' }> = { name: 'subscribe' };
  for (let i = 0; i < args.length; i++) {
    const key = args[i]!.toLowerCase();
    const value = args[i + 1];
    const needsValue = (): ParseResult | null => (value === undefined ? fail(`"${key}" needs a value.`, EXAMPLES.subscribe!) : null);
    switch (key) {
      case 'mode': {
        const missing = needsValue();
        if (missing) return missing;
        const mode = value!.toLowerCase();
        if (mode !== 'alert' && mode !== 'digest') return fail(`mode must be "alert" or "digest", not "${value}".`, EXAMPLES.subscribe!);
        command.mode = mode;
        i++;
        break;
      }
      case 'schedule':
      case 'tz':
      case 'min-score': {
        const missing = needsValue();
        if (missing) return missing;
        if (key === 'schedule') command.schedule = value!;
        else if (key === 'tz') command.timeZone = value!;
        else if (/^(off|none|all)$/i.test(value!)) command.minScore = null; // every story again
        else {
          const score = Number(value);
          // Number("") and Number(" ") are 0: an empty value is no score.
          if (!value?.trim() || !Number.isFinite(score)) return fail(`min-score must be a number (or "off"), not "${value}".`, '/news subscribe mode alert min-score 10');
          command.minScore = score;
        }
        i++;
        break;
      }
      case 'updates': {
        const missing = needsValue();
        if (missing) return missing;
        const updates = value!.toLowerCase();
        if (updates !== 'thread' && updates !== 'channel' && updates !== 'off') return fail(`updates must be "thread", "channel" or "off", not "${value}".`, '/news subscribe mode alert updates thread');
        command.updates = updates;
        i++;
        break;
      }
      case 'perspective': {
        const missing = needsValue();
        if (missing) return missing;
        if (value!.toLowerCase() === 'all') command.perspective = null;
        else {
          const filter = parsePerspective(value!);
          if (!filter) return fail(`perspective must be ${PERSPECTIVE_HINT} (or "all"), not "${value}".`, '/news subscribe mode digest perspective cn-state');
          command.perspective = filter.token;
        }
        i++;
        break;
      }
      default:
        if (i === 0 && /^[a-z0-9][a-z0-9-]*$/.test(key)) command.topic = key; // the optional topic comes first
        else return fail(`Unknown option "${args[i]}".`, EXAMPLES.subscribe!);
    }
  }
  return { ok: true, command };
}

/** `latest [N] [perspective <p>]`, in either order. */
function parseLatest(args: string[], share: boolean): ParseResult {
  const command: Extract<Command, { name: 'latest' }> = { name: 'latest', count: 5, share };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.toLowerCase() === 'perspective') {
      const value = args[i + 1];
      const filter = value === undefined ? null : parsePerspective(value);
      if (!filter) return fail(`perspective must be ${PERSPECTIVE_HINT}, not "${value ?? ''}".`, EXAMPLES.latest!);
      command.perspective = filter.token;
      i++;
      continue;
    }
    const count = Number(arg);
    if (!Number.isInteger(count) || count < 1 || count > 20) return fail(`"${arg}" is not a number of stories from 1 to 20.`, EXAMPLES.latest!);
    command.count = count;
  }
  return { ok: true, command };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false; // not a URL at all
  }
}
