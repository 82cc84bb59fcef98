/** The messages between the main thread and the SQLite store's thread (thread.ts, thread-worker.ts). */

export interface StoreCall {
  id: number;
  method: string;
  args: unknown[];
}

export interface ErrorDescription {
  name: string;
  message: string;
  code?: string;
}

export type StoreThreadMessage =
  | { kind: 'ready'; methods: string[] }
  | { kind: 'failed'; error: ErrorDescription }
  | { kind: 'result'; id: number; value?: unknown; error?: ErrorDescription };

/** An error as plain data: errors cross threads without their class, so its name and code go along. */
export function describeError(error: unknown): ErrorDescription {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}

/** Writes of stories, verdicts and processed marks, which a feed's item write may overtake (see nextCall). */
const OVERTAKABLE = new Set(['saveMatches', 'saveStoryAssignments', 'markProcessed']);

/**
 * The next call to answer: the oldest, except that a feed's item write goes before story, verdict
 * and processed-mark writes queued ahead of it. Poll workers wait for their item writes, while
 * nobody waits for story writes until the end of the cycle; the two touch different rows (the items
 * those stories hold were written before they were clustered), and any other call still waits for
 * everything before it.
 */
export function nextCall(waiting: StoreCall[]): StoreCall | undefined {
  for (let i = 0; i < waiting.length; i++) {
    const call = waiting[i]!;
    if (call.method === 'recordFeedSuccesses') return waiting.splice(i, 1)[0];
    if (!OVERTAKABLE.has(call.method)) break;
  }
  return waiting.shift();
}
