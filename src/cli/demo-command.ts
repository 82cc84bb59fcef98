import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config/paths.js';
import type { Environment } from '../config/env.js';
import { loadConfig } from '../config/load.js';
import { createApp } from '../app.js';
import type { Logger } from '../log.js';
import { formatPollReport, formatStoryChanges } from './format.js';
import { storyText } from './story-text.js';
import type { StoryWithMembers } from '../store/types.js';

const latestReport = (story: StoryWithMembers): number => Math.max(...story.members.map((m) => m.eventTime));

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
        const newestFirst = stories.sort((a, b) => latestReport(b) - latestReport(a));
        const sourcesTotal = stories.reduce((sum, s) => sum + s.itemCount, 0);
        out.write(`== ${topic.topic.description ?? topic.name}: ${stories.length} stories from ${sourcesTotal} relevant reports (newest first)\n\n`);
        for (const story of newestFirst) {
          out.write(`${storyText(story, await app.store.getMatch(story.headlineItemId, topic.name), topic)}\n\n`);
        }
      }
      return reports.some((r) => r.outcome.status === 'failed') ? 1 : 0;
    } finally {
      await app.shutdown();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
