import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, parseDatabaseUrl } from '@compact/persistence';
import { Client } from 'pg';
import { ensureBuilt, freePort, ServerProcess } from './support/server-process';
import { ADMIN_TOKEN } from './support/test-app';
import { createTestDatabase, TEST_DIALECT, TestDatabase } from './support/test-database';

/*
 * Several instances of the built service started at the same moment on one empty PostgreSQL
 * database (a deployment scaled out, or restarted all at once): every one becomes healthy, the
 * schema is migrated exactly once, and the administrator from ADMIN_TOKEN is created exactly once.
 * The same on a database already migrated (e.g. by `cli migrate`) that has no administrator yet,
 * where nothing but the bootstrap itself keeps the instances apart. SQLite serves one instance by
 * design, so this is a PostgreSQL suite.
 */

jest.setTimeout(180_000);

const INSTANCES = 3;
const ROUNDS = 4;

const postgresOnly = TEST_DIALECT === 'postgres' ? describe : describe.skip;

postgresOnly('instances started at once on an empty PostgreSQL database', () => {
  let mailDir: string;

  beforeAll(() => {
    ensureBuilt();
    mailDir = mkdtempSync(join(tmpdir(), 'compact-startup-race-'));
  });
  afterAll(() => rmSync(mailDir, { recursive: true, force: true }));

  async function round(n: number, premigrated: boolean): Promise<void> {
    const db: TestDatabase = await createTestDatabase();
    const servers: ServerProcess[] = [];
    try {
      if (premigrated) await (await openDatabase(parseDatabaseUrl(db.url))).destroy();
      for (let i = 0; i < INSTANCES; i++) {
        servers.push(
          new ServerProcess({ PORT: String(await freePort()), DATABASE_URL: db.url, ADMIN_TOKEN, MAIL_DIR: join(mailDir, `${n}-${i}`) }),
        );
      }
      const started = await Promise.allSettled(servers.map((s) => s.start(60_000)));
      const failures = started.flatMap((r, i) => (r.status === 'rejected' ? [`instance ${i}: ${(r.reason as Error).message}`] : []));
      expect(failures).toEqual([]);

      const client = new Client({ connectionString: db.url });
      await client.connect();
      try {
        const migrations = (await client.query('SELECT name, COUNT(*)::int AS n FROM migrations GROUP BY name ORDER BY name')).rows;
        expect(migrations.length).toBeGreaterThan(0);
        expect(migrations.filter((m) => m.n !== 1)).toEqual([]);
        const admins = (await client.query(`SELECT email FROM users WHERE role = 'admin'`)).rows;
        expect(admins).toEqual([{ email: 'admin@localhost' }]);
        const bootstraps = (await client.query(`SELECT seq FROM admin_audit_entries WHERE action = 'ADMIN_BOOTSTRAPPED'`)).rows;
        expect(bootstraps).toEqual([{ seq: 1 }]);
      } finally {
        await client.end();
      }
      // Each instance serves.
      for (const s of servers) expect((await fetch(`${s.baseUrl}/api/v1/users`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await db.drop();
    }
  }

  for (let n = 1; n <= ROUNDS; n++) {
    it(`round ${n}, empty database: all ${INSTANCES} become healthy, the schema is migrated once, one administrator`, () => round(n, false));
  }
  for (let n = 1; n <= ROUNDS; n++) {
    it(`round ${n}, migrated database: all ${INSTANCES} become healthy and create one administrator between them`, () => round(ROUNDS + n, true));
  }
});
