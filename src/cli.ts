#!/usr/bin/env node
import { Command } from 'commander';
import { createCliContext } from './cli/context.js';
import { createApp } from './app.js';
import { formatDelivery, formatPollReport, formatStoryChanges, formatSubscriptions } from './cli/format.js';
import { createChatAdapters } from './chat/create-adapters.js';
import { previewDigests } from './cli/digest-preview.js';
import { parseCommand } from './cli/parse-command.js';
import { describeConfig } from './cli/check-config-command.js';
import { demoCommand } from './cli/demo-command.js';
import { isCodedError } from './errors.js';
import { isPostgresUrl, openStore } from './store/open.js';
import { exportSqlite, importIntoPostgres } from './store/transfer.js';
import { join } from 'node:path';
import { classifyCommand, readInput } from './cli/classify-command.js';
import { compileTopic } from './match/compile.js';
import { loadTopicByName } from './match/load-topic.js';
import { BUNDLED_TOPICS_DIR, PACKAGE_ROOT } from './config/paths.js';
import { evaluate, formatEvalReport, loadEvalSet } from './eval/run-eval.js';

// `newsbot parse … | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const context = createCliContext();
const program = new Command('newsbot')
  .description('News alert bot for Slack and Discord: Japan–China–Taiwan relations, one story per event')
  .option('-c, --config <path>', 'config file (default: $NEWSBOT_CONFIG or config/newsbot.yaml)')
  .showHelpAfterError();

const configPath = (): string | undefined => program.opts<{ config?: string }>().config;
/** Topics beside the config file in use, then the bundled ones (classify and eval need no feeds). */
const topicsDir = (): string[] => {
  const path = configPath() ?? context.env.configPath;
  return [path ? join(path, '..', 'topics') : join('config', 'topics'), BUNDLED_TOPICS_DIR];
};

program
  .command('poll')
  .description('poll feeds: with --once, one cycle over all due feeds, then a per-feed summary')
  .option('--once', 'run one cycle and exit (required for now; `newsbot run` polls continuously)')
  .option('--all', 'poll every feed, not only the due ones')
  .action(async (options: { once?: boolean; all?: boolean }) => {
    if (!options.once) throw new Error('poll needs --once (use `newsbot run` for continuous polling)');
    const app = await createApp(context.loadConfig(configPath()), context.logger);
    try {
      const { reports, changes } = await app.pollOnce({ force: options.all ?? false });
      context.out.write(`${formatPollReport(reports)}\n${formatStoryChanges(changes)}\n`);
    } finally {
      await app.shutdown();
    }
  });

program
  .command('parse')
  .description('print the normalized items of feed files or URLs as JSON Lines')
  .argument('<file-or-url...>')
  .action(async (inputs: string[]) => {
    process.exitCode = await parseCommand(inputs, process.stdout, process.stderr);
  });

program
  .command('check-config')
  .description('validate the config and print what would be polled')
  .action(() => {
    const config = context.loadConfig(configPath());
    // Topic files are part of the configuration: a bad one fails here too, naming file and key.
    const topics = config.topics.map((name) => compileTopic(loadTopicByName(config.topicsDirs, name)));
    context.out.write(`${describeConfig(config)}\n${topics.map((t) => `topic ${t.name}: ${t.roles.size} terms, groups ${Object.values(t.groupLabels).join(', ')}`).join('\n')}\n`);
  });

program
  .command('demo')
  .description('run the pipeline on the bundled sample feeds: no network, no tokens, console output')
  .action(async () => {
    process.exitCode = await demoCommand(context.env, context.logger, context.out);
  });

program
  .command('classify')
  .description('classify JSON Lines items {id, title, summary, source, published}: relevance, matched terms, story')
  .option('-i, --input <file>', 'read items from this file (default: stdin)')
  .option('-t, --topic <name>', 'topic under config/topics/', 'japan-china-taiwan')
  .action((options: { input?: string; topic: string }) => {
    const input = readInput(options.input);
    const topic = compileTopic(loadTopicByName(topicsDir(), options.topic));
    process.exitCode = classifyCommand(input.text, input.name, topic, process.stdout, process.stderr);
  });

program
  .command('eval')
  .description('precision, recall and F1 of relevance and story clustering on the labelled evaluation set')
  .option('--dir <folder>', 'labelled set (JSON Lines files and lookalikes.json)', join(PACKAGE_ROOT, 'tests', 'fixtures', 'eval'))
  .option('-t, --topic <name>', 'topic under config/topics/', 'japan-china-taiwan')
  .option('--json', 'print the report as JSON')
  .action((options: { dir: string; topic: string; json?: boolean }) => {
    const { items, lookalikes } = loadEvalSet(options.dir);
    const report = evaluate(items, lookalikes, compileTopic(loadTopicByName(topicsDir(), options.topic)));
    context.out.write(`${options.json ? JSON.stringify(report) : formatEvalReport(report)}\n`);
  });

program
  .command('run')
  .description('the long-running bot: polls, delivers alerts and digests, answers chat; --once: one cycle, then exit')
  .option('--once', 'poll once, deliver everything due, wait for the sends, exit (for cron and CronJobs)')
  .option('--all', 'with --once: poll every feed, not only the due ones')
  .action(async (options: { once?: boolean; all?: boolean }) => {
    const app = await createApp(context.loadConfig(configPath()), context.logger, {
      adapters: createChatAdapters(context.env, context.logger, context.out),
      httpPort: context.env.port,
    });
    if (options.once) {
      try {
        const { reports, changes } = await app.pollOnce({ force: options.all ?? false });
        const { queued, report } = await app.deliver();
        context.out.write(`${formatPollReport(reports)}\n${formatStoryChanges(changes)}\n${formatDelivery(queued, report)}\n`);
        if (report.failed.length > 0) process.exitCode = 1;
      } finally {
        await app.shutdown();
      }
      return;
    }
    await app.start();
    context.logger.info({ schedule: app.config.polling.schedule, feeds: app.config.feeds.length, platforms: [...app.adapters.keys()] }, 'newsbot running');
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        context.logger.info({ signal }, 'shutting down: finishing in-flight work');
        void app.shutdown().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });

program
  .command('digest')
  .description('show the digest each digest subscription would get now, without posting')
  .requiredOption('--preview', 'print, do not post (the only mode)')
  .option('--subscription <id>', 'only this subscription (ids: `newsbot subscriptions`)')
  .action(async (options: { subscription?: string }) => {
    const app = await createApp(context.loadConfig(configPath()), context.logger);
    try {
      context.out.write(`${await previewDigests(app, options.subscription)}\n`);
    } finally {
      await app.shutdown();
    }
  });

program
  .command('migrate')
  .description('apply pending store migrations (SQLite file or PostgreSQL) and print the schema version')
  .action(async () => {
    const location = context.loadConfig(configPath()).storage.path;
    const store = await openStore(location);
    await store.close();
    context.out.write(`store migrated: ${isPostgresUrl(location) ? 'PostgreSQL' : `SQLite ${location}`}\n`);
  });

program
  .command('export')
  .description('write the whole SQLite store (feeds, items, stories, subscriptions, delivery history) as JSON Lines')
  .argument('<file>', 'the JSON Lines file to write')
  .action(async (file: string) => {
    const location = context.loadConfig(configPath()).storage.path;
    if (isPostgresUrl(location)) throw new Error('export reads a SQLite store: point NEWSBOT_DB at the SQLite file');
    const counts = await exportSqlite(location, file);
    context.out.write(`exported ${file}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}\n`);
  });

program
  .command('import')
  .description('load an export into the PostgreSQL store NEWSBOT_DB names, in one transaction')
  .argument('<file>', 'a file written by newsbot export')
  .action(async (file: string) => {
    const location = context.loadConfig(configPath()).storage.path;
    if (!isPostgresUrl(location)) throw new Error('import writes a PostgreSQL store: set NEWSBOT_DB=postgres://…');
    const url = new URL(location);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    const counts = await importIntoPostgres(file, url.toString(), schema);
    context.out.write(`imported ${file}: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}\n`);
  });

program
  .command('subscriptions')
  .description('list subscriptions (config and chat) with their mode, schedule and status')
  .action(async () => {
    const app = await createApp(context.loadConfig(configPath()), context.logger);
    try {
      context.out.write(`${formatSubscriptions(await app.store.listSubscriptions(), Date.now())}\n`);
    } finally {
      await app.shutdown();
    }
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures (bad config, unreadable store) print their own clear message, no stack.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  if (!isCodedError(error)) context.logger.debug({ err: error }, 'command failed');
  process.exitCode = isCodedError(error) && error.code.startsWith('config_') ? 2 : 1;
}
