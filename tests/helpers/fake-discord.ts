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
  server: TestServer;
  close(): Promise<void>;
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const server = await startTestServer();
  const posts: DiscordPost[] = [];
  const accepted: DiscordPost[] = [];
  const faults: Array<{ fault: DiscordFault; channel: string | undefined }> = [];
  const missingChannels = new Set<string>();
  const byNonce = new Map<string, Record<string, unknown>>();
  let snowflake = 1_200_000_000_000_000_000n;
  const fake: FakeDiscord = {
    apiUrl: `${server.url}/api`,
    posts,
    accepted,
    missingChannels,
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
    const nonce = typeof parsed.nonce === 'string' ? parsed.nonce : null;
    const existing = nonce && parsed.enforce_nonce ? byNonce.get(`${channelId}:${nonce}`) : undefined;
    if (existing) return json(200, existing); // Discord returns the message created with this nonce
    const message = { id: String(snowflake++), channel_id: channelId, content: parsed.content ?? '', embeds: parsed.embeds ?? [], nonce };
    if (nonce) byNonce.set(`${channelId}:${nonce}`, message);
    accepted.push(post);
    json(200, message);
  };
  server.matchers.push((path, req, res, body) => {
    const match = channelRoute.exec(path);
    if (!match || req.method !== 'POST') return false;
    handle(match[1]!, req, res, body);
    return true;
  });
  return fake;
}
