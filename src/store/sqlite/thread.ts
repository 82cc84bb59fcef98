import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StoreError, type StoreErrorCode } from '../../errors.js';
import type { FeedPollRecord, Store, StoredItem } from '../types.js';
import type { ErrorDescription, StoreCall, StoreThreadMessage } from './thread-protocol.js';

/** The compiled worker script, next to this module in dist/. */
export const SQLITE_THREAD_WORKER = new URL('./thread-worker.js', import.meta.url);

/**
 * Whether the store's thread can start: its script is compiled JavaScript, so it exists when newsbot
 * runs from dist/ (the CLI, the Docker image, `npm run bench`), not when a test imports src/ directly.
 */
export function sqliteThreadAvailable(workerScript: URL = SQLITE_THREAD_WORKER): boolean {
  return existsSync(fileURLToPath(workerScript));
}

/**
 * The SQLite store on a thread of its own. better-sqlite3 is synchronous: on the main thread every
 * insert, search-index update and commit stops parsing, matching and clustering (a third of a poll
 * cycle's time). Here the main thread posts each call and goes on; the store's thread runs calls in
 * the order they were made, so a read always sees the writes made before it. Same Store, same file,
 * same behaviour: only the waiting moves.
 */
export async function openSqliteStoreOnThread(path: string, workerScript: URL = SQLITE_THREAD_WORKER): Promise<Store> {
  // A small young generation: the thread only passes items through to SQLite, and V8's default
  // (up to 48 MB) held ~15 MB more memory for no speed (measured on the poll bench).
  const worker = new Worker(workerScript, { workerData: { path }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let closing = false;
  let broken: StoreError | null = null;

  // A worker keeps the process alive; the in-thread store does not. Hold the process only while a
  // call is waiting for its answer, so a command that forgets to close the store still exits.
  const holdWhileWaiting = (): void => {
    if (pending.size > 0) worker.ref();
    else worker.unref();
  };

  const failEverything = (error: StoreError): void => {
    broken ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    holdWhileWaiting();
  };

  const methods = await new Promise<string[]>((resolve, reject) => {
    worker.on('message', (message: StoreThreadMessage) => {
      if (message.kind === 'ready') return resolve(message.methods);
      if (message.kind === 'failed') return reject(rebuildError(message.error));
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      holdWhileWaiting();
      if (message.error) waiting.reject(rebuildError(message.error));
      else waiting.resolve(message.value);
    });
    worker.on('error', (error) => {
      const failure = new StoreError('store_open_failed', `the SQLite store's thread for ${path} failed: ${error.message}`, { cause: error });
      reject(failure);
      failEverything(failure);
    });
    worker.on('exit', (code) => {
      if (closing) return;
      const failure = new StoreError('store_open_failed', `the SQLite store's thread for ${path} stopped (exit code ${code})`);
      reject(failure);
      failEverything(failure);
    });
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  const call = (method: string, args: unknown[]): Promise<unknown> => {
    if (broken) return Promise.reject(broken);
    // As better-sqlite3 does on a closed connection: fail at once rather than wait for no answer.
    if (closing && method !== 'close') return Promise.reject(new StoreError('store_open_failed', `the SQLite store ${path} is closed`));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      holdWhileWaiting();
      try {
        worker.postMessage({ id, method, args } satisfies StoreCall);
      } catch (error) {
        pending.delete(id);
        holdWhileWaiting();
        reject(error as Error);
      }
    });
  };

  const store: Record<string, unknown> = {};
  for (const method of methods) store[method] = (...args: unknown[]) => call(method, args);

  /** The thread answers with the positions of the new items (thread-worker.ts): they are here already. */
  const freshItems = (poll: FeedPollRecord, positions: number[]): StoredItem[] => positions.map((position) => ({ ...poll.items[position]!, firstSeen: poll.success.at }));
  const threaded = store as unknown as Store;
  threaded.recordFeedSuccesses = async (polls) => {
    const positions = (await call('recordFeedSuccesses', [polls])) as number[][];
    return polls.map((poll, i) => freshItems(poll, positions[i] ?? []));
  };
  threaded.recordFeedSuccess = async (url, success, items) => (await threaded.recordFeedSuccesses([{ url, success, items }]))[0] ?? [];
  // One process per SQLite file: nothing else clusters, and every role is this process's.
  threaded.withClusterLock = (work) => work(false);
  threaded.tryHoldRole = async () => true;
  threaded.close = async () => {
    if (closing) return;
    closing = true;
    try {
      if (!broken) await call('close', []);
    } finally {
      await worker.terminate();
    }
  };
  holdWhileWaiting();
  return threaded;
}

const STORE_ERROR_CODES = new Set<string>(['store_open_failed', 'store_write_failed', 'store_migration_failed'] satisfies StoreErrorCode[]);

function rebuildError(description: ErrorDescription): Error {
  if (description.name === 'StoreError' && description.code && STORE_ERROR_CODES.has(description.code)) {
    return new StoreError(description.code as StoreErrorCode, description.message);
  }
  const error = new Error(description.message);
  error.name = description.name;
  return error;
}
