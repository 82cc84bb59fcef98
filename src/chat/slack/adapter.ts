import { App, LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';

const { ErrorCode } = webApi;
type WebAPICallError = webApi.WebAPICallError;
import { DeliveryError, EditRefusedError, ThreadUnavailableError } from '../../errors.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../log.js';
import type { HttpRoute } from '../../ops/health.js';
import type { ChatAdapter } from '../adapter.js';
import type { ChatMessage } from '../../digest/model.js';
import { renderSlack, type SlackPayload } from './render.js';
import { registerSlackCommands } from './commands.js';

export interface SlackAdapterOptions {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set; otherwise Bolt's HTTP receiver on `port`. */
  appToken?: string | undefined;
  /** Web API base URL (tests and proxies); Slack's own when absent. Must end with "/". */
  apiUrl?: string | undefined;
  port: number;
  logger: Logger;
  /** Per-request timeout (ms); default 15 s. */
  timeoutMs?: number | undefined;
}

// Errors that no retry can fix: the subscription stops with this reason until someone acts.
const PERMANENT: Record<string, { code: DeliveryError['code']; reason: string }> = {
  channel_not_found: { code: 'chat_channel_not_found', reason: 'channel not found (deleted, or private without the bot)' },
  not_in_channel: { code: 'chat_not_in_channel', reason: 'the bot is not in the channel: invite it with /invite @newsbot' },
  is_archived: { code: 'chat_channel_not_found', reason: 'the channel is archived' },
  restricted_action: { code: 'chat_missing_permission', reason: 'posting is restricted in this channel' },
  missing_scope: { code: 'chat_missing_permission', reason: 'the app lacks the chat:write scope' },
  invalid_auth: { code: 'chat_auth_failed', reason: 'the Slack token is invalid' },
  not_authed: { code: 'chat_auth_failed', reason: 'no Slack token was sent' },
  token_revoked: { code: 'chat_auth_failed', reason: 'the Slack token was revoked' },
  account_inactive: { code: 'chat_auth_failed', reason: 'the Slack app or its token is inactive' },
  team_access_not_granted: { code: 'chat_missing_permission', reason: 'the app is not allowed in this workspace' },
};

// Answers meaning the story's alert is gone, so its thread cannot hold more: updates go to the channel.
const ALERT_GONE = new Set(['message_not_found', 'thread_not_found', 'invalid_thread_ts']);
// Slack keeps the message but will not let it change (workspace edit settings, not the bot's message).
const EDIT_REFUSED = new Set(['cant_update_message', 'edit_window_closed']);

/** Message metadata type newsbot's posts carry; Slack keeps it with the message. */
const METADATA_EVENT = 'newsbot_message';

/**
 * Slack through the real Bolt app. The Web API client does not retry on its own (`retries: 0`,
 * rate-limited calls rejected): the outbox owns retries, so a 429 delays only its subscription.
 * @see https://api.slack.com/methods/chat.postMessage
 */
export function createSlackAdapter(options: SlackAdapterOptions): ChatAdapter & { app: App } {
  // Bolt takes its custom routes at construction; they delegate to what serveHttpRoutes() fills in.
  const httpRoutes = new Map<string, HttpRoute>();
  const customRoutes = ['/healthz', '/readyz', '/metrics'].map((path) => ({
    path,
    method: 'GET',
    handler: (req: IncomingMessage, res: ServerResponse) => {
      const route = httpRoutes.get(`GET ${path}`);
      if (route) route.handler(req, res);
      else res.writeHead(404).end();
    },
  }));
  const app = new App({
    // Bolt verifies the token (auth.test) when it initializes; undeferred, that runs as a floating
    // promise in the constructor and an unreachable Slack crashes the process. Posting needs no
    // initialization, so it happens in start(), where a failure is an error we handle.
    deferInitialization: true,
    token: options.botToken,
    signingSecret: options.signingSecret,
    ...(options.appToken ? { socketMode: true, appToken: options.appToken } : { port: options.port, customRoutes }),
    logger: boltLogger(options.logger),
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: options.timeoutMs ?? 15_000,
    },
  });
  let started = false;
  const postMessage = async (channel: string, { text, blocks }: SlackPayload, idempotencyKey: string, threadTs?: string): Promise<string> => {
    const result = await app.client.chat.postMessage({
      channel,
      text,
      blocks,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
      // The outbox key travels with the message, so a restart can find it (findPosted).
      metadata: { event_type: METADATA_EVENT, event_payload: { key: idempotencyKey } },
    });
    return result.ts ?? '';
  };
  return {
    serveHttpRoutes(routes) {
      if (options.appToken) return false; // Socket Mode: no HTTP listener of ours
      for (const route of routes) httpRoutes.set(`${route.method} ${route.path}`, route);
      return true;
    },
    platform: 'slack',
    app,
    render: (message: ChatMessage) => renderSlack(message),
    async post(channel, payload, idempotencyKey) {
      try {
        return await postMessage(channel, payload as SlackPayload, idempotencyKey);
      } catch (error) {
        throw slackDeliveryError(error);
      }
    },
    async findPosted(channel, idempotencyKey, since, thread) {
      const oldest = String(Math.floor(since / 1000) - 60);
      const isOurs = (m: { metadata?: { event_type?: string; event_payload?: unknown } }): boolean =>
        m.metadata?.event_type === METADATA_EVENT && (m.metadata.event_payload as { key?: unknown } | undefined)?.key === idempotencyKey;
      try {
        // A thread reply is not in the channel's history: look in the thread too.
        if (thread) {
          const replies = await app.client.conversations.replies({ channel, ts: thread.anchorId, oldest, include_all_metadata: true, limit: 200 });
          const reply = replies.messages?.find(isOurs);
          if (reply?.ts) return reply.ts;
        }
        const history = await app.client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200 });
        return history.messages?.find(isOurs)?.ts ?? null;
      } catch (error) {
        throw slackDeliveryError(error);
      }
    },
    // Slack threads need no creating: a reply names its parent's ts. The link is the alert's permalink.
    async threadOf(channel, messageId) {
      try {
        const { permalink } = await app.client.chat.getPermalink({ channel, message_ts: messageId });
        return { anchorId: messageId, started: true, url: permalink ?? null };
      } catch (error) {
        throw slackDeliveryError(error);
      }
    },
    async postInThread(channel, thread, payload, idempotencyKey) {
      try {
        return { messageId: await postMessage(channel, payload as SlackPayload, idempotencyKey, thread.anchorId), thread };
      } catch (error) {
        const code = platformErrorCode(error);
        if (code !== null && ALERT_GONE.has(code)) throw new ThreadUnavailableError('the first alert was deleted', { cause: error });
        throw slackDeliveryError(error);
      }
    },
    async editMessage(channel, thread, payload) {
      const { text, blocks } = payload as SlackPayload;
      try {
        await app.client.chat.update({ channel, ts: thread.anchorId, text, blocks });
      } catch (error) {
        const code = platformErrorCode(error);
        if (code !== null && ALERT_GONE.has(code)) throw new ThreadUnavailableError('the first alert was deleted', { cause: error });
        if (code !== null && EDIT_REFUSED.has(code)) throw new EditRefusedError(`Slack will not let the alert be edited (${code})`, { cause: error });
        throw slackDeliveryError(error);
      }
    },
    async start(commands) {
      registerSlackCommands(app, { deps: commands.deps, admins: commands.slackAdmins, logger: options.logger });
      await app.init();
      if (options.appToken) await app.start();
      else await app.start(options.port);
      started = true;
    },
    async stop() {
      if (started) await app.stop();
      started = false;
    },
  };
}

/** The `error` of a Slack platform answer ("message_not_found"), or null for other failures. */
function platformErrorCode(error: unknown): string | null {
  const call = error as WebAPICallError;
  return call.code === ErrorCode.PlatformError ? String(call.data.error ?? '') : null;
}

export function slackDeliveryError(error: unknown): DeliveryError {
  const call = error as WebAPICallError;
  switch (call.code) {
    case ErrorCode.RateLimitedError:
      return new DeliveryError('chat_rate_limited', true, `Slack rate limit: retry after ${call.retryAfter} s`, call.retryAfter * 1000, { cause: error });
    case ErrorCode.PlatformError: {
      const slackError = String(call.data.error ?? 'unknown_error');
      const permanent = PERMANENT[slackError];
      if (permanent) return new DeliveryError(permanent.code, false, `Slack: ${permanent.reason} (${slackError})`, null, { cause: error });
      return new DeliveryError('chat_rejected', slackError === 'internal_error' || slackError === 'fatal_error', `Slack refused the message: ${slackError}`, null, { cause: error });
    }
    case ErrorCode.HTTPError:
      return new DeliveryError('chat_unavailable', true, `Slack answered HTTP ${call.statusCode}`, null, { cause: error });
    default:
      return new DeliveryError('chat_unavailable', true, `Slack request failed: ${(error as Error).message}`, null, { cause: error });
  }
}

/** Bolt logs through ours, so its records are JSON with the same redaction. */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  let level = LogLevel.INFO;
  return {
    debug: (...msg) => child.debug(msg.map(String).join(' ')),
    info: (...msg) => child.info(msg.map(String).join(' ')),
    warn: (...msg) => child.warn(msg.map(String).join(' ')),
    error: (...msg) => child.error(msg.map(String).join(' ')),
    setLevel: (next) => void (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}
