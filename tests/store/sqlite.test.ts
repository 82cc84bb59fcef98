import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { SQLITE_MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { StoreError } from '../../src/errors.js';
import { runStoreContract } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'newsbot-sqlite-'));
let counter = 0;
const paths = new WeakMap<object, string>();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runStoreContract('SQLite (real file)', {
  async create() {
    const path = join(dir, `store-${counter++}.db`);
    const store = openSqliteStore(path);
    paths.set(store, path);
    return store;
  },
  async reopen(store) {
    const path = paths.get(store)!;
    await store.close();
    const reopened = openSqliteStore(path);
    paths.set(reopened, path);
    return reopened;
  },
});

describe('SQLite specifics', () => {
  it('uses WAL mode and records the migration version', () => {
    const path = join(dir, 'wal.db');
    const store = openSqliteStore(path);
    void store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    db.close();
  });

  it('GIVEN a path that cannot be a database THEN opening fails with a clear StoreError', () => {
    const notAFolder = join(dir, 'plain-file');
    writeFileSync(notAFolder, 'not a folder');
    const badPath = join(notAFolder, 'cannot.db');
    const error = (() => {
      try {
        openSqliteStore(badPath);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('store_open_failed');
    expect((error as StoreError).message).toContain(badPath);
  });
});
