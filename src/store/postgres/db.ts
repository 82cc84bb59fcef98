import pg from 'pg';
import type { Row } from '../rows.js';

/** A small wrapper over a pg Pool: queries, and transactions on one client. */
export interface Db {
  query(sql: string, params?: unknown[]): Promise<Row[]>;
  tx<T>(work: (db: Pick<Db, 'query'>) => Promise<T>): Promise<T>;
  /** Run `work` holding a session advisory lock (waits for it), on a connection of its own. */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Take a session advisory lock if free and keep it (and its connection) until end(). */
  holdLock(key: string): Promise<boolean>;
  end(): Promise<void>;
}

// bigint (int8) columns hold millisecond times and ids well within 2^53: read them as numbers.
const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format ?? 'text')) } as pg.CustomTypesConfig;

export function createDb(connectionString: string, schema: string | undefined): Db {
  const pool = new pg.Pool({ connectionString, types, max: 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  pool.on('error', () => undefined); // an idle client's error surfaces on its next query, with context
  const held: pg.PoolClient[] = [];
  // A multi-statement query (a migration) answers with one result per statement: keep the last.
  const asRows = (result: pg.QueryResult | pg.QueryResult[]): Row[] => (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows).map(toSqliteShape);
  return {
    query: async (sql, params = []) => asRows(await pool.query(sql, params)),
    async tx(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: async (sql, params = []) => asRows(await client.query(sql, params)) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined); // the original error is what matters
        throw error;
      } finally {
        client.release();
      }
    },
    async withLock(key, work) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
        }
      } finally {
        client.release();
      }
    },
    async holdLock(key) {
      const client = await pool.connect();
      const result = await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS held', [key]);
      if (result.rows[0]?.held) {
        held.push(client); // the lock lives as long as this session: released at end(), or when the process dies
        return true;
      }
      client.release();
      return false;
    },
    async end() {
      for (const client of held.splice(0)) client.release();
      await pool.end();
    },
  };
}

/**
 * PostgreSQL rows in the shape the shared row mappers (store/rows.ts) read, which is SQLite's:
 * booleans as 0/1 and JSON as text. One set of mappers then serves both stores.
 */
function toSqliteShape(row: Record<string, unknown>): Row {
  const shaped: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'boolean') shaped[key] = value ? 1 : 0;
    else if (value !== null && typeof value === 'object' && !(value instanceof Date)) shaped[key] = JSON.stringify(value);
    else shaped[key] = value;
  }
  return shaped;
}
