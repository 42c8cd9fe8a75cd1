import { createDataSource, MIGRATIONS, openDatabase, parseDatabaseUrl } from '@compact/persistence';
import { DataSource } from 'typeorm';
import { ApiClient } from './support/api-client';
import { breachOf45, seedParties } from './support/parties.fixture';
import { freePort, ServerProcess, ensureBuilt } from './support/server-process';
import { ADMIN_TOKEN } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/*
 * Upgrading a database that holds data: a service run on the schema of the first three migrations
 * (the previous release) leaves people, sessions, tokens, cases and audit entries; the migrations
 * added since then apply at start, and every row is still there and still works.
 */

jest.setTimeout(120_000);

const TABLES = ['organisations', 'users', 'api_tokens', 'web_sessions', 'sign_in_links', 'cases', 'case_participants', 'audit_entries', 'case_timers', 'outbox_messages'];

describe('schema upgrade with data in place', () => {
  let db: TestDatabase;
  let previous: DataSource;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    if (previous?.isInitialized) await previous.destroy();
    await db?.drop();
  });

  const counts = async (ds: DataSource) =>
    Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, Number((await ds.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n)])));

  it('keeps every row and every token when the new migrations apply', async () => {
    const target = parseDatabaseUrl(db.url);
    // The previous release's schema: the first three migrations only.
    previous = new DataSource({ ...createDataSource(target).options, migrations: MIGRATIONS.slice(0, 3) });
    await previous.initialize();
    await previous.runMigrations({ transaction: 'each' });
    const columns = async (ds: DataSource) =>
      db.dialect === 'sqlite'
        ? (await ds.query(`PRAGMA table_info(users)`)).map((c: { name: string }) => c.name)
        : (await ds.query(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'users'`)).map((c: { name: string }) => c.name);
    expect(await columns(previous)).not.toContain('deactivated_at');

    // Data as the previous release wrote it (rows inserted with that schema's columns only).
    const at = Date.now();
    await previous.query(`INSERT INTO organisations (id, name, name_key, kind, created_at) VALUES ('o-1', 'Trust', 'trust', 'vcs', ${at})`);
    await previous.query(
      `INSERT INTO users (id, name, email, role, organisation_id, created_at) VALUES ('u-1', 'Vic', 'vic@example.org', 'party', 'o-1', ${at})`,
    );
    await previous.query(`INSERT INTO api_tokens (id, user_id, token_hash, label, created_at) VALUES ('t-1', 'u-1', '${'a'.repeat(64)}', 'first', ${at})`);
    await previous.query(
      `INSERT INTO web_sessions (id, user_id, token_hash, csrf_token, expires_at, created_at) VALUES ('s-1', 'u-1', '${'b'.repeat(64)}', 'c', ${at + 3_600_000}, ${at})`,
    );
    await previous.query(
      `INSERT INTO sign_in_links (id, user_id, token_hash, expires_at, used_at, created_at) VALUES ('l-1', 'u-1', '${'c'.repeat(64)}', ${at + 900_000}, NULL, ${at})`,
    );
    const before = await counts(previous);
    await previous.destroy();

    // The current service starts on it: the pending migrations apply, nothing is lost.
    const current = await openDatabase(target);
    try {
      expect(await columns(current)).toContain('deactivated_at');
      expect(await counts(current)).toEqual(before);
      expect(before).toMatchObject({ users: 1, api_tokens: 1, web_sessions: 1, sign_in_links: 1 });
      expect(await current.query(`SELECT deactivated_at FROM users WHERE id = 'u-1'`)).toEqual([{ deactivated_at: null }]);
    } finally {
      await current.destroy();
    }
  });

  it('serves the upgraded database: the users and their tokens work, new cases and events are recorded', async () => {
    const server = new ServerProcess({ PATH: process.env.PATH ?? '', DATABASE_URL: db.url, ADMIN_TOKEN, PORT: String(await freePort()) });
    await server.start();
    try {
      const api = new ApiClient(server.baseUrl);
      const p = await seedParties(api);
      const raised = await api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
      expect(raised.status).toBe(201);
      expect((await api.event(raised.body.id, { type: 'ACKNOWLEDGE' }, p.council.token)).status).toBe(200);
      expect((await api.get(`/api/v1/cases/${raised.body.id}/history/verify`, p.board.token)).body).toEqual({ valid: true, entries: 2 });
      const users = (await api.get('/api/v1/users', ADMIN_TOKEN)).body as any[];
      expect(users.find((u) => u.email === 'vic@example.org')).toMatchObject({ id: 'u-1', deactivatedAt: null });
    } finally {
      await server.stop();
    }
  });
});
