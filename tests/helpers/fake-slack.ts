import type { IncomingMessage, ServerResponse } from 'node:http';
import { startTestServer, type TestServer } from './http-server.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
}

/** What the fake answers to one call: a Slack error, a rate limit, an HTTP status, or silence. */
/** 'accept-hang': posts the message (as Slack would) but never answers: the crash-window case. */
export type SlackFault = { error: string } | { rateLimited: number } | { status: number } | 'hang' | 'reset' | 'accept-hang';

/**
 * A fake Slack Web API on 127.0.0.1 for the real Bolt app / WebClient (`slackApiUrl`). It records
 * every call; `accepted` holds only the messages it answered ok, as Slack would have posted them.
 */
export interface FakeSlack {
  apiUrl: string;
  calls: SlackCall[];
  accepted: SlackCall[];
  /** Faults for the next chat.postMessage calls, in order (a channel may be named to target it). */
  failNext(fault: SlackFault, channel?: string): void;
  /** Channels that always answer channel_not_found. */
  missingChannels: Set<string>;
  /** When set, every call answers this error (a token revoked mid-run: "token_revoked"). */
  revoked: string | null;
  /** Called when a chat.postMessage arrives, before answering. */
  onPost: ((call: SlackCall) => void) | null;
  /** Users that users.info reports as workspace admins. */
  admins: Set<string>;
  /** Messages posted to response URLs (`${responseUrlBase}/<anything>`), newest last. */
  responses: Array<{ path: string; body: Record<string, unknown> }>;
  responseUrlBase: string;
  server: TestServer;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const server = await startTestServer();
  const calls: SlackCall[] = [];
  const accepted: SlackCall[] = [];
  const faults: Array<{ fault: SlackFault; channel: string | undefined }> = [];
  const missingChannels = new Set<string>();
  let sequence = 0;
  const fake: FakeSlack = {
    apiUrl: `${server.url}/api/`,
    calls,
    accepted,
    missingChannels,
    revoked: null,
    failNext: (fault, channel) => void faults.push({ fault, channel }),
    onPost: null,
    admins: new Set(),
    responses: [],
    responseUrlBase: `${server.url}/response`,
    server,
    close: () => server.close(),
  };
  const handler = (method: string) => (req: IncomingMessage, res: ServerResponse, body: string) => {
    const args = parseArgs(req.headers['content-type'] ?? '', body);
    const call: SlackCall = { method, args, token: (req.headers.authorization ?? '').replace(/^Bearer /, '') || undefined };
    calls.push(call);
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
    };
    if (fake.revoked) return json(200, { ok: false, error: fake.revoked });
    if (method === 'auth.test') return json(200, { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'newsbot', team_id: 'T0001', user_id: 'U0BOT', bot_id: 'B0BOT' });
    if (method === 'users.info') {
      const id = String(args.user);
      return json(200, { ok: true, user: { id, name: id.toLowerCase(), is_admin: fake.admins.has(id), is_owner: false, tz: 'Asia/Tokyo' } });
    }
    if (method === 'conversations.history') {
      const channel = String(args.channel);
      const oldest = Number(args.oldest ?? 0);
      const messages = accepted
        .filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && Number(c.args.ts) >= oldest)
        .reverse()
        .map((c) => ({ type: 'message', ts: c.args.ts, text: c.args.text, ...(args.include_all_metadata && c.args.metadata ? { metadata: c.args.metadata } : {}) }));
      return json(200, { ok: true, messages, has_more: false });
    }
    if (method !== 'chat.postMessage') return json(200, { ok: true });
    fake.onPost?.(call);
    const channel = String(args.channel);
    const index = faults.findIndex((f) => f.channel === undefined || f.channel === channel);
    const fault = index >= 0 ? faults.splice(index, 1)[0]!.fault : missingChannels.has(channel) ? { error: 'channel_not_found' } : null;
    if (fault === 'hang') return; // never answers: the client times out or the process dies
    if (fault === 'reset') return void req.socket.destroy(); // connection reset mid-request
    // Slack message timestamps are the current time, seconds.micro-sequence.
    const stamp = `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, '0')}`;
    if (fault === 'accept-hang') {
      accepted.push({ ...call, args: { ...call.args, ts: stamp } });
      return; // posted, but the answer never comes
    }
    if (fault && 'rateLimited' in fault) return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.rateLimited) });
    if (fault && 'status' in fault) return json(fault.status, { ok: false, error: 'internal' });
    if (fault) return json(200, { ok: false, error: fault.error });
    accepted.push({ ...call, args: { ...call.args, ts: stamp } });
    json(200, { ok: true, channel, ts: stamp, message: { text: args.text } });
  };
  for (const method of ['auth.test', 'chat.postMessage', 'chat.update', 'conversations.info', 'conversations.history', 'users.info']) server.route(`/api/${method}`, handler(method));
  server.matchers.push((path, _req, res, body) => {
    if (!path.startsWith('/response/')) return false;
    fake.responses.push({ path, body: JSON.parse(body || '{}') as Record<string, unknown> });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
    return true;
  });
  return fake;
}

/** WebClient sends form-encoded bodies with JSON-encoded structured fields (blocks), or JSON. */
function parseArgs(contentType: string, body: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(body || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? (JSON.parse(value) as unknown) : value;
  }
  return args;
}
