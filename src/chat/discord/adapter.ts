import { REST, DiscordAPIError, HTTPError, RateLimitError, Routes, type Client, type RESTPostAPIChannelMessageResult } from 'discord.js';
import type { Logger } from '../../log.js';
import { startDiscordGateway } from './gateway.js';
import { DeliveryError } from '../../errors.js';
import type { ChatAdapter } from '../adapter.js';
import type { ChatMessage } from '../../digest/model.js';
import { renderDiscord, type DiscordPayload } from './render.js';

export interface DiscordAdapterOptions {
  token: string;
  applicationId: string;
  guildId?: string | undefined;
  logger: Logger;
  /** Per-request timeout (ms); default 15 s. */
  timeoutMs?: number | undefined;
  /** REST API base (tests and proxies), e.g. http://127.0.0.1:9999/api; Discord's own when absent. */
  apiUrl?: string | undefined;
}

// Discord JSON error codes that no retry can fix.
const PERMANENT_CODES: Record<number, { code: DeliveryError['code']; reason: string }> = {
  10003: { code: 'chat_channel_not_found', reason: 'unknown channel (deleted, or the bot cannot see it)' },
  50001: { code: 'chat_missing_permission', reason: 'missing access to the channel' },
  50013: { code: 'chat_missing_permission', reason: 'missing permissions (Send Messages, Embed Links)' },
  50007: { code: 'chat_rejected', reason: 'cannot send messages to this user' },
  40001: { code: 'chat_auth_failed', reason: 'unauthorized: the bot token is invalid or revoked' },
  0: { code: 'chat_auth_failed', reason: 'unauthorized: the bot token is invalid or revoked' },
};

/**
 * Discord through discord.js's REST client (no gateway needed to post). REST does not retry or wait
 * on its own here (`retries: 0`, rate limits rejected): the outbox owns retries. Each part carries a
 * nonce with `enforce_nonce`, so Discord itself drops a re-sent part it already accepted.
 * @see https://discord.com/developers/docs/resources/message#create-message
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): ChatAdapter & { rest: REST } {
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}), retries: 0, rejectOnRateLimit: () => true, timeout: options.timeoutMs ?? 15_000 }).setToken(options.token);
  let gateway: Client | null = null;
  return {
    platform: 'discord',
    rest,
    render: (message: ChatMessage) => renderDiscord(message),
    async post(channel, payload, idempotencyKey) {
      try {
        const body = { ...(payload as DiscordPayload), nonce: idempotencyKey.slice(0, 25), enforce_nonce: true };
        const message = (await rest.post(Routes.channelMessages(channel), { body })) as RESTPostAPIChannelMessageResult;
        return message.id;
      } catch (error) {
        throw discordDeliveryError(error);
      }
    },
    async start(commands) {
      gateway = await startDiscordGateway({ ...options, rest, deps: commands.deps });
    },
    async stop() {
      await gateway?.destroy();
      gateway = null;
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}

export function discordDeliveryError(error: unknown): DeliveryError {
  if (error instanceof RateLimitError) {
    return new DeliveryError('chat_rate_limited', true, `Discord rate limit: retry after ${Math.ceil(error.retryAfter / 1000)} s`, error.retryAfter, { cause: error });
  }
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === 'number' ? PERMANENT_CODES[error.code] : undefined;
    if (known && (error.code !== 0 || error.status === 401)) return new DeliveryError(known.code, false, `Discord: ${known.reason} (${error.code})`, null, { cause: error });
    if (error.status === 401) return new DeliveryError('chat_auth_failed', false, 'Discord: unauthorized: the bot token is invalid or revoked', null, { cause: error });
    if (error.status === 403 || error.status === 404) return new DeliveryError('chat_missing_permission', false, `Discord refused: ${error.message}`, null, { cause: error });
    return new DeliveryError('chat_rejected', error.status >= 500, `Discord refused the message: ${error.message}`, null, { cause: error });
  }
  if (error instanceof HTTPError) return new DeliveryError('chat_unavailable', true, `Discord answered HTTP ${error.status}`, null, { cause: error });
  const name = (error as Error).name;
  if (name === 'AbortError' || name === 'TimeoutError') return new DeliveryError('chat_timeout', true, 'Discord did not answer in time', null, { cause: error });
  return new DeliveryError('chat_unavailable', true, `Discord request failed: ${(error as Error).message}`, null, { cause: error });
}
