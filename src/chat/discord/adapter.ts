import {
  ChannelType, REST, DiscordAPIError, HTTPError, RateLimitError, Routes,
  type APIChannel, type Client, type RESTPostAPIChannelMessageResult,
} from 'discord.js';
import type { Logger } from '../../log.js';
import { startDiscordGateway } from './gateway.js';
import { DeliveryError, EditRefusedError, ThreadUnavailableError } from '../../errors.js';
import type { StoryThread } from '../../store/types.js';
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

// Discord JSON error codes that mean the story's thread (or its first alert) cannot be used.
const UNKNOWN_CHANNEL = 10003;
const UNKNOWN_MESSAGE = 10008;
const MISSING_ACCESS = 50001;
const MISSING_PERMISSIONS = 50013;
const NOT_AUTHOR = 50005;
const THREAD_ARCHIVED = 50083;
const THREAD_EXISTS = 160004;
const THREAD_LOCKED = 160005;

function apiCode(error: unknown): number | null {
  return error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : null;
}

/** Forum and media channels hold posts (threads), not messages: a story alert opens a post there. */
const isForum = (channel: Pick<APIChannel, 'type'>): boolean => channel.type === ChannelType.GuildForum || channel.type === ChannelType.GuildMedia;

/**
 * Discord through discord.js's REST client (no gateway needed to post). REST does not retry or wait
 * on its own here (`retries: 0`, rate limits rejected): the outbox owns retries. Each part carries a
 * nonce with `enforce_nonce`, so Discord itself drops a re-sent part it already accepted.
 * @see https://discord.com/developers/docs/resources/message#create-message
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): ChatAdapter & { rest: REST } {
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}), retries: 0, rejectOnRateLimit: () => true, timeout: options.timeoutMs ?? 15_000 }).setToken(options.token);
  let gateway: Client | null = null;
  // A channel's type and guild do not change: asked once per channel (forum or not, and for links).
  // A failed lookup is not cached and fails the send like the post would (a rate limit is retried):
  // guessing "text channel" would post wrongly into a forum.
  const channels = new Map<string, Promise<Pick<APIChannel, 'type'> & { guild_id?: string }>>();
  const channelInfo = (channel: string): Promise<Pick<APIChannel, 'type'> & { guild_id?: string }> => {
    let info = channels.get(channel);
    if (!info) {
      info = (rest.get(Routes.channel(channel)) as Promise<APIChannel & { guild_id?: string }>).catch((error: unknown) => {
        channels.delete(channel);
        throw discordDeliveryError(error);
      });
      channels.set(channel, info);
    }
    return info;
  };
  /** Reopen an archived (not locked) thread or forum post. */
  const reopen = (threadId: string): Promise<unknown> => rest.patch(Routes.channel(threadId), { body: { archived: false } });
  const postMessage = async (channel: string, payload: unknown, idempotencyKey: string): Promise<string> => {
    const body = { ...(payload as DiscordPayload), nonce: idempotencyKey.slice(0, 25), enforce_nonce: true };
    return ((await rest.post(Routes.channelMessages(channel), { body })) as RESTPostAPIChannelMessageResult).id;
  };
  return {
    platform: 'discord',
    rest,
    render: (message: ChatMessage) => renderDiscord(message),
    async post(channel, payload, idempotencyKey) {
      try {
        if (!isForum(await channelInfo(channel))) return await postMessage(channel, payload, idempotencyKey);
        // A forum post: its starter message has the post's (thread's) id. Forum posts take no nonce,
        // so a crash between Discord's answer and our record can repeat one post (README, Delivery).
        const { content, embeds, allowed_mentions } = payload as DiscordPayload;
        const name = forumPostName(payload as DiscordPayload);
        const thread = (await rest.post(Routes.threads(channel), { body: { name, message: { content, embeds, allowed_mentions } } })) as { id: string };
        return thread.id;
      } catch (error) {
        throw discordDeliveryError(error);
      }
    },
    async threadOf(channel, messageId, workspace) {
      const info = await channelInfo(channel);
      const guild = info.guild_id ?? workspace;
      // Text channel: a link to the alert, under which the thread shows. Forum: the post itself.
      const url = guild ? (isForum(info) ? `https://discord.com/channels/${guild}/${messageId}` : `https://discord.com/channels/${guild}/${channel}/${messageId}`) : null;
      return { anchorId: messageId, started: isForum(info), url };
    },
    async postInThread(channel, thread, payload, idempotencyKey, title) {
      let current: StoryThread = thread;
      if (!current.started) {
        try {
          // A thread started from a message has that message's id.
          await rest.post(Routes.threads(channel, current.anchorId), { body: { name: title.slice(0, 100), auto_archive_duration: 10080 } });
        } catch (error) {
          const code = apiCode(error);
          if (code === UNKNOWN_MESSAGE) throw new ThreadUnavailableError('the first alert was deleted', { cause: error });
          if (code === MISSING_ACCESS || code === MISSING_PERMISSIONS) throw new ThreadUnavailableError('the bot may not create threads here (Create Public Threads)', { cause: error });
          if (code !== THREAD_EXISTS) throw discordDeliveryError(error);
        }
        current = { ...current, started: true };
      }
      const post = async (): Promise<string> => postMessage(current.anchorId, payload, idempotencyKey);
      try {
        return { messageId: await post(), thread: current };
      } catch (error) {
        const code = apiCode(error);
        if (code === THREAD_ARCHIVED) {
          // An archived (not locked) thread is reopened by the bot, then the update goes in.
          try {
            await reopen(current.anchorId);
            return { messageId: await post(), thread: current };
          } catch (retryError) {
            throw new ThreadUnavailableError('the thread is archived and could not be reopened', { cause: retryError });
          }
        }
        if (code === UNKNOWN_CHANNEL) throw new ThreadUnavailableError('the thread was deleted', { cause: error });
        if (code === THREAD_LOCKED) throw new ThreadUnavailableError('the thread is locked', { cause: error });
        if (code === MISSING_ACCESS || code === MISSING_PERMISSIONS) throw new ThreadUnavailableError('the bot may not post in threads here (Send Messages in Threads)', { cause: error });
        throw discordDeliveryError(error);
      }
    },
    async editMessage(channel, thread, payload) {
      const forum = isForum(await channelInfo(channel));
      const { content, embeds, allowed_mentions } = payload as DiscordPayload;
      // A forum post's starter message lives in the post (thread) itself.
      const edit = (): Promise<unknown> => rest.patch(Routes.channelMessage(forum ? thread.anchorId : channel, thread.anchorId), { body: { content, embeds, allowed_mentions } });
      try {
        await edit();
      } catch (error) {
        const code = apiCode(error);
        if (forum && code === THREAD_ARCHIVED) {
          // Forum posts archive themselves after a quiet spell; reopen it, as for an update.
          try {
            await reopen(thread.anchorId);
            await edit();
            return;
          } catch (retryError) {
            throw new ThreadUnavailableError('the forum post is archived and could not be reopened', { cause: retryError });
          }
        }
        if (forum && code === THREAD_LOCKED) throw new ThreadUnavailableError('the forum post is locked', { cause: error });
        if (code === UNKNOWN_MESSAGE || (forum && code === UNKNOWN_CHANNEL)) throw new ThreadUnavailableError('the first alert was deleted', { cause: error });
        if (code === NOT_AUTHOR) throw new EditRefusedError('Discord will not let the alert be edited (not the bot\'s message)', { cause: error });
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

/** A forum post's title: the embed's title (the headline), else the first line of the content. */
export function forumPostName(payload: DiscordPayload): string {
  const title = payload.embeds[0]?.title ?? payload.content?.split('\n')[0] ?? 'newsbot';
  // Thread names are plain text: every escape the renderer added comes off (a headline "1\. China …").
  return title.replace(/\\([\\*_~`|>#\-[\]().+])/g, '$1').slice(0, 100) || 'newsbot';
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
