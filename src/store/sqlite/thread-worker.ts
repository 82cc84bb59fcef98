/**
 * The SQLite store's own thread (see thread.ts): opens the database and answers calls in the order
 * they came (one exception: nextCall). Started by openSqliteStoreOnThread, never imported.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FeedPollRecord, StoredItem, Store } from '../types.js';
import { openSqliteStore, type SqliteStore } from './index.js';
import { describeError, nextCall, type StoreCall, type StoreThreadMessage } from './thread-protocol.js';

const port = parentPort;
if (!port) throw new Error('thread-worker.js runs as a worker thread of openSqliteStoreOnThread');
const post = (message: StoreThreadMessage): void => port.postMessage(message);

/**
 * How long the thread waits with nothing to do before it checkpoints: longer than the gaps between
 * a poll cycle's writes, so the log is folded in after a cycle (or a burst of commands), not in
 * the middle of one (a 40 MB checkpoint inside the bench's pipeline pass cost it ~7 %).
 */
const IDLE_CHECKPOINT_MS = 500;
/** Items indexed for search per step at rest: a call that arrives meanwhile waits for one step only (~50 ms). */
const SEARCH_STEP_ITEMS = 2_000;

let store: SqliteStore | null = null;
try {
  store = openSqliteStore((workerData as { path: string }).path);
} catch (error) {
  post({ kind: 'failed', error: describeError(error) });
}

if (store) {
  const opened = store;
  // The Store's methods only: search indexing and checkpoints at rest are this thread's own business.
  const ownBusiness = new Set(['checkpoint', 'indexForSearch']);
  const methods = Object.keys(opened).filter((key) => !ownBusiness.has(key) && typeof (opened as unknown as Record<string, unknown>)[key] === 'function');
  // One call at a time, in the order the calls were made on the main thread, with one exception
  // (nextCall). Between calls the thread returns to its event loop, so calls that arrive meanwhile
  // are seen before the next is chosen.
  const waiting: StoreCall[] = [];
  let running = false;
  let restTimer: NodeJS.Timeout | null = null;
  let answeredSinceCheckpoint = false;
  // At rest: index the items waiting for search, a step at a time (a call arriving in between
  // cancels the rest until the thread rests again), then fold the log into the database.
  const workAtRest = (): void => {
    restTimer = null;
    if (!answeredSinceCheckpoint) return;
    try {
      if (opened.indexForSearch(SEARCH_STEP_ITEMS) > 0) {
        restTimer = setTimeout(workAtRest, 0).unref();
        return;
      }
    } catch {
      // Not fatal: a search indexes what is left first, and a broken database shows in the next call's error.
    }
    answeredSinceCheckpoint = false;
    try {
      opened.checkpoint();
    } catch {
      // Not fatal: the next commit past the log limit checkpoints, and a broken database shows in the next call's error.
    }
  };
  const runNext = (): void => {
    const call = nextCall(waiting);
    if (!call) {
      running = false;
      restTimer = setTimeout(workAtRest, IDLE_CHECKPOINT_MS).unref();
      return;
    }
    answeredSinceCheckpoint = true;
    void answer(opened, call).then(() => setImmediate(runNext));
  };
  port.on('message', (call: StoreCall) => {
    waiting.push(call);
    if (restTimer) clearTimeout(restTimer);
    restTimer = null;
    if (!running) {
      running = true;
      setImmediate(runNext);
    }
  });
  post({ kind: 'ready', methods });
}

async function answer(opened: Store, { id, method, args }: StoreCall): Promise<void> {
  try {
    const value: unknown = await (opened as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);
    post({ kind: 'result', id, value: method === 'recordFeedSuccesses' ? freshPositions(args[0] as FeedPollRecord[], value as StoredItem[][]) : value });
  } catch (error) {
    post({ kind: 'result', id, error: describeError(error) });
  }
  if (method === 'close') port!.close();
}

/**
 * Which of each feed's items were new, as positions in the list the main thread sent: it already
 * holds the items, so copying them back would only cost time.
 */
function freshPositions(polls: readonly FeedPollRecord[], fresh: StoredItem[][]): number[][] {
  return polls.map((poll, i) => {
    const freshIds = new Set((fresh[i] ?? []).map((item) => item.id));
    const positions: number[] = [];
    poll.items.forEach((item, position) => {
      // A feed listing one item twice stores it once: only its first position is new.
      if (freshIds.delete(item.id)) positions.push(position);
    });
    return positions;
  });
}
