import { readEnvironment, type Environment } from '../config/env.js';
import { loadConfig, resolveConfigPath, type NewsbotConfig } from '../config/load.js';
import { createLogger, type Logger } from '../log.js';

export interface CliContext {
  env: Environment;
  logger: Logger;
  loadConfig(cliPath?: string): NewsbotConfig;
  /** Standard output for command results (logs go to stderr). */
  out: NodeJS.WritableStream;
}

export function createCliContext(): CliContext {
  const env = readEnvironment();
  return {
    env,
    logger: createLogger(env.logLevel),
    loadConfig: (cliPath) => loadConfig(resolveConfigPath(cliPath, env), env),
    out: process.stdout,
  };
}
