import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config/paths.js';
import type { Environment } from '../config/env.js';
import { loadConfig } from '../config/load.js';
import { createApp } from '../app.js';
import type { Logger } from '../log.js';
import { formatPollReport, formatStoryChanges } from './format.js';
import { toStoryCard } from '../digest/story-card.js';
import { renderConsole } from '../chat/console/render.js';
import type { DigestMessage, StoryCard } from '../digest/model.js';

const latestReport = (card: StoryCard): number => Math.max(...card.sources.map((s) => s.time));

export const DEMO_CONFIG = join(PACKAGE_ROOT, 'config', 'demo.yaml');

/**
 * `newsbot demo`: the whole pipeline on the bundled sample feeds (config/samples/), with a
 * throw-away SQLite file, no network and no tokens; output to the console.
 */
export async function demoCommand(env: Environment, logger: Logger, out: NodeJS.WritableStream): Promise<number> {
  const workDir = mkdtempSync(join(tmpdir(), 'newsbot-demo-'));
  try {
    const config = loadConfig(DEMO_CONFIG, { ...env, databasePath: join(workDir, 'demo.db') });
    const app = await createApp(config, logger);
    try {
      const { reports, changes } = await app.pollOnce({ force: true });
      out.write(`${formatPollReport(reports)}\n${formatStoryChanges(changes)}\n\n`);
      for (const topic of app.topics) {
        const stories = await app.store.recentStories(topic.name, 0, 1_000);
        const cards = await Promise.all(stories.map(async (story) => toStoryCard(story, await app.store.getMatch(story.headlineItemId, topic.name), topic.groupLabels, app.outlets)));
        const newestFirst = cards.sort((a, b) => latestReport(b) - latestReport(a));
        const reportCount = stories.reduce((sum, story) => sum + story.itemCount, 0);
        const digest: DigestMessage = {
          kind: 'digest',
          title: `${topic.topic.description ?? topic.name}: ${stories.length} stories from ${reportCount} relevant reports (newest first)`,
          since: Math.min(...cards.map((c) => c.firstSeen)),
          until: Date.now(),
          stories: newestFirst,
          moreCount: 0,
          timeZone: config.deliveryTimeZone,
        };
        out.write(`${renderConsole(digest)}\n`);
      }
      return reports.some((r) => r.outcome.status === 'failed') ? 1 : 0;
    } finally {
      await app.shutdown();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
