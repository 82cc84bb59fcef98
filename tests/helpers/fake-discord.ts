import type { IncomingMessage, ServerResponse } from 'node:http';
import { startTestServer, type TestServer } from './http-server.js';

export interface DiscordPost {
  channelId: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

export type DiscordFault = { rateLimited: number } | { status: number; code: number; message: string } | 'hang' | 'reset';

/**
 * A fake Discord REST API on 127.0.0.1 for discord.js's REST client (`api` option). It records every
 * message post and, like Discord, drops a repeated post whose nonce it has seen (`enforce_nonce`).
 */
export interface FakeDiscord {
  apiUrl: string;
  posts: DiscordPost[];
  accepted: DiscordPost[];
  failNext(fault: DiscordFault, channelId?: string): void;
  /** Channels that always answer 10003 Unknown Channel. */
  missingChannels: Set<string>;
  /** Forum channels: a post there must open a forum post (thread), as Discord requires. */
  forumChannels: Set<string>;
  /** Threads by id (a thread started from a message has the message's id), with their state. */
  threads: Map<string, { parentId: string; name: string; archived: boolean; locked: boolean; starter?: DiscordPost }>;
  /** Message edits answered ok, in order. */
  edits: Array<{ channelId: string; messageId: string; body: Record<string, unknown> }>;
  /** Delete a message (by id), as a moderator could. */
  deleteMessage(id: string): void;
  /** Channels where the bot lacks permission to start threads (50013). */
  noThreadPermission: Set<string>;
  server: TestServer;
  close(): Promise<void>;
}

/** The guild every fake channel belongs to. */
export const GUILD_ID = '424242424242424242';

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const server = await startTestServer();
  const posts: DiscordPost[] = [];
  const accepted: DiscordPost[] = [];
  const faults: Array<{ fault: DiscordFault; channel: string | undefined }> = [];
  const missingChannels = new Set<string>();
  const byNonce = new Map<string, Record<string, unknown>>();
  const messages = new Map<string, { channelId: string; deleted: boolean }>();
  let snowflake = 1_200_000_000_000_000_000n;
  const fake: FakeDiscord = {
    apiUrl: `${server.url}/api`,
    posts,
    accepted,
    missingChannels,
    forumChannels: new Set(),
    threads: new Map(),
    edits: [],
    deleteMessage: (id) => {
      const message = messages.get(id);
      if (message) message.deleted = true;
    },
    noThreadPermission: new Set(),
    failNext: (fault, channel) => void faults.push({ fault, channel }),
    server,
    close: () => server.close(),
  };
  const channelRoute = /^\/api\/v10\/channels\/(\d+)\/messages$/;
  const handle = (channelId: string, req: IncomingMessage, res: ServerResponse, body: string): void => {
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
    };
    const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
    const post: DiscordPost = { channelId, body: parsed, authorization: req.headers.authorization };
    posts.push(post);
    const index = faults.findIndex((f) => f.channel === undefined || f.channel === channelId);
    const fault = index >= 0 ? faults.splice(index, 1)[0]!.fault : missingChannels.has(channelId) ? { status: 404, code: 10003, message: 'Unknown Channel' } : null;
    if (fault === 'hang') return;
    if (fault === 'reset') return void req.socket.destroy();
    if (fault && 'rateLimited' in fault) {
      return json(429, { message: 'You are being rate limited.', retry_after: fault.rateLimited, global: false }, { 'retry-after': String(Math.ceil(fault.rateLimited)), 'x-ratelimit-scope': 'user' });
    }
    if (fault) return json(fault.status, { message: fault.message, code: fault.code });
    if (fake.forumChannels.has(channelId)) return json(400, { message: 'Cannot send messages in a non-text channel', code: 50008 });
    const thread = fake.threads.get(channelId);
    if (thread?.locked) return json(403, { message: 'Thread is locked', code: 160005 });
    if (thread?.archived) return json(400, { message: 'Thread is archived', code: 50083 });
    const nonce = typeof parsed.nonce === 'string' ? parsed.nonce : null;
    const existing = nonce && parsed.enforce_nonce ? byNonce.get(`${channelId}:${nonce}`) : undefined;
    if (existing) return json(200, existing); // Discord returns the message created with this nonce
    const message = { id: String(snowflake++), channel_id: channelId, content: parsed.content ?? '', embeds: parsed.embeds ?? [], nonce };
    if (nonce) byNonce.set(`${channelId}:${nonce}`, message);
    messages.set(message.id, { channelId, deleted: false });
    accepted.push(post);
    json(200, message);
  };
  const json = (res: ServerResponse, status: number, payload: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
  };
  const unknownChannel = { message: 'Unknown Channel', code: 10003 };
  const unknownMessage = { message: 'Unknown Message', code: 10008 };
  server.matchers.push((path, req, res, body) => {
    const match = channelRoute.exec(path);
    if (!match || req.method !== 'POST') return false;
    handle(match[1]!, req, res, body);
    return true;
  });
  // GET /channels/:id: the channel's type (0 text, 15 forum, 11 public thread) and guild.
  server.matchers.push((path, req, res, body) => {
    const match = /^\/api\/v10\/channels\/(\d+)$/.exec(path);
    if (!match) return false;
    const id = match[1]!;
    if (missingChannels.has(id)) return json(res, 404, unknownChannel), true;
    const thread = fake.threads.get(id);
    if (req.method === 'PATCH') {
      const changes = JSON.parse(body || '{}') as { archived?: boolean };
      if (!thread) return json(res, 404, unknownChannel), true;
      if (thread.locked) return json(res, 403, { message: 'Missing Permissions', code: 50013 }), true;
      if (changes.archived === false) thread.archived = false;
      return json(res, 200, { id, type: 11, guild_id: GUILD_ID, parent_id: thread.parentId, thread_metadata: { archived: thread.archived, locked: thread.locked } }), true;
    }
    const type = thread ? 11 : fake.forumChannels.has(id) ? 15 : 0;
    return json(res, 200, { id, type, guild_id: GUILD_ID }), true;
  });
  // POST /channels/:id/messages/:mid/threads: a thread started from a message (same id).
  // POST /channels/:forum/threads: a forum post, its starter message given in the body.
  server.matchers.push((path, req, res, body) => {
    const match = /^\/api\/v10\/channels\/(\d+)(?:\/messages\/(\d+))?\/threads$/.exec(path);
    if (!match || req.method !== 'POST') return false;
    const [, channelId, messageId] = match as unknown as [string, string, string | undefined];
    const parsed = JSON.parse(body || '{}') as { name?: string; message?: Record<string, unknown> };
    if (missingChannels.has(channelId)) return json(res, 404, unknownChannel), true;
    if (fake.noThreadPermission.has(channelId)) return json(res, 403, { message: 'Missing Permissions', code: 50013 }), true;
    if (messageId !== undefined) {
      const message = messages.get(messageId);
      if (!message || message.deleted || message.channelId !== channelId) return json(res, 404, unknownMessage), true;
      if (fake.threads.has(messageId)) return json(res, 400, { message: 'A thread has already been created for this message', code: 160004 }), true;
      fake.threads.set(messageId, { parentId: channelId, name: parsed.name ?? '', archived: false, locked: false });
      return json(res, 201, { id: messageId, type: 11, guild_id: GUILD_ID, parent_id: channelId, name: parsed.name }), true;
    }
    if (!fake.forumChannels.has(channelId)) return json(res, 400, { message: 'Invalid Form Body', code: 50035 }), true;
    const id = String(snowflake++);
    const starter: DiscordPost = { channelId: id, body: parsed.message ?? {}, authorization: req.headers.authorization };
    posts.push(starter);
    accepted.push(starter);
    messages.set(id, { channelId: id, deleted: false });
    fake.threads.set(id, { parentId: channelId, name: parsed.name ?? '', archived: false, locked: false, starter });
    return json(res, 201, { id, type: 11, guild_id: GUILD_ID, parent_id: channelId, name: parsed.name, message: { id, channel_id: id } }), true;
  });
  // PATCH /channels/:id/messages/:mid: edit a message the bot posted.
  server.matchers.push((path, req, res, body) => {
    const match = /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (!match || req.method !== 'PATCH') return false;
    const [, channelId, messageId] = match as unknown as [string, string, string];
    if (missingChannels.has(channelId)) return json(res, 404, unknownChannel), true;
    const message = messages.get(messageId);
    if (!message || message.deleted || message.channelId !== channelId) return json(res, 404, unknownMessage), true;
    const inThread = fake.threads.get(channelId);
    if (inThread?.locked) return json(res, 403, { message: 'Thread is locked', code: 160005 }), true;
    if (inThread?.archived) return json(res, 400, { message: 'Thread is archived', code: 50083 }), true;
    const parsed = JSON.parse(body || '{}') as Record<string, unknown>;
    fake.edits.push({ channelId, messageId, body: parsed });
    return json(res, 200, { id: messageId, channel_id: channelId, ...parsed }), true;
  });
  return fake;
}
