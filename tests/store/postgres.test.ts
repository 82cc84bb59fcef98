import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { openStore } from '../../src/store/open.js';
import { StoreError } from '../../src/errors.js';
import type { Store } from '../../src/store/types.js';
import { runStoreContract } from './contract.js';
import { dropSchemas, postgresAvailable, TEST_PG_URL, uniqueSchema } from '../helpers/postgres.js';

const available = await postgresAvailable();
const schemas: string[] = [];
const schemaOf = new WeakMap<Store, string>();
afterAll(() => dropSchemas(schemas));

describe.skipIf(!available)('PostgreSQL store (127.0.0.1:5432, database test, one schema per store)', () => {
  runStoreContract('PostgreSQL', {
    async create() {
      const schema = uniqueSchema('contract');
      schemas.push(schema);
      const store = await openPostgresStore({ connectionString: TEST_PG_URL, schema });
      schemaOf.set(store, schema);
      return store;
    },
    async reopen(store) {
      const schema = schemaOf.get(store)!;
      await store.close();
      const reopened = await openPostgresStore({ connectionString: TEST_PG_URL, schema });
      schemaOf.set(reopened, schema);
      return reopened;
    },
  });

  it('NEWSBOT_DB=postgres://…?schema=… selects it; migrations run once however often it opens', async () => {
    const schema = uniqueSchema('select');
    schemas.push(schema);
    const [a, b] = await Promise.all([openStore(`${TEST_PG_URL}?schema=${schema}`), openStore(`${TEST_PG_URL}?schema=${schema}`)]);
    await a.syncConfiguredFeeds([{ url: 'https://x.example/rss' }], 1);
    expect((await b.listFeeds()).map((f) => f.url)).toEqual(['https://x.example/rss']);
    await Promise.all([a.close(), b.close()]);
  });

  it('a server that cannot be reached fails with a StoreError that names the host, not the password', async () => {
    const error = await openPostgresStore({ connectionString: 'postgres://newsbot:hunter2@127.0.0.1:1/nowhere' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/^cannot open PostgreSQL store at 127\.0\.0\.1:1\/nowhere: /);
    expect((error as StoreError).message).not.toContain('hunter2');
  });
});
