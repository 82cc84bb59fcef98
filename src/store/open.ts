import type { Store } from './types.js';
import { openSqliteStore } from './sqlite/index.js';
import { openPostgresStore } from './postgres/index.js';

export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** The store NEWSBOT_DB (or storage.path) names: a postgres:// URL, else a SQLite file path. */
export async function openStore(location: string): Promise<Store> {
  if (isPostgresUrl(location)) {
    const url = new URL(location);
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    return openPostgresStore({ connectionString: url.toString(), schema });
  }
  return openSqliteStore(location);
}
