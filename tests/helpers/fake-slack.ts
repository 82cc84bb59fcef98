import type { IncomingMessage, ServerResponse } from 'node:http';
import { startTestServer, type TestServer } from './http-server.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
}

/** What the fake answers to one call: a Slack error, a rate limit, an HTTP status, or silence. */
export type SlackFault = { error: string } | { rateLimited: number } | { status: number } | 'hang';

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
  let ts = 1_700_000_000;
  const fake: FakeSlack = {
    apiUrl: `${server.url}/api/`,
    calls,
    accepted,
    missingChannels,
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
    if (method === 'auth.test') return json(200, { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'newsbot', team_id: 'T0001', user_id: 'U0BOT', bot_id: 'B0BOT' });
    if (method === 'users.info') {
      const id = String(args.user);
      return json(200, { ok: true, user: { id, name: id.toLowerCase(), is_admin: fake.admins.has(id), is_owner: false, tz: 'Asia/Tokyo' } });
    }
    if (method !== 'chat.postMessage') return json(200, { ok: true });
    fake.onPost?.(call);
    const channel = String(args.channel);
    const index = faults.findIndex((f) => f.channel === undefined || f.channel === channel);
    const fault = index >= 0 ? faults.splice(index, 1)[0]!.fault : missingChannels.has(channel) ? { error: 'channel_not_found' } : null;
    if (fault === 'hang') return; // never answers: the client times out or the process dies
    if (fault && 'rateLimited' in fault) return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.rateLimited) });
    if (fault && 'status' in fault) return json(fault.status, { ok: false, error: 'internal' });
    if (fault) return json(200, { ok: false, error: fault.error });
    accepted.push(call);
    json(200, { ok: true, channel, ts: `${ts++}.000100`, message: { text: args.text } });
  };
  for (const method of ['auth.test', 'chat.postMessage', 'chat.update', 'conversations.info', 'users.info']) server.route(`/api/${method}`, handler(method));
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
