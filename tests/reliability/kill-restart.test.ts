import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.js';
import { backlogItem, OUTLET_FEEDS, OUTLET_NAMES, serveOutletFeeds, type OutletFeed } from '../helpers/seed-feeds.js';
import type { TestItem } from '../helpers/feeds.js';
import { CLI, runCli } from '../helpers/cli.js';

const RUNS = 50;

/** A small deterministic generator, so a failing run can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

/** Twenty-five different events; each is reported twice, by two outlets (an alert, then an update). */
const EVENTS: Array<[string, string]> = [
  ['Chinese coast guard ships enter Senkaku territorial waters', 'Four China Coast Guard vessels stayed two hours; Tokyo lodged a protest.'],
  ['PLA launches live-fire drills east of Taiwan', 'The Eastern Theater Command closed six zones; Taipei scrambled jets.'],
  ['Beijing summons Japanese ambassador Kanasugi over Diet remarks', 'Vice minister Sun Weidong demanded a retraction.'],
  ['Japan deploys surface-to-air missiles on Yonaguni', 'Defence minister Koizumi said the unit would be ready by March.'],
  ['China restricts gallium and germanium exports to Japanese buyers', 'The commerce ministry listed twelve companies.'],
  ['Chinese court sentences Astellas employee for espionage', 'Tokyo called the three-and-a-half-year term unacceptable.'],
  ['Taiwan president Lai meets Japanese lawmakers in Taipei', 'The delegation of eight discussed semiconductor supply chains.'],
  ['Two Chinese aircraft carriers sail beyond the second island chain', 'The Liaoning and Shandong operated near Minamitorishima.'],
  ['China halts imports of Japanese scallops again', 'Customs cited missing documents for Hokkaido shipments.'],
  ['Chinese drone flies between Yonaguni and Taiwan', 'The ASDF scrambled fighters over the East China Sea.'],
  ['Japanese schoolboy stabbed in Shenzhen dies', 'Beijing called it an isolated case; Tokyo asked for safety measures.'],
  ['Kinmen coast guard boards Chinese fishing boat', 'Taiwan Coast Guard Administration said the crew of five was detained.'],
  ['China tells students to reconsider studying in Japan', 'The education ministry cited recent attacks on Chinese nationals.'],
  ['Japan and Taiwan hold maritime rescue exercise off Okinawa', 'Coast guard cutters from both sides joined for the first time.'],
  ['Chinese consul general in Osaka deletes post on Takaichi', 'Tokyo demanded an explanation over the remark.'],
  ['PLA aircraft cross the Taiwan Strait median line, 45 sorties', 'Taiwan defence ministry tracked J-16 fighters and H-6 bombers.'],
  ['China suspends visa-free entry for Japanese travellers', 'The foreign ministry said the pause starts on Monday.'],
  ['Japanese destroyer transits the Taiwan Strait', 'The Akizuki sailed north with an Australian frigate.'],
  ['Beijing sanctions former Japanese defence chief over Taipei visit', 'The measures freeze assets held in China.'],
  ['Chinese research ship surveys inside Japan EEZ near Okinotori', 'The Japan Coast Guard warned it by radio.'],
  ['Taiwan bans Chinese ride-hailing app over data concerns', 'The Mainland Affairs Council cited national security.'],
  ['Japan protests Chinese buoy placed near Senkaku Islands', 'The buoy sits inside Japan exclusive economic zone.'],
  ['China cancels flights to Japan as travel advisory bites', 'Air China and China Eastern cut forty routes.'],
  ['Japan prime minister calls Xi for talks on rare earths', 'The call lasted thirty minutes, Kyodo reported.'],
  ['Chinese fighter locks radar on Japanese patrol plane', 'The incident over the Pacific lasted three minutes.'],
];
const OUTLETS_FOR = (run: number): OutletFeed => OUTLET_FEEDS[(run + Math.floor(run / EVENTS.length)) % OUTLET_FEEDS.length]!;

export interface KillStats {
  runs: number;
  killed: number;
  finished: number;
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

    for (let run = 0; run < RUNS; run++) {
      // An outlet publishes a new report before each run.
      const feed = OUTLETS_FOR(run);
      const [title, description] = EVENTS[run % EVENTS.length]!;
      const item: TestItem = {
        title: run < EVENTS.length ? title : `${title}, officials say`,
        link: `https://${feed}.example/run-${run}`,
        guid: `${feed}-run-${run}`,
        pubDate: new Date(Date.now() - 60_000).toUTCString(),
        description,
      };
      published.set(feed, [item, ...published.get(feed)!]);
      feeds.publish(feed, published.get(feed)!);

      const child = spawn(process.execPath, [CLI, 'run', '--once', '--all'], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      const delay = 100 + Math.floor(random() * 1_400);
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const signal = await exited;
      clearTimeout(timer);
      stats.runs++;
      if (signal === 'SIGKILL') stats.killed++;
      else stats.finished++;
    }

    // Clean runs: the first finishes whatever the kills left; the second must find nothing to do.
    const clean = await runCli(['run', '--once', '--all'], env);
    expect(clean.code).toBe(0);
    const idle = await runCli(['run', '--once', '--all'], env);
    expect(idle.stdout).toMatch(/delivery: 0 queued, 0 sent, 0 retrying, 0 failed/);

    const db = new Database(join(dir, 'newsbot.db'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status != 'sent'").get()).toEqual({ n: 0 });
      const stories = (db.prepare('SELECT id FROM stories').all() as Array<{ id: string }>).map((s) => s.id).sort();
      expect(stories.length).toBeGreaterThanOrEqual(12); // 25 events; same-kind events in one hour may share a story

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
      console.log(`kill -9 reliability: ${stats.runs} runs, ${stats.killed} killed, ${stats.finished} finished; ${stories.length} stories; ${slackAll.length} Slack and ${discordAll.length} Discord messages; duplicates 0; lost 0`);
    } finally {
      db.close();
    }
    expect(stats.killed).toBeGreaterThanOrEqual(RUNS / 2);
  }, 300_000);
});
