import type { Store } from './types.js';
import { openSqliteStore } from './sqlite/index.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStoreOnThread, sqliteThreadAvailable } from './sqlite/thread.js';

export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/**
 * The store NEWSBOT_DB (or storage.path) names: a postgres:// URL, else a SQLite file path. SQLite
 * runs on a thread of its own when its compiled worker is there (always, from dist/); code imported
 * straight from src/ (tests) opens it on the calling thread, with the same behaviour.
 */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) {
    const url = new URL(location);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return openPostgresStore({ connectionString: url.toString(), schema });
  }
  return sqliteThreadAvailable() ? openSqliteStoreOnThread(location) : openSqliteStore(location);
}
