import type { ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import type { FakeDiscord } from './fake-discord.js';

export interface InteractionCall {
  kind: 'callback' | 'edit-original' | 'follow-up';
  path: string;
  body: Record<string, unknown>;
}

/**
 * A fake Discord gateway for the real discord.js Client: HELLO, IDENTIFY → READY, heartbeats
 * acknowledged, and INTERACTION_CREATE events on demand. Interaction callbacks, edits and
 * follow-ups arrive on the fake REST API and are recorded in `interactionCalls`.
 */
export interface FakeGateway {
  identified: Promise<void>;
  registeredCommands: Array<{ path: string; body: unknown }>;
  interactionCalls: InteractionCall[];
  /** A Discord error to answer an interaction edit or follow-up with instead of posting it (then not recorded); null posts it. */
  webhookFault: ((call: InteractionCall) => { status: number; code: number; message: string } | null) | null;
  /** Deliver a /news interaction; resolves with the interaction id. */
  dispatchNews(options: { channelId: string; guildId: string; userId: string; manageChannels: boolean; subcommand: string; group?: string; options?: Array<{ name: string; type: number; value: unknown }> }): string;
  dispatch(event: string, data: unknown): void;
  close(): Promise<void>;
}

export async function attachFakeGateway(discord: FakeDiscord, applicationId: string): Promise<FakeGateway> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  let socket: WebSocket | null = null;
  let sequence = 0;
  let interactionNumber = 0;
  let markIdentified: () => void = () => undefined;
  const identified = new Promise<void>((resolve) => (markIdentified = resolve));
  const registeredCommands: FakeGateway['registeredCommands'] = [];
  const interactionCalls: InteractionCall[] = [];

  wss.on('connection', (ws) => {
    socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const payload = JSON.parse(raw.toString()) as { op: number; d: unknown };
      if (payload.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) {
        send('READY', {
          v: 10,
          user: { id: applicationId, username: 'newsbot', discriminator: '0', global_name: null, avatar: null, bot: true },
          guilds: [],
          session_id: 'fake-session',
          resume_gateway_url: wsUrl,
          application: { id: applicationId, flags: 0 },
        });
        markIdentified();
      }
    });
  });

  const send = (event: string, data: unknown): void => {
    socket?.send(JSON.stringify({ op: 0, t: event, s: ++sequence, d: data }));
  };

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    if (status === 204) return void res.writeHead(204).end(); // no body, and so no content type, as Discord does
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  discord.server.route('/api/v10/gateway/bot', (_req, res) => json(res, 200, { url: wsUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } }));
  discord.server.matchers.push((path, req, res, body) => {
    const parsed = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (/^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path) && req.method === 'PUT') {
      registeredCommands.push({ path, body: parsed });
      json(res, 200, (parsed as unknown as unknown[]).map((command, i) => ({ ...(command as object), id: String(9000 + i), application_id: applicationId, version: '1' })));
      return true;
    }
    if (/^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      interactionCalls.push({ kind: 'callback', path, body: parsed });
      json(res, 204, null);
      return true;
    }
    const webhook = /^\/api\/v10\/webhooks\/\d+\/([^/]+)(\/messages\/(?:@|%40)original)?$/.exec(path);
    if (webhook) {
      const call: InteractionCall = { kind: webhook[2] ? 'edit-original' : 'follow-up', path, body: parsed };
      const fault = gateway.webhookFault?.(call) ?? null;
      if (fault) return json(res, fault.status, { message: fault.message, code: fault.code }), true;
      interactionCalls.push(call);
      json(res, 200, { id: String(7_000_000 + interactionCalls.length), channel_id: '0', content: parsed.content ?? '', embeds: parsed.embeds ?? [], type: 0, author: { id: applicationId, username: 'newsbot', discriminator: '0', bot: true } });
      return true;
    }
    return false;
  });

  const gateway: FakeGateway = {
    identified,
    registeredCommands,
    interactionCalls,
    webhookFault: null,
    dispatch: send,
    dispatchNews({ channelId, guildId, userId, manageChannels, subcommand, group, options = [] }) {
      const id = String(1_300_000_000_000_000_000n + BigInt(++interactionNumber));
      const sub = { name: subcommand, type: 1, options };
      send('INTERACTION_CREATE', {
        id,
        application_id: applicationId,
        type: 2,
        token: `interaction-token-${interactionNumber}`,
        version: 1,
        guild_id: guildId,
        channel_id: channelId,
        channel: { id: channelId, type: 0, guild_id: guildId, name: 'news' },
        member: {
          user: { id: userId, username: `user${userId}`, discriminator: '0', global_name: null, avatar: null },
          roles: [],
          permissions: manageChannels ? String(1n << 4n) : '0',
          joined_at: '2024-01-01T00:00:00.000Z',
          deaf: false,
          mute: false,
          flags: 0,
        },
        app_permissions: '0',
        locale: 'en-US',
        guild_locale: 'en-US',
        entitlements: [],
        authorizing_integration_owners: { '0': guildId },
        context: 0,
        data: { id: '9000', name: 'news', type: 1, options: [group ? { name: group, type: 2, options: [sub] } : sub] },
      });
      return id;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
  return gateway;
}
