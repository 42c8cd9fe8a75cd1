import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiClient } from './support/api-client';
import { probeConnection, untilWaitingForLock } from './support/connection-probe';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { ensureBuilt, freePort, ServerProcess } from './support/server-process';
import { ADMIN_TOKEN } from './support/test-app';
import { createTestDatabase, TEST_DIALECT, TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

/*
 * SIGTERM to the built server, as an orchestrator sends it, on PostgreSQL (where a test can hold a
 * case's row lock, so that a request really is in flight for as long as the test wants): /health
 * turns 503 "draining" at once, new connections are refused after SHUTDOWN_NOTICE_MS, the request
 * in flight is answered and saved, and the process exits 0 within SHUTDOWN_TIMEOUT_MS. A request
 * that outlives SHUTDOWN_TIMEOUT_MS is cut short: the process exits 1 saying so, and nothing of
 * that request is saved.
 */
const onPostgres = TEST_DIALECT === 'postgres' ? describe : describe.skip;

onPostgres('graceful shutdown (SIGTERM) of one instance', () => {
  let db: TestDatabase;
  let sql: Client;
  let mailDir: string;
  let server: ServerProcess;
  let port: number;
  let api: ApiClient;
  let p: Parties;

  const start = async (env: Record<string, string>) => {
    port = await freePort();
    server = new ServerProcess({ PORT: String(port), DATABASE_URL: db.url, ADMIN_TOKEN, MAIL_DIR: mailDir, ...env });
    await server.start();
    api = new ApiClient(server.baseUrl);
  };
  /** A case of its own, its row locked by the test until `release()`. */
  const lockedCase = async () => {
    const id = (await api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id as string;
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [id]);
    let released: Promise<void> | null = null;
    const release = () => (released ??= holder.query('ROLLBACK').then(() => holder.end()));
    return { id, release };
  };
  const notesOf = async (id: string) =>
    (await sql.query(`SELECT payload FROM audit_entries WHERE case_id = $1 AND event_type = 'ADD_NOTE'`, [id])).rows.map((r) => JSON.parse(r.payload).note);

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    sql = new Client({ connectionString: db.url });
    mailDir = mkdtempSync(join(tmpdir(), 'compact-shutdown-mail-'));
  }, 120_000);
  afterEach(() => server?.kill());
  afterAll(async () => {
    await sql?.end();
    await db?.drop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('answers /health 503 draining, refuses new connections, completes the slow request in flight, then exits 0 in time', async () => {
    await start({ SHUTDOWN_TIMEOUT_MS: '8000', SHUTDOWN_NOTICE_MS: '1000' });
    await sql.connect();
    p = await seedParties(api);
    const locked = await lockedCase();
    const slow = api.event(locked.id, { type: 'ADD_NOTE', note: 'sent before the shutdown' }, p.vcs.token);
    try {
      await untilWaitingForLock(sql);
      await drainsWhileInFlight(locked.release, slow);
    } finally {
      await locked.release();
    }
    expect(await notesOf(locked.id)).toEqual(['sent before the shutdown']);
  });

  async function drainsWhileInFlight(release: () => Promise<void>, slow: Promise<{ status: number }>): Promise<void> {
    const signalled = Date.now();
    server.send('SIGTERM');
    // Within the notice: still accepting connections, but /health tells a load balancer to go elsewhere.
    await new Promise((r) => setTimeout(r, 300));
    const health = await api.get('/health');
    expect({ status: health.status, state: health.body.state, code: health.body.code }).toEqual({ status: 503, state: 'draining', code: 'SERVICE_UNAVAILABLE' });
    expect(health.headers.get('connection')).toBe('close');
    // After the notice: nothing listens any more.
    await new Promise((r) => setTimeout(r, 1200 - (Date.now() - signalled)));
    expect(await probeConnection(port)).toBe('ECONNREFUSED');
    expect(server.running).toBe(true); // still answering the request in flight

    await new Promise((r) => setTimeout(r, 500));
    await release();
    const answered = await slow;
    expect(answered.status).toBe(200);
    const exit = await server.exited();
    const took = Date.now() - signalled;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(took).toBeLessThan(8000);
    expect(server.output).toMatch(/Drained: every request answered, claimed work finished, database pool closed/);
  }

  it('exits 1 after SHUTDOWN_TIMEOUT_MS when a request is still in flight, naming it, and saves nothing of it', async () => {
    await start({ SHUTDOWN_TIMEOUT_MS: '2000' });
    const locked = await lockedCase();
    const slow = api.event(locked.id, { type: 'ADD_NOTE', note: 'cut short' }, p.vcs.token).then(
      (res) => `answered ${res.status}`,
      (error: Error) => error.message,
    );
    try {
      await untilWaitingForLock(sql);
      const signalled = Date.now();
      server.send('SIGTERM');
      const exit = await server.exited();
      const took = Date.now() - signalled;
      expect(exit).toEqual({ code: 1, signal: null });
      expect(took).toBeGreaterThanOrEqual(1900);
      expect(took).toBeLessThan(4000);
      expect(server.output).toContain('Not drained within SHUTDOWN_TIMEOUT_MS=2000: exiting anyway');
      expect(server.output).toContain(`1 request(s) in flight [POST /api/v1/cases/${locked.id}/events (running`);
      // The client saw its connection end without an answer (fetch fails)...
      expect(await slow).toBe('fetch failed');
    } finally {
      await locked.release();
    }
    // ...and the database rolled its transaction back when the connection went.
    expect(await notesOf(locked.id)).toEqual([]);
  });
});
