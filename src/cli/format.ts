import type { FeedPollReport } from '../feeds/poll-cycle.js';
import type { StoryChange } from '../pipeline/item-processor.js';
import type { SendReport } from '../pipeline/outbox-sender.js';
import type { Subscription } from '../store/types.js';
import { nextScheduledTime } from '../pipeline/delivery-planner.js';

/** One line per feed: what a poll did, in words an operator reads at a glance. */
export function formatPollReport(reports: FeedPollReport[]): string {
  const lines = reports.map((report) => {
    const label = report.feed.name ? `${report.feed.name} <${report.feed.url}>` : report.feed.url;
    const outcome = report.outcome;
    switch (outcome.status) {
      case 'new':
        return `  ok      ${label}: ${outcome.storedCount} new item${outcome.storedCount === 1 ? '' : 's'} (${outcome.parsedCount} in feed)${report.firstSuccess ? ', first poll' : ''}`;
      case 'unchanged':
        return `  ok      ${label}: unchanged`;
      case 'failed':
        return `  FAILED  ${label}: ${outcome.message} [${outcome.code}], retry after ${new Date(outcome.retryAt).toISOString()}`;
    }
  });
  const failed = reports.filter((r) => r.outcome.status === 'failed').length;
  const fresh = reports.reduce((sum, r) => sum + (r.outcome.status === 'new' ? r.outcome.storedCount : 0), 0);
  const header = `polled ${reports.length} feed${reports.length === 1 ? '' : 's'}: ${fresh} new items, ${failed} failed`;
  return [header, ...lines].join('\n');
}

/** "stories: 3 new, 2 updated (+4 reports)" for the end of a poll summary. */
export function formatStoryChanges(changes: StoryChange[]): string {
  const created = changes.filter((c) => c.created).length;
  const updated = changes.length - created;
  const added = changes.filter((c) => !c.created).reduce((sum, c) => sum + c.itemIds.length, 0);
  return `stories: ${created} new, ${updated} updated${updated ? ` (+${added} report${added === 1 ? '' : 's'})` : ''}`;
}

/** "delivery: 3 queued, 3 sent, 0 retrying" plus any subscription that stopped, with why. */
export function formatDelivery(queued: number, report: SendReport): string {
  const lines = [`delivery: ${queued} queued, ${report.sent} sent, ${report.retrying} retrying, ${report.failed.length} failed`];
  for (const failure of report.failed) lines.push(`  subscription ${failure.subscriptionId} stopped: ${failure.reason}`);
  return lines.join('\n');
}

/** One line per subscription: where, what, how, next delivery, and any delivery error. */
export function formatSubscriptions(subscriptions: Subscription[], now: number): string {
  if (subscriptions.length === 0) return 'no subscriptions (add them under `subscriptions:` in the config, or with /news subscribe)';
  return subscriptions
    .map((sub) => {
      const how = sub.mode === 'alert' ? `alert (settle ${sub.settleMs / 1000} s)` : `digest "${sub.schedule}" ${sub.timeZone}`;
      const next = sub.mode === 'digest' ? `, next ${new Date(nextScheduledTime(sub.schedule, sub.timeZone, now) ?? 0).toISOString()}` : '';
      const last = sub.mode === 'digest' && sub.lastDigestAt ? `, last ${new Date(sub.lastDigestAt).toISOString()}` : '';
      return `#${sub.id} ${sub.platform}:${sub.channel} ${sub.topic} ${how}${next}${last} [${sub.status}${sub.statusReason ? `: ${sub.statusReason}` : ''}] (${sub.origin})`;
    })
    .join('\n');
}
