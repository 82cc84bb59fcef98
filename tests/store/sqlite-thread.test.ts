import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStoreOnThread, sqliteThreadAvailable } from '../../src/store/sqlite/thread.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { StoreError } from '../../src/errors.js';
import type { Store } from '../../src/store/types.js';
import { item, runStoreContract } from './contract.js';
import { nextCall, type StoreCall } from '../../src/store/sqlite/thread-protocol.js';

// The worker is compiled JavaScript: tests/global-setup.ts builds dist/ before any test runs.
const WORKER = pathToFileURL(resolve('dist/store/sqlite/thread-worker.js'));
const dir = mkdtempSync(join(tmpdir(), 'newsbot-sqlite-thread-'));
let counter = 0;
const paths = new WeakMap<object, string>();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runStoreContract('SQLite on its own thread', {
  async create() {
    const path = join(dir, `store-${counter++}.db`);
    const store = await openSqliteStoreOnThread(path, WORKER);
    paths.set(store, path);
    return store;
  },
  async reopen(store) {
    const path = paths.get(store)!;
    await store.close();
    const reopened = await openSqliteStoreOnThread(path, WORKER);
    paths.set(reopened, path);
    return reopened;
  },
});

const FEED = 'https://wire.example/feed.xml';
const T0 = Date.UTC(2026, 0, 27);
const success = (at: number) => ({ at, etag: null, lastModified: null, nextDueAt: at + 600_000 });

describe('SQLite on its own thread', () => {
  it('is what the app opens from dist/, and not from src/ (its script is compiled JavaScript)', () => {
    expect(sqliteThreadAvailable(WORKER)).toBe(true);
    expect(sqliteThreadAvailable(new URL('./no-such-worker.js', WORKER))).toBe(false);
  });

  it('answers calls in the order they were made: a read issued right after unawaited writes sees them all', async () => {
    const store = await openSqliteStoreOnThread(join(dir, 'order.db'), WORKER);
    await store.syncConfiguredFeeds([{ url: FEED }], T0);
    const writes = Array.from({ length: 20 }, (_, i) => store.recordFeedSuccess(FEED, success(T0 + i), [item({ id: `order-${i}` })]));
    const count = store.countItems(); // not awaited after the writes: queued behind them
    expect(await count).toBe(20);
    expect((await Promise.all(writes)).map((fresh) => fresh.length)).toEqual(Array(20).fill(1));
    await store.close();
  });

  it('lets a feed\'s item write overtake queued story and verdict writes, and nothing else', () => {
    const calls = (...methods: string[]): StoreCall[] => methods.map((method, id) => ({ id, method, args: [] }));
    const order = (waiting: StoreCall[]): string[] => {
      const taken: string[] = [];
      for (let call = nextCall(waiting); call; call = nextCall(waiting)) taken.push(`${call.method}#${call.id}`);
      return taken;
    };
    expect(order(calls('saveMatches', 'saveStoryAssignments', 'recordFeedSuccesses', 'getStory', 'recordFeedSuccesses'))).toEqual([
      'recordFeedSuccesses#2', // ahead of the story writes…
      'saveMatches#0',
      'saveStoryAssignments#1',
      'getStory#3', // …but a read still sees every write made before it
      'recordFeedSuccesses#4',
    ]);
    expect(order(calls('saveMatches', 'claimDueFeeds', 'recordFeedSuccesses'))).toEqual(['saveMatches#0', 'claimDueFeeds#1', 'recordFeedSuccesses#2']);
  });

  it('keeps every story write when feed writes overtake them: stories saved while feeds keep arriving are all there', async () => {
    const store = await openSqliteStoreOnThread(join(dir, 'overtake.db'), WORKER);
    await store.syncConfiguredFeeds([{ url: FEED }], T0);
    await store.recordFeedSuccess(FEED, success(T0), [item({ id: 'h0' })]);
    const writes: Array<Promise<unknown>> = [];
    for (let i = 1; i <= 30; i++) {
      writes.push(store.saveStoryAssignments([{ storyId: String(i), created: true, topic: 't', itemId: 'h0', sourceKey: 'wire', eventTime: T0, score: 3, backlog: false, at: T0 + i }]));
      writes.push(store.recordFeedSuccess(FEED, success(T0 + i), [item({ id: `h${i}` })]));
    }
    const last = store.recentStories('t', 0, 100); // queued after all of them
    await Promise.all(writes);
    expect((await last).map((s) => s.id).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1)));
    expect(await store.countItems()).toBe(31);
    await store.close();
  });

  it('hands back the new items of each feed as the in-thread store does (duplicates within a feed and across calls dropped)', async () => {
    const polls = (at: number) => [
      { url: FEED, success: success(at), items: [item({ id: 'a' }), item({ id: 'b' }), item({ id: 'a', title: 'a again' })] },
      { url: FEED, success: success(at), items: [item({ id: 'b' }), item({ id: 'c' })] },
    ];
    const results: Array<Array<Array<{ id: string; title: string; firstSeen: number }>>> = [];
    for (const store of [openSqliteStore(join(dir, 'same-plain.db')), await openSqliteStoreOnThread(join(dir, 'same-thread.db'), WORKER)] as Store[]) {
      await store.syncConfiguredFeeds([{ url: FEED }], T0);
      const first = await store.recordFeedSuccesses(polls(T0));
      const second = await store.recordFeedSuccesses(polls(T0 + 1));
      results.push([...first, ...second].map((fresh) => fresh.map(({ id, title, firstSeen }) => ({ id, title, firstSeen }))));
      await store.close();
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[1]!.map((fresh) => fresh.map((i) => i.id))).toEqual([['a', 'b'], ['c'], [], []]);
  });

  it('folds the write-ahead log into the database once it rests, not while calls keep coming', async () => {
    const path = join(dir, 'rest.db');
    const walBytes = (): number => statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    const store = await openSqliteStoreOnThread(path, WORKER);
    await store.syncConfiguredFeeds([{ url: FEED }], T0);
    const summary = 'Coast guard vessels entered the contiguous zone again. '.repeat(20);
    // Writes 100 ms apart for a second: never a rest long enough, so the log only grows.
    let previous = 0;
    for (let i = 0; i < 10; i++) {
      await store.recordFeedSuccess(FEED, success(T0 + i), Array.from({ length: 20 }, (_, n) => item({ id: `rest-${i}-${n}`, summary })));
      expect(walBytes()).toBeGreaterThan(previous);
      previous = walBytes();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // At rest: the log is checkpointed and emptied while the store stays open, and nothing is lost.
    await expect.poll(walBytes, { timeout: 5_000, interval: 100 }).toBe(0);
    expect(await store.countItems()).toBe(200);
    expect((await store.searchItems('contiguous', 500)).length).toBe(200);
    await store.recordFeedSuccess(FEED, success(T0 + 99), [item({ id: 'after-rest' })]);
    expect(walBytes()).toBeGreaterThan(0);
    await store.close();
    const reopened = openSqliteStore(path);
    expect(await reopened.countItems()).toBe(201);
    await reopened.close();
  });

  it('indexes new items for search when it rests, a step at a time, not in the write; a search before that finds them anyway', async () => {
    const path = join(dir, 'search-rest.db');
    const store = await openSqliteStoreOnThread(path, WORKER);
    await store.syncConfiguredFeeds([{ url: FEED }], T0);
    const raw = new Database(path, { readonly: true });
    const waiting = (): number => raw.prepare('SELECT COUNT(*) FROM search_queue').pluck().get() as number;
    await store.recordFeedSuccess(FEED, success(T0), Array.from({ length: 5_000 }, (_, n) => item({ id: `q-${n}`, title: `Senkaku patrol report ${n}` })));
    expect(waiting()).toBe(5_000); // stored, not yet indexed
    await expect.poll(waiting, { timeout: 10_000, interval: 50 }).toBe(0);
    expect((await store.searchItems('senkaku', 10_000)).length).toBe(5_000);
    // Items written after the rest are found at once: the search indexes what still waits first.
    await store.recordFeedSuccess(FEED, success(T0 + 1), [item({ id: 'late', title: 'Yonaguni drills announced' })]);
    expect(waiting()).toBe(1);
    expect((await store.searchItems('yonaguni', 10)).map((hit) => hit.item.id)).toEqual(['late']);
    raw.close();
    await store.close();
  });

  it('carries the store errors across: a failed write is a StoreError with its code and the database message', async () => {
    const store = await openSqliteStoreOnThread(join(dir, 'errors.db'), WORKER);
    // The feed is not known: the item's feed reference fails inside the thread.
    const error = await store.recordFeedSuccess('https://unknown.example/rss', success(T0), [item({ id: 'x', feedId: 'https://unknown.example/rss' })]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('store_write_failed');
    expect((error as StoreError).message).toMatch(/FOREIGN KEY/i);
    expect(await store.countItems()).toBe(0); // and the store keeps working
    await store.close();
  });

  it('GIVEN the thread dies THEN the call waiting on it and every later one fail with a StoreError saying so (readiness then reports the store unreachable)', async () => {
    const dying = join(dir, 'dying-worker.mjs');
    writeFileSync(dying, "import { parentPort } from 'node:worker_threads';\nparentPort.postMessage({ kind: 'ready', methods: ['countItems', 'close'] });\nparentPort.on('message', () => process.exit(3));\n");
    const store = await openSqliteStoreOnThread(join(dir, 'dying.db'), pathToFileURL(dying));
    const first = await store.countItems().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(StoreError);
    expect((first as StoreError).message).toMatch(/stopped \(exit code 3\)/);
    expect(await store.countItems().catch((e: unknown) => e)).toBe(first);
    await store.close();
  });

  it('fails calls made after close at once, as a closed better-sqlite3 connection does', async () => {
    const store = await openSqliteStoreOnThread(join(dir, 'closed.db'), WORKER);
    await store.close();
    const error = await store.countItems().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/is closed/);
  });

  it('GIVEN a path that cannot be a database THEN opening fails with a clear StoreError naming it', async () => {
    const notAFolder = join(dir, 'plain-file');
    writeFileSync(notAFolder, 'not a folder');
    const badPath = join(notAFolder, 'cannot.db');
    const error = await openSqliteStoreOnThread(badPath, WORKER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('store_open_failed');
    expect((error as StoreError).message).toContain(badPath);
  });

  it('does not keep a process alive once its work is done, even if nobody closes the store', () => {
    const script = `
      import { openSqliteStoreOnThread } from ${JSON.stringify(pathToFileURL(resolve('dist/store/sqlite/thread.js')).href)};
      const store = await openSqliteStoreOnThread(${JSON.stringify(join(dir, 'exit.db'))});
      console.log('items', await store.countItems());
    `;
    const file = join(dir, 'forgets-to-close.mjs');
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('items 0');
    expect(run.status).toBe(0);
  });
});

describe('SQLite search queue (migration 10)', () => {
  it('keeps the search index whole when an item is deleted or edited while it waits, and after it is indexed', async () => {
    const path = join(dir, 'search-queue.db');
    const store = openSqliteStore(path);
    await store.syncConfiguredFeeds([{ url: FEED }], T0);
    await store.recordFeedSuccess(FEED, success(T0), [
      item({ id: 'gone', title: 'Taiwan strait transit' }),
      item({ id: 'edited', title: 'Taiwan strait draft headline' }),
      item({ id: 'kept', title: 'Taiwan strait patrol' }),
    ]);
    const raw = new Database(path);
    const integrity = (): void => void raw.prepare("INSERT INTO items_fts(items_fts) VALUES ('integrity-check')").run();
    const ids = async (query: string): Promise<string[]> => (await store.searchItems(query, 10)).map((hit) => hit.item.id).sort();
    // Still waiting to be indexed: deleted and edited in place.
    raw.prepare("DELETE FROM items WHERE id = 'gone'").run();
    raw.prepare("UPDATE items SET title = 'Taiwan strait final headline' WHERE id = 'edited'").run();
    expect(await ids('strait')).toEqual(['edited', 'kept']);
    expect(await ids('final')).toEqual(['edited']);
    expect(await ids('draft')).toEqual([]);
    integrity();
    // Indexed now: the triggers keep the index in step.
    raw.prepare("UPDATE items SET title = 'Taiwan strait patrol ends' WHERE id = 'kept'").run();
    raw.prepare("DELETE FROM items WHERE id = 'edited'").run();
    expect(await ids('strait')).toEqual(['kept']);
    expect(await ids('ends')).toEqual(['kept']);
    integrity();
    expect(raw.prepare('SELECT COUNT(*) FROM search_queue').pluck().get()).toBe(0);
    raw.close();
    await store.close();
  });
});
