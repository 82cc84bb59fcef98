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
import { executeCommand } from '../commands/execute.js';
import type { CommandContext } from '../commands/types.js';

const latestReport = (card: StoryCard): number => Math.max(...card.sources.map((s) => s.time));

export const DEMO_CONFIG = join(PACKAGE_ROOT, 'config', 'demo.yaml');

/**
 * `newsbot demo`: the whole pipeline on the bundled sample feeds (config/samples/), with a
 * throw-away SQLite file, no network and no tokens; output to the console.
 */
/**
 * What an analyst would ask next, answered by the same command core as `/news` in chat: the latest
 * stories with a Chinese state-media report, and the timeline of the best-covered story.
 */
async function showPerspectiveLookups(app: Awaited<ReturnType<typeof createApp>>, out: NodeJS.WritableStream): Promise<void> {
  const context: CommandContext = { platform: 'console', workspace: null, channel: 'console', user: 'demo', isAdmin: false, adminRule: 'admins', timeZone: null };
  const latest = await executeCommand('latest 5 perspective cn-state', context, app.commands.deps);
  out.write(`\n$ /news latest 5 perspective cn-state\n${latest.stories ? renderConsole(latest.stories) : latest.text}\n`);
  const topic = app.topics[0];
  const widest = topic ? (await app.store.recentStories(topic.name, 0, 1_000)).sort((a, b) => b.sourceCount - a.sourceCount)[0] : undefined;
  if (widest) {
    const story = await executeCommand(`story ${widest.id}`, context, app.commands.deps);
    out.write(`\n$ /news story ${widest.id}\n${story.text}\n`);
  }
}

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
      await showPerspectiveLookups(app, out);
      return reports.some((r) => r.outcome.status === 'failed') ? 1 : 0;
    } finally {
      await app.shutdown();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
