/**
 * The SQLite store's own thread (see thread.ts): opens the database and answers calls in the order
 * they came. Started by openSqliteStoreOnThread, never imported.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FeedPollRecord, StoredItem, Store } from '../types.js';
import { openSqliteStore } from './index.js';
import { describeError, type StoreCall, type StoreThreadMessage } from './thread-protocol.js';

const port = parentPort;
if (!port) throw new Error('thread-worker.js runs as a worker thread of openSqliteStoreOnThread');
const post = (message: StoreThreadMessage): void => port.postMessage(message);

let store: Store | null = null;
try {
  store = openSqliteStore((workerData as { path: string }).path);
} catch (error) {
  post({ kind: 'failed', error: describeError(error) });
}

if (store) {
  const opened = store;
  const methods = Object.keys(opened).filter((key) => typeof (opened as unknown as Record<string, unknown>)[key] === 'function');
  // One call at a time, in arrival order: the same order the calls were made in on the main thread.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (call: StoreCall) => {
    queue = queue.then(() => answer(opened, call));
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
