import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/load.js';
import { readEnvironment } from '../../src/config/env.js';
import { createChatAdapters } from '../../src/chat/create-adapters.js';
import { createSlackAdapter } from '../../src/chat/slack/adapter.js';
import { startTestServer, type TestServer } from './http-server.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { backlogItem, OUTLET_FEEDS, OUTLET_NAMES, seedReports, serveOutletFeeds, type OutletFeed } from './seed-feeds.js';

/** 08:00 in Tokyo on Jan 27, 2026: digest subscriptions "0 8 * * *" in Asia/Tokyo are due then. */
export const T0 = Date.UTC(2026, 0, 26, 23, 0);

/**
 * The real app with the real Bolt and discord.js clients, pointed at fake Slack and Discord APIs
 * and four outlets' feeds on 127.0.0.1, with a clock the test moves. Each feed's first poll (a
 * backlog) is done.
 */
export interface DeliveryFixture {
  app: App;
  slack: FakeSlack;
  discord: FakeDiscord;
  feeds: ReturnType<typeof serveOutletFeeds>;
  clock: number;
  /** Three outlets report the seed event; after polling, the settle delay passes and delivery runs. */
  alertSeedStory(): Promise<void>;
  /** A fourth outlet reports it too; after polling, the batched update becomes due and delivery runs. */
  fourthOutletReports(): Promise<void>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  /** Config lines under `subscriptions:`. */
  subscriptions: string[];
  /** Outlet facts per feed (`{ country: JP, kind: public }`). */
  outlets?: Partial<Record<OutletFeed, string>>;
  location: (dir: string) => string;
  /** Before the app starts (e.g. fake channels that are missing or forums). */
  prepare?: (fakes: { slack: FakeSlack; discord: FakeDiscord }) => void;
  /** A short Slack request timeout, for tests where Slack never answers. */
  slackTimeoutMs?: number;
}

export async function startDeliveryFixture(options: FixtureOptions): Promise<DeliveryFixture> {
  const [slack, discord, feedServer] = await Promise.all([startFakeSlack(), startFakeDiscord(), startTestServer()]) as [FakeSlack, FakeDiscord, TestServer];
  const feeds = serveOutletFeeds(feedServer);
  options.prepare?.({ slack, discord });
  const dir = mkdtempSync(join(tmpdir(), 'newsbot-delivery-'));
  const configPath = join(dir, 'newsbot.yaml');
  const feedLines = OUTLET_FEEDS.map((feed) => {
    const outlet = options.outlets?.[feed];
    return `  - url: ${feeds.urls[feed]}\n    name: ${OUTLET_NAMES[feed]}${outlet ? `\n    outlet: ${outlet}` : ''}`;
  });
  writeFileSync(configPath, ['feeds:', ...feedLines, 'subscriptions:', ...options.subscriptions.map((line) => `  - ${line}`)].join('\n'));
  const logger = pino({ level: 'silent' });
  const env = readEnvironment({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    DISCORD_TOKEN: 'discord-test-token',
    DISCORD_APPLICATION_ID: '999',
    DISCORD_API_URL: discord.apiUrl,
    NEWSBOT_DB: options.location(dir),
  });
  const fixture: DeliveryFixture = {
    app: undefined as unknown as App,
    slack,
    discord,
    feeds,
    clock: T0,
    async alertSeedStory() {
      const reports = seedReports(T0 + 60 * 60_000);
      for (const feed of ['wire', 'daily', 'agence'] as const) feeds.publish(feed, [backlogItem(feed, T0), reports[feed]]);
      fixture.clock = T0 + 60 * 60_000;
      await fixture.app.pollOnce({ force: true });
      fixture.clock += 3 * 60_000;
      await fixture.app.deliver();
    },
    async fourthOutletReports() {
      feeds.publish('fourth', [backlogItem('fourth', T0), seedReports(T0 + 60 * 60_000).fourth]);
      fixture.clock += 2 * 60_000;
      await fixture.app.pollOnce({ force: true });
      fixture.clock += 10 * 60_000;
      await fixture.app.deliver();
    },
    async close() {
      await fixture.app.shutdown();
      await Promise.all([slack.close(), discord.close(), feedServer.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const adapters = createChatAdapters(env, logger, new PassThrough());
  if (options.slackTimeoutMs !== undefined && env.slack) adapters.set('slack', createSlackAdapter({ ...env.slack, port: env.port, logger, timeoutMs: options.slackTimeoutMs }));
  fixture.app = await createApp(loadConfig(configPath, env), logger, { now: () => fixture.clock, adapters });
  for (const feed of OUTLET_FEEDS) feeds.publish(feed, [backlogItem(feed, T0)]);
  await fixture.app.pollOnce();
  return fixture;
}
