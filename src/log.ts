import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Paths whose values are secrets wherever they appear in a log record. Redaction lives here, once,
 * so no call site has to remember it.
 */
export const REDACTED_PATHS = [
  'token', '*.token', 'botToken', '*.botToken', 'appToken', '*.appToken', 'signingSecret', '*.signingSecret',
  'password', '*.password', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
  'connectionString', '*.connectionString', 'databaseUrl', '*.databaseUrl',
];

/** Structured JSON logs on stderr (stdout is for command output), level from LOG_LEVEL. */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'newsbot' } }, destination);
}
