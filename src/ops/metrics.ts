import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FeedPollReport } from '../feeds/poll-cycle.js';
import type { StoryChange } from '../pipeline/item-processor.js';
import type { SendReport } from '../pipeline/outbox-sender.js';

/** newsbot's Prometheus metrics (prom-client), one registry per process. */
export interface Metrics {
  registry: Registry;
  recordPoll(reports: FeedPollReport[], relevantItems: number): void;
  recordStories(changes: StoryChange[]): void;
  recordDelivery(report: SendReport): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'newsbot_process_' });
  const polls = new Counter({ name: 'newsbot_feed_polls_total', help: 'Feed polls by result', labelNames: ['result'], registers: [registry] });
  const failures = new Counter({ name: 'newsbot_feed_failures_total', help: 'Failed feed polls by feed and error code', labelNames: ['feed', 'code'], registers: [registry] });
  const items = new Counter({ name: 'newsbot_items_total', help: 'New items stored', registers: [registry] });
  const relevant = new Counter({ name: 'newsbot_relevant_items_total', help: 'New items the matcher flagged as relevant', registers: [registry] });
  const stories = new Counter({ name: 'newsbot_stories_total', help: 'Stories created, and stories that gained reports', labelNames: ['change'], registers: [registry] });
  const messages = new Counter({ name: 'newsbot_messages_total', help: 'Chat messages by outcome', labelNames: ['outcome'], registers: [registry] });
  const latency = new Histogram({
    name: 'newsbot_delivery_latency_seconds',
    help: 'From a story first seen to its alert or update posted',
    buckets: [30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600],
    registers: [registry],
  });
  return {
    registry,
    recordPoll(reports, relevantItems) {
      for (const report of reports) {
        polls.inc({ result: report.outcome.status });
        if (report.outcome.status === 'new') items.inc(report.outcome.storedCount);
        if (report.outcome.status === 'failed') failures.inc({ feed: report.feed.name ?? report.feed.url, code: report.outcome.code });
      }
      relevant.inc(relevantItems);
    },
    recordStories(changes) {
      for (const change of changes) stories.inc({ change: change.created ? 'created' : 'updated' });
    },
    recordDelivery(report) {
      messages.inc({ outcome: 'sent' }, report.sent);
      messages.inc({ outcome: 'retried' }, report.retrying);
      messages.inc({ outcome: 'failed' }, report.failed.length);
      for (const seconds of report.latenciesSeconds) latency.observe(seconds);
    },
  };
}
