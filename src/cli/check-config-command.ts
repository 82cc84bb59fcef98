import type { NewsbotConfig } from '../config/load.js';

/** `newsbot check-config`: the validated config, and what newsbot would poll. */
export function describeConfig(config: NewsbotConfig): string {
  const lines = [
    `config ok: ${config.file}`,
    `storage: ${config.storage.path}`,
    `schedule: "${config.polling.schedule}", default interval ${config.polling.intervalMinutes} min, concurrency ${config.polling.concurrency}`,
    `topics: ${config.topics.join(', ')}`,
    `feeds (${config.feeds.length}):`,
    ...config.feeds.map((feed) => `  - ${feed.name ?? '(name from feed)'}: ${feed.url}${feed.intervalMinutes ? ` every ${feed.intervalMinutes} min` : ''}`),
  ];
  return lines.join('\n');
}
