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

/**
 * Words and quoted phrases, and whether each was quoted. Straight and curly quotes both count,
 * since phones and Slack's editor curl them: "…", “…”, ”…”, '…', ‘…’, ’…’.
 */
function quotedTokens(text: string): Array<{ text: string; quoted: boolean }> {
  const tokens: Array<{ text: string; quoted: boolean }> = [];
  for (const match of text.matchAll(/["“”]([^"“”]*)["“”]?|['‘’]([^'‘’]*)['‘’]?|(\S+)/g)) {
    tokens.push(match[3] !== undefined ? { text: match[3], quoted: false } : { text: match[1] ?? match[2] ?? '', quoted: true });
  }
  return tokens;
}

const fail = (problem: string, example: string): ParseResult => ({ ok: false, error: `${problem}\nExample: ${example}` });

/** Parse the text after `/news`. Errors say what was wrong and show the right form. */
export function parseCommandText(text: string): ParseResult {
  const tokens = quotedTokens(text.trim());
  const [head = 'help', ...rest] = tokens.map((token) => token.text);
  const name = head.toLowerCase();
  // A last word `share` posts the answer to the channel; quoted, it is a word of a search.
  const last = tokens.at(-1);
  const share = tokens.length > 1 && last !== undefined && !last.quoted && last.text.toLowerCase() === 'share';
  const args = share ? rest.slice(0, -1) : rest;
  switch (name) {
    case 'help':
      return { ok: true, command: { name: 'help' } };
    case 'list':
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
      return { ok: true, command: { name: 'search', query: args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' '), share } };
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
        if (value !== 'alert' && value !== 'digest') return fail(`mode must be "alert" or "digest", not "${value}".`, EXAMPLES.subscribe!);
        command.mode = value;
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
        else {
          const score = Number(value);
          // Number("") and Number(" ") are 0: an empty value is no score.
          if (!value?.trim() || !Number.isFinite(score)) return fail(`min-score must be a number, not "${value}".`, '/news subscribe mode alert min-score 10');
          command.minScore = score;
        }
        i++;
        break;
      }
      case 'updates': {
        const missing = needsValue();
        if (missing) return missing;
        if (value !== 'thread' && value !== 'channel' && value !== 'off') return fail(`updates must be "thread", "channel" or "off", not "${value}".`, '/news subscribe mode alert updates thread');
        command.updates = value;
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
