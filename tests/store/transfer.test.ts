import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';
import { dropSchemas, postgresAvailable, TEST_PG_URL, uniqueSchema } from '../helpers/postgres.js';

const available = await postgresAvailable();
const schema = uniqueSchema('transfer');
afterAll(() => dropSchemas([schema]));

describe.skipIf(!available)('newsbot export / import: a SQLite store moved to PostgreSQL without loss', () => {
  it('moves feeds, items, matches, stories, subscriptions and delivery history; the copy answers the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbot-transfer-'));
    try {
      const samples = join(process.cwd(), 'config', 'samples');
      writeFileSync(
        join(dir, 'newsbot.yaml'),
        ['feeds:', ...['pacific-wire', 'manila-harbor-times', 'strait-daily', 'tokyo-ledger-ja'].map((f) => `  - url: ${samples}/${f}.xml`), 'subscriptions:', '  - { platform: console, mode: digest, schedule: "* * * * *", postEmpty: true }'].join('\n'),
      );
      const sqlite = { NEWSBOT_CONFIG: join(dir, 'newsbot.yaml'), NEWSBOT_DB: join(dir, 'source.db') };
      // Poll only: a run that delivered could already post a digest, if a minute began while it ran.
      expect((await runCli(['poll', '--once'], sqlite)).code).toBe(0);
      await new Promise((r) => setTimeout(r, 61_000 - (Date.now() % 60_000))); // the next minute: the digest is due
      expect((await runCli(['run', '--once'], sqlite)).stdout).toMatch(/delivery: 1 queued, 1 sent/);

      const exported = await runCli(['export', join(dir, 'dump.jsonl')], sqlite);
      expect(exported.code).toBe(0);
      expect(exported.stdout).toMatch(/^exported .*dump\.jsonl: feeds 4, items 40, item_matches \d+, stories \d+, story_items \d+, subscriptions 1, outbox 1, deliveries 0$/m);

      const postgres = { NEWSBOT_CONFIG: join(dir, 'newsbot.yaml'), NEWSBOT_DB: `${TEST_PG_URL}?schema=${schema}` };
      const imported = await runCli(['import', join(dir, 'dump.jsonl')], postgres);
      expect(imported.stderr).toBe('');
      expect(imported.stdout).toMatch(/^imported .*: feeds 4, items 40, item_matches \d+, stories \d+, story_items \d+, subscriptions 1, outbox 1/m);

      const [source, copy] = await Promise.all([openStore(sqlite.NEWSBOT_DB), openStore(postgres.NEWSBOT_DB)]);
      try {
        expect(await copy.listFeeds()).toEqual(await source.listFeeds());
        expect(await copy.countItems()).toBe(await source.countItems());
        expect(await copy.recentStories('japan-china-taiwan', 0, 100)).toEqual(await source.recentStories('japan-china-taiwan', 0, 100));
        expect(await copy.listSubscriptions()).toEqual(await source.listSubscriptions());
        expect(await copy.listOutbox()).toEqual(await source.listOutbox());
        expect((await copy.searchItems('Takaichi alliance', 10)).map((h) => h.item.id).sort()).toEqual((await source.searchItems('Takaichi alliance', 10)).map((h) => h.item.id).sort());
        // The copy keeps working: new subscriptions get fresh ids after the imported ones.
        const { subscription } = await copy.upsertChatSubscription({ ...(await copy.listSubscriptions())[0]!, channel: 'C-new', origin: undefined } as never, Date.now());
        expect(subscription.id).toBe(2);
      } finally {
        await Promise.all([source.close(), copy.close()]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
