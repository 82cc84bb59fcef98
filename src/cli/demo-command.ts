import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Environment } from '../config/env.js';
import { loadConfig } from '../config/load.js';
import { createApp } from '../app.js';
import type { Logger } from '../log.js';
import { formatPollReport } from './format.js';

/** The package's root folder, wherever newsbot is run from (dist/cli/ or src/cli/ → root). */
export const PACKAGE_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
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
      const reports = await app.pollOnce({ force: true });
      out.write(`${formatPollReport(reports)}\n\n`);
      for (const report of reports) {
        if (report.outcome.status !== 'new') continue;
        out.write(`== ${report.feed.name ?? report.feed.url}\n`);
        for (const item of report.outcome.items) {
          out.write(`  ${new Date(item.published).toISOString().slice(0, 16).replace('T', ' ')}  ${item.title}\n`);
          if (item.link) out.write(`                    ${item.link}\n`);
        }
        out.write('\n');
      }
      return reports.some((r) => r.outcome.status === 'failed') ? 1 : 0;
    } finally {
      await app.shutdown();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
