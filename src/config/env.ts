/**
 * The one place that reads `process.env`. Everything else receives these values as arguments.
 * Secrets (chat tokens, database passwords) are read here and never logged.
 */
export interface Environment {
  configPath: string | undefined;
  databasePath: string | undefined;
  logLevel: string;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  return {
    configPath: nonEmpty(env.NEWSBOT_CONFIG),
    databasePath: nonEmpty(env.NEWSBOT_DB),
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}
