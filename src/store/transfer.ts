import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import pg from 'pg';
import { StoreError } from '../errors.js';
import { openSqliteStore } from './sqlite/index.js';
import { openPostgresStore, safeLocation } from './postgres/index.js';

/** Tables in an order that respects their references, and how their columns differ between stores. */
const TABLES: Array<{ name: string; booleans?: string[]; json?: string[]; serial?: string }> = [
  { name: 'feeds', booleans: ['enabled'] },
  { name: 'items', booleans: ['published_estimated'], serial: 'seq' },
  { name: 'item_matches', booleans: ['relevant'], json: ['explanation'] },
  { name: 'stories' },
  { name: 'story_items', booleans: ['backlog'] },
  { name: 'subscriptions', json: ['settings'], serial: 'id' },
  { name: 'outbox', json: ['payload', 'message_ids'], serial: 'id' },
  { name: 'deliveries', json: ['posted_item_ids', 'thread'] },
];

export interface TransferCounts {
  [table: string]: number;
}

/** `newsbot export`: every row of a SQLite store as JSON Lines `{"table": …, "row": {…}}`. */
export async function exportSqlite(path: string, file: string): Promise<TransferCounts> {
  await openSqliteStore(path).close(); // migrate first, so the export has every column
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const out = createWriteStream(file);
  const counts: TransferCounts = {};
  try {
    for (const table of TABLES) {
      counts[table.name] = 0;
      for (const row of db.prepare(`SELECT * FROM ${table.name} ORDER BY rowid`).iterate() as Iterable<Record<string, unknown>>) {
        if (!out.write(`${JSON.stringify({ table: table.name, row })}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        counts[table.name]!++;
      }
    }
  } finally {
    db.close();
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  return counts;
}

/**
 * `newsbot import`: load an export into a PostgreSQL store (migrated first), in one transaction:
 * all of it or nothing. SQLite's 0/1 become booleans, JSON text becomes jsonb, and id sequences
 * continue after the imported ids.
 */
export async function importIntoPostgres(file: string, connectionString: string, schema: string | undefined): Promise<TransferCounts> {
  await (await openPostgresStore({ connectionString, schema })).close();
  const client = new pg.Client({ connectionString, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  const counts: TransferCounts = {};
  try {
    await client.query('BEGIN');
    const byName = new Map(TABLES.map((t) => [t.name, t]));
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber++;
      if (!line.trim()) continue;
      const { table, row } = JSON.parse(line) as { table: string; row: Record<string, unknown> };
      const spec = byName.get(table);
      if (!spec) throw new StoreError('store_write_failed', `${file}:${lineNumber}: unknown table "${table}"`);
      const columns = Object.keys(row);
      const values = columns.map((column) => {
        const value = row[column];
        if (spec.booleans?.includes(column)) return value === 1 || value === true;
        return value;
      });
      const placeholders = columns.map((column, i) => (spec.json?.includes(column) ? `$${i + 1}::jsonb` : `$${i + 1}`));
      await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})`, values);
      counts[table] = (counts[table] ?? 0) + 1;
    }
    for (const spec of TABLES.filter((t) => t.serial)) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${spec.name}', '${spec.serial}'), GREATEST((SELECT MAX(${spec.serial}) FROM ${spec.name}), 1))`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined); // report the import's error, not the rollback's
    if (error instanceof StoreError) throw error;
    throw new StoreError('store_write_failed', `import into ${safeLocation(connectionString)} failed, nothing was imported: ${(error as Error).message}`, { cause: error });
  } finally {
    await client.end();
  }
  return counts;
}
