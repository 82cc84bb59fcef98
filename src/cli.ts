#!/usr/bin/env node
import { Command } from 'commander';
import { createCliContext } from './cli/context.js';
import { createApp } from './app.js';
import { formatPollReport } from './cli/format.js';
import { parseCommand } from './cli/parse-command.js';
import { describeConfig } from './cli/check-config-command.js';
import { demoCommand } from './cli/demo-command.js';
import { isCodedError } from './errors.js';

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

program
  .command('poll')
  .description('poll feeds: with --once, one cycle over all due feeds, then a per-feed summary')
  .option('--once', 'run one cycle and exit (required for now; `newsbot run` polls continuously)')
  .option('--all', 'poll every feed, not only the due ones')
  .action(async (options: { once?: boolean; all?: boolean }) => {
    if (!options.once) throw new Error('poll needs --once (use `newsbot run` for continuous polling)');
    const app = await createApp(context.loadConfig(configPath()), context.logger);
    try {
      const reports = await app.pollOnce({ force: options.all ?? false });
      context.out.write(`${formatPollReport(reports)}\n`);
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
    context.out.write(`${describeConfig(context.loadConfig(configPath()))}\n`);
  });

program
  .command('demo')
  .description('run the pipeline on the bundled sample feeds: no network, no tokens, console output')
  .action(async () => {
    process.exitCode = await demoCommand(context.env, context.logger, context.out);
  });

program
  .command('run')
  .description('the long-running bot: polls on the configured schedule until SIGINT/SIGTERM')
  .action(async () => {
    const app = await createApp(context.loadConfig(configPath()), context.logger);
    const scheduler = app.startScheduler();
    context.logger.info({ schedule: app.config.polling.schedule, feeds: app.config.feeds.length, nextRun: scheduler.nextRun() }, 'newsbot running');
    await new Promise<void>((resolve) => {
      const stop = (signal: string): void => {
        context.logger.info({ signal }, 'shutting down: finishing in-flight work');
        void app.shutdown().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
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
