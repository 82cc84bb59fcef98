import type { Environment } from '../config/env.js';
import type { Logger } from '../log.js';
import type { Platform } from '../store/types.js';
import type { ChatAdapter } from './adapter.js';
import { createConsoleAdapter } from './console/adapter.js';
import { createDiscordAdapter } from './discord/adapter.js';
import { createSlackAdapter } from './slack/adapter.js';

/** One adapter per platform whose credentials are in the environment, plus the console. */
export function createChatAdapters(env: Environment, logger: Logger, out: NodeJS.WritableStream): Map<Platform, ChatAdapter> {
  const adapters = new Map<Platform, ChatAdapter>([['console', createConsoleAdapter(out)]]);
  if (env.slack) {
    adapters.set('slack', createSlackAdapter({ ...env.slack, port: env.port, logger }));
  }
  if (env.discord) adapters.set('discord', createDiscordAdapter({ ...env.discord, logger }));
  logger.info({ platforms: [...adapters.keys()] }, 'chat adapters enabled');
  return adapters;
}
