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
