import { StoreError } from '../../errors.js';
import type { Store } from '../types.js';
import { createDb, type Db } from './db.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { createPostgresFeedQueries } from './feeds-items.js';
import { createPostgresStoryQueries } from './stories.js';
import { createPostgresDeliveryQueries } from './delivery.js';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:5432/database */
  connectionString: string;
  /** Work in this schema (created if missing); the connection's default otherwise. */
  schema?: string | undefined;
}

// Any constant: replicas starting together take turns to migrate.
const MIGRATION_LOCK = 7_214_590_331;

/** Connect, apply pending migrations, and return the Store over PostgreSQL. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new StoreError('store_open_failed', `invalid schema name "${options.schema}" (lower-case letters, digits and _)`);
  }
  const db = createDb(options.connectionString, options.schema);
  try {
    await migrate(db, options.schema);
  } catch (error) {
    await db.end().catch(() => undefined); // the open error is the one to report
    // The connection string may carry a password: name the host only.
    throw new StoreError('store_open_failed', `cannot open PostgreSQL store at ${safeLocation(options.connectionString)}: ${(error as Error).message}`, { cause: error });
  }
  return createPostgresStore(db);
}

/** Apply pending migrations under an advisory lock (replicas starting together take turns). */
export async function migrate(db: Db, schema?: string): Promise<number> {
  return db.tx(async (t) => {
    await t.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (schema) await t.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`); // validated by the caller
    await t.query('CREATE TABLE IF NOT EXISTS newsbot_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const current = ((await t.query('SELECT COALESCE(MAX(version), 0) AS v FROM newsbot_migrations'))[0]?.v as number) ?? 0;
    for (let version = current; version < POSTGRES_MIGRATIONS.length; version++) {
      await t.query(POSTGRES_MIGRATIONS[version] ?? '');
      await t.query('INSERT INTO newsbot_migrations (version) VALUES ($1)', [version + 1]);
    }
    return POSTGRES_MIGRATIONS.length;
  });
}

function createPostgresStore(db: Db): Store {
  const feeds = createPostgresFeedQueries(db);
  const stories = createPostgresStoryQueries(db);
  const delivery = createPostgresDeliveryQueries(db, stories.loadStories);
  const { loadStories: _unused, ...storyMethods } = stories;
  const store: Store = {
    ...feeds,
    ...storyMethods,
    ...delivery,
    withClusterLock: (work) => db.withLock('newsbot:clustering', () => work(true)),
    tryHoldRole: (role) => db.holdLock(`newsbot:role:${role}`),
    close: () => db.end(),
  };
  return withStoreErrors(store, ['withClusterLock']);
}

/** Every failing call becomes a StoreError naming the operation, as the SQLite store does. */
function withStoreErrors(store: Store, passThrough: string[]): Store {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(store) as Array<[string, (...args: unknown[]) => Promise<unknown>]>) {
    if (passThrough.includes(name)) {
      wrapped[name] = method; // its work's own errors pass through unchanged
      continue;
    }
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        if (error instanceof StoreError) throw error;
        throw new StoreError('store_write_failed', `PostgreSQL store: ${name} failed: ${(error as Error).message}`, { cause: error });
      }
    };
  }
  return wrapped as unknown as Store;
}

export function safeLocation(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'the configured PostgreSQL server';
  }
}
