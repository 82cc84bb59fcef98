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
  /**
   * An HTTP status for a post to a response URL to answer instead of 200 (it is then not recorded
   * in `responses`), given how many that URL has taken already; null answers ok.
   */
  responseFault: ((path: string, taken: number) => number | null) | null;
  /** chat.update calls answered ok, in order. */
  updates: SlackCall[];
  /** Delete a posted message (by ts), as a user could: chat.update then answers message_not_found. */
  deleteMessage(ts: string): void;
  /** Messages chat.update must refuse with this error (e.g. "edit_window_closed"), by ts. */
  editRefusals: Map<string, string>;
  server: TestServer;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const server = await startTestServer();
  const calls: SlackCall[] = [];
  const accepted: SlackCall[] = [];
  const faults: Array<{ fault: SlackFault; channel: string | undefined }> = [];
  const missingChannels = new Set<string>();
  const deleted = new Set<string>();
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
    responseFault: null,
    updates: [],
    deleteMessage: (ts) => void deleted.add(ts),
    editRefusals: new Map(),
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
    const posted = (ts: unknown): SlackCall | undefined => accepted.find((c) => c.method === 'chat.postMessage' && c.args.ts === ts && !deleted.has(String(ts)));
    if (method === 'conversations.history' || method === 'conversations.replies') {
      // history: the channel's top-level messages; replies: a thread's parent and its replies.
      const channel = String(args.channel);
      const oldest = Number(args.oldest ?? 0);
      const inScope = (c: SlackCall): boolean =>
        method === 'conversations.history' ? c.args.thread_ts === undefined : c.args.ts === args.ts || c.args.thread_ts === args.ts;
      const messages = accepted
        .filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && Number(c.args.ts) >= oldest && inScope(c) && !deleted.has(String(c.args.ts)))
        .reverse()
        .map((c) => ({ type: 'message', ts: c.args.ts, text: c.args.text, ...(args.include_all_metadata && c.args.metadata ? { metadata: c.args.metadata } : {}) }));
      return json(200, { ok: true, messages, has_more: false });
    }
    if (method === 'chat.getPermalink') {
      if (!posted(args.message_ts)) return json(200, { ok: false, error: 'message_not_found' });
      return json(200, { ok: true, channel: args.channel, permalink: `https://fake.slack.test/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}` });
    }
    if (method === 'chat.update') {
      const refusal = fake.editRefusals.get(String(args.ts));
      if (refusal) return json(200, { ok: false, error: refusal });
      const original = posted(args.ts);
      if (!original || original.args.channel !== args.channel) return json(200, { ok: false, error: 'message_not_found' });
      fake.updates.push(call);
      return json(200, { ok: true, channel: args.channel, ts: args.ts, text: args.text });
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
    // A reply needs its parent; one to a deleted message has nowhere to go.
    if (args.thread_ts !== undefined && !posted(args.thread_ts)) return json(200, { ok: false, error: 'thread_not_found' });
    accepted.push({ ...call, args: { ...call.args, ts: stamp } });
    json(200, { ok: true, channel, ts: stamp, message: { text: args.text } });
  };
  for (const method of ['auth.test', 'chat.postMessage', 'chat.update', 'chat.getPermalink', 'conversations.info', 'conversations.history', 'conversations.replies', 'users.info']) server.route(`/api/${method}`, handler(method));
  server.matchers.push((path, _req, res, body) => {
    if (!path.startsWith('/response/')) return false;
    const status = fake.responseFault?.(path, fake.responses.filter((r) => r.path === path).length) ?? null;
    if (status !== null) return void res.writeHead(status, { 'content-type': 'text/plain' }).end('failed'), true;
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
