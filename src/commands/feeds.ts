import { FeedError } from '../errors.js';
import { readFeedDocument } from '../feeds/ingest.js';
import { formatTime } from '../digest/time.js';
import type { FeedState } from '../store/types.js';
import type { CommandContext, CommandReply } from './types.js';
import { zoneOf, type CommandDeps } from './deps.js';

/** `feeds`: health of every feed: last success, failures, last error, items in the last 24 h. */
export async function feedsCommand(share: boolean, context: CommandContext, deps: CommandDeps): Promise<CommandReply> {
  const now = deps.now();
  const zone = zoneOf(context, deps);
  const [feeds, counts] = await Promise.all([deps.store.listFeeds(), deps.store.feedItemCounts(now - 24 * 3_600_000)]);
  const lines = feeds.map((feed) => {
    const name = feed.name ?? feed.url;
    const items = `${counts.get(feed.url) ?? 0} items in 24 h`;
    if (!feed.enabled) return `○ ${name}: removed (not polled)`;
    if (feed.consecutiveFailures > 0) {
      return `✗ ${name}: ${feed.consecutiveFailures} failure${feed.consecutiveFailures === 1 ? '' : 's'} in a row, last error: ${feed.lastError ?? 'unknown'}; next try ${formatTime(feed.nextDueAt, zone)}; ${items}${movedNote(feed)}`;
    }
    return feed.lastSuccessAt === null ? `… ${name}: not polled yet` : `✓ ${name}: ok at ${formatTime(feed.lastSuccessAt, zone)}, ${items}${movedNote(feed)}`;
  });
  const failing = feeds.filter((f) => f.enabled && f.consecutiveFailures > 0).length;
  return { ephemeral: !share, text: [`${feeds.length} feeds, ${failing} failing:`, ...lines].join('\n') };
}

/** A feed whose URL redirects permanently is still polled there: whoever added it should change it. */
function movedNote(feed: FeedState): string {
  if (!feed.movedTo) return '';
  const fix = feed.origin === 'config' ? 'update the config' : `add it with /news feed add ${feed.movedTo} and remove this one`;
  return `; moved permanently to ${feed.movedTo}: ${fix}`;
}

/** `feed add`: fetched and parsed once before it is saved; a feed that fails is not saved. */
export async function feedAddCommand(url: string, deps: CommandDeps): Promise<CommandReply> {
  try {
    const result = await deps.fetcher.fetch(url, {}, undefined, 'untrusted');
    if (result.kind === 'not-modified') throw new FeedError('feed_malformed', url, 'the server answered 304 to a first request');
    const { title, items } = await readFeedDocument(result.body, result.contentType, { feedId: url, now: deps.now(), finalUrl: result.finalUrl });
    const source = title ?? items[0]?.source;
    await deps.store.addFeed({ url, ...(source ? { name: source } : {}) }, 'chat', deps.now());
    return { ephemeral: false, text: `Added ${source ?? url}: ${items.length} item${items.length === 1 ? '' : 's'} in the feed now; it is polled from the next cycle.` };
  } catch (error) {
    const reason = error instanceof FeedError ? error.reason : (error as Error).message;
    return { ephemeral: true, text: `Not added: ${url} ${reason.startsWith('HTTP') ? `answered ${reason}` : `failed: ${reason}`}. Nothing was saved.\nExample: /news feed add https://example.com/rss.xml` };
  }
}

export async function feedRemoveCommand(url: string, deps: CommandDeps): Promise<CommandReply> {
  // A feed from the config file is the operator's: it is removed there, not from a channel.
  if ((await deps.store.getFeed(url))?.origin === 'config') {
    return { ephemeral: true, text: `${url} is in the config file: it is removed there (and the bot restarted), not from chat.` };
  }
  const removed = await deps.store.disableFeed(url);
  return removed
    ? { ephemeral: false, text: `Removed ${url}: it is no longer polled; its stories stay.` }
    : { ephemeral: true, text: `${url} is not one of the feeds. /news feeds lists them.` };
}
