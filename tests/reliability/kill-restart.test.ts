import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { backlogItem, DISTINCT_EVENTS, OUTLET_FEEDS, OUTLET_NAMES, serveOutletFeeds, type OutletFeed } from '../helpers/seed-feeds.js';
import type { TestItem } from '../helpers/feeds.js';
import { CLI, runCli } from '../helpers/cli.js';

const RUNS = 50;

/** A small deterministic generator, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

const OUTLETS_FOR = (run: number): OutletFeed => OUTLET_FEEDS[(run + Math.floor(run / DISTINCT_EVENTS.length)) % OUTLET_FEEDS.length]!;

export interface KillStats {
  runs: number;
  killed: number;
  finished: number;
}

/** When the earliest message still to send (for a subscription that is sending) is due, or null when none is. */
function nextRetryAt(path: string): number | null {
  const db = new Database(path, { readonly: true });
  try {
    const row = db.prepare("SELECT MIN(o.next_attempt_at) AS due FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id WHERE o.status = 'pending' AND s.status = 'active'").get() as { due: number | null };
    return row.due;
  } finally {
    db.close();
  }
}

describe('kill -9 at random points of poll-and-deliver runs, then a clean run', () => {
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let feedServer: TestServer;
  let feeds: ReturnType<typeof serveOutletFeeds>;
  let dir: string;
  let env: Record<string, string>;
  const stats: KillStats = { runs: 0, killed: 0, finished: 0 };

  beforeAll(async () => {
    [slack, discord, feedServer] = await Promise.all([startFakeSlack(), startFakeDiscord(), startTestServer()]);
    feeds = serveOutletFeeds(feedServer);
    dir = mkdtempSync(join(tmpdir(), 'newsbot-kill-'));
    writeFileSync(
      join(dir, 'newsbot.yaml'),
      [
        'feeds:',
        ...OUTLET_FEEDS.map((f) => `  - url: ${feeds.urls[f]}\n    name: ${OUTLET_NAMES[f]}`),
        'subscriptions:',
        '  - { platform: slack, channel: CKILL, mode: alert, settle: 0s, updateEvery: 0s }',
        '  - { platform: discord, channel: "3030", mode: alert, settle: 0s, updateEvery: 0s }',
      ].join('\n'),
    );
    env = {
      NEWSBOT_CONFIG: join(dir, 'newsbot.yaml'),
      NEWSBOT_DB: join(dir, 'newsbot.db'),
      SLACK_BOT_TOKEN: 'xoxb-kill',
      SLACK_SIGNING_SECRET: 'kill-secret',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN: 'discord-kill',
      DISCORD_APPLICATION_ID: '77',
      DISCORD_API_URL: discord.apiUrl,
    };
  });
  afterAll(async () => {
    await Promise.all([slack.close(), discord.close(), feedServer.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`survives ${RUNS} kills: store consistent, every story delivered exactly once per channel`, async () => {
    const random = seeded(20260127);
    const start = Date.now();
    const published = new Map<OutletFeed, TestItem[]>(OUTLET_FEEDS.map((f) => [f, [backlogItem(f, start)]]));
    for (const [feed, items] of published) feeds.publish(feed, items);
    expect((await runCli(['run', '--once', '--all'], env)).code).toBe(0); // first poll: the backlog
    // How long a run takes on this machine (start-up, a poll with nothing new, delivery): kills are
    // drawn within it, so they land at random points of real work however fast the machine is.
    const idleStart = Date.now();
    expect((await runCli(['run', '--once', '--all'], env)).code).toBe(0);
    const runMs = Date.now() - idleStart;

    for (let run = 0; run < RUNS; run++) {
      // An outlet publishes a new report before each run.
      const feed = OUTLETS_FOR(run);
      const [title, description] = DISTINCT_EVENTS[run % DISTINCT_EVENTS.length]!;
      const item: TestItem = {
        title: run < DISTINCT_EVENTS.length ? title : `${title}, officials say`,
        link: `https://${feed}.example/run-${run}`,
        guid: `${feed}-run-${run}`,
        pubDate: new Date(Date.now() - 60_000).toUTCString(),
        description,
      };
      published.set(feed, [item, ...published.get(feed)!]);
      feeds.publish(feed, published.get(feed)!);

      const child = spawn(process.execPath, [CLI, 'run', '--once', '--all'], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      const delay = 50 + Math.floor(random() * Math.max(200, runMs * 0.9));
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const signal = await exited;
      clearTimeout(timer);
      stats.runs++;
      if (signal === 'SIGKILL') stats.killed++;
      else stats.finished++;
    }

    // Clean runs until one finds nothing to do and nothing is left to retry. The first finishes
    // whatever the kills left; a message that failed (the fake Discord's rate limit, a run killed
    // mid-send) waits for its retry time, which a run before then does not see: a quiet run alone
    // is not the end while such a message is pending.
    let cleanRuns = 0;
    for (let idle = false; !idle; ) {
      expect(cleanRuns++).toBeLessThan(6);
      const clean = await runCli(['run', '--once', '--all'], env);
      expect(clean.code).toBe(0);
      const retryAt = nextRetryAt(join(dir, 'newsbot.db'));
      idle = /delivery: 0 queued, 0 sent, 0 retrying, 0 failed/.test(clean.stdout) && retryAt === null;
      const wait = retryAt !== null ? Math.min(Math.max(retryAt - Date.now(), 0) + 500, 30_000) : cleanRuns > 1 ? 6_000 : 0;
      if (!idle && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }

    const db = new Database(join(dir, 'newsbot.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const unsent = db.prepare("SELECT o.id, o.kind, o.story_id, o.attempts, o.next_attempt_at, o.claimed_until, o.last_error, s.platform, s.status AS subscription_status, s.status_reason FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id WHERE o.status != 'sent'").all();
      expect({ n: unsent.length }, JSON.stringify({ now: Date.now(), unsent })).toEqual({ n: 0 });
      const stories = (db.prepare('SELECT id FROM stories').all() as Array<{ id: string }>).map((s) => s.id).sort();
      expect(stories.length).toBeGreaterThanOrEqual(12); // 25 events; same-kind events in one hour may share a story
      // No report lost between being stored and being clustered: a run killed in between leaves
      // them pending, and the next run clusters them.
      expect(db.prepare('SELECT COUNT(*) AS n FROM items WHERE pending IS NOT NULL').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT item_id FROM item_matches WHERE relevant = 1 AND item_id NOT IN (SELECT item_id FROM story_items)').all()).toEqual([]);
      expect((db.prepare('SELECT COUNT(*) AS n FROM item_matches WHERE relevant = 1').get() as { n: number }).n).toBeGreaterThanOrEqual(25);

      const alertIds = (texts: string[]): string[] => texts.map((t) => /story #(\d+)/.exec(t)?.[1] ?? '?').sort();
      const slackAlerts = slack.accepted.filter((c) => c.method === 'chat.postMessage' && String(c.args.text).startsWith('New story:'));
      const discordAlerts = discord.accepted.filter((p) => String(p.body.content).startsWith('**New story**'));
      // Exactly once: each story's alert once per channel, no story missing, nothing else duplicated.
      expect(alertIds(slackAlerts.map((c) => JSON.stringify(c.args.blocks)))).toEqual(stories);
      expect(alertIds(discordAlerts.map((p) => JSON.stringify(p.body.embeds)))).toEqual(stories);
      const slackAll = slack.accepted.filter((c) => c.method === 'chat.postMessage').map((c) => JSON.stringify(c.args.metadata));
      expect(new Set(slackAll).size).toBe(slackAll.length);
      const discordAll = discord.accepted.map((p) => String(p.body.nonce));
      expect(new Set(discordAll).size).toBe(discordAll.length);
      console.log(`kill -9 reliability: ${stats.runs} runs (a run takes ~${runMs} ms), ${cleanRuns} clean runs after, ${stats.killed} killed, ${stats.finished} finished; ${stories.length} stories; ${slackAll.length} Slack and ${discordAll.length} Discord messages; duplicates 0; lost 0`);
    } finally {
      db.close();
    }
    expect(stats.killed).toBeGreaterThanOrEqual(RUNS / 2);
  }, 300_000);
});
