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
