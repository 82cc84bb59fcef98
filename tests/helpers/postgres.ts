import pg from 'pg';

export const TEST_PG_URL = process.env.NEWSBOT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export const PG_HOW_TO =
  'PostgreSQL tests skipped: no server at ' +
  TEST_PG_URL +
  '. Start one (on Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), or set NEWSBOT_TEST_PG=postgres://user@host:port/db. In CI (CI=true) they are required.';

/** Whether the test PostgreSQL answers. In CI an unreachable server fails the run instead of skipping. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (error) {
    if (process.env.CI) throw new Error(`CI requires PostgreSQL at ${TEST_PG_URL}: ${(error as Error).message}`);
    console.warn(PG_HOW_TO);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema name of its own for each test store, dropped afterwards. */
export function uniqueSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

export async function dropSchemas(names: string[]): Promise<void> {
  if (names.length === 0) return;
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Where a suite's stores live, for `describe.each`: a SQLite file in the test's folder, and a
 * PostgreSQL schema of its own when a server answers (dropped after the file's tests).
 */
export async function storeLocations(prefix: string, afterAll: (cleanup: () => Promise<void>) => void): Promise<Array<readonly [string, (dir: string) => string]>> {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(schemas));
  const sqlite = ['SQLite', (dir: string) => `${dir}/newsbot.db`] as const;
  if (!(await postgresAvailable())) return [sqlite];
  const postgres = ['PostgreSQL', () => {
    const schema = uniqueSchema(prefix);
    schemas.push(schema);
    return `${TEST_PG_URL}?schema=${schema}`;
  }] as const;
  return [sqlite, postgres];
}
