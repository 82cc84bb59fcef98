/**
 * The one place that reads `process.env`. Everything else receives these values as arguments.
 * Secrets (chat tokens, database passwords) are read here and never logged.
 */
export interface Environment {
  configPath: string | undefined;
  databasePath: string | undefined;
  logLevel: string;
  /** HTTP port for the Slack receiver (and health endpoints). */
  port: number;
  slack: { botToken: string; signingSecret: string; appToken: string | undefined; apiUrl: string | undefined } | null;
  discord: { token: string; applicationId: string; apiUrl: string | undefined; guildId: string | undefined } | null;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const slackToken = nonEmpty(env.SLACK_BOT_TOKEN);
  const slackSecret = nonEmpty(env.SLACK_SIGNING_SECRET);
  const discordToken = nonEmpty(env.DISCORD_TOKEN);
  const discordApplication = nonEmpty(env.DISCORD_APPLICATION_ID);
  return {
    configPath: nonEmpty(env.NEWSBOT_CONFIG),
    databasePath: nonEmpty(env.NEWSBOT_DB),
    logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
    port: Number.parseInt(nonEmpty(env.PORT) ?? '3000', 10) || 3000,
    // Each platform is enabled when its tokens are present; with none, the console adapter.
    slack: slackToken && slackSecret ? { botToken: slackToken, signingSecret: slackSecret, appToken: nonEmpty(env.SLACK_APP_TOKEN), apiUrl: withSlash(nonEmpty(env.SLACK_API_URL)) } : null,
    discord:
      discordToken && discordApplication
        ? { token: discordToken, applicationId: discordApplication, apiUrl: nonEmpty(env.DISCORD_API_URL), guildId: nonEmpty(env.DISCORD_GUILD_ID) }
        : null,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}

/** The Slack Web API client joins method names to the base URL: it must end with "/". */
function withSlash(url: string | undefined): string | undefined {
  return url && !url.endsWith('/') ? `${url}/` : url;
}
