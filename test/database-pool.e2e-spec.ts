import { FireDueTimersUseCase } from '@compact/application';
import { TRUST_LISTENER_NAME } from '@compact/persistence';
import { ManualClock } from './support/manual-clock';
import { breachOf45, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DIALECT } from './support/test-database';

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

/*
 * DATABASE_POOL_SIZE and DATABASE_STATEMENT_TIMEOUT_MS on PostgreSQL (SQLite has one connection and
 * no server to time statements out): an instance never opens more connections than its pool
 * allows, however many requests arrive at once, and a statement that runs too long is cancelled by
 * the server instead of holding its connection.
 */
const onPostgres = TEST_DIALECT === 'postgres' ? describe : describe.skip;

onPostgres('the PostgreSQL pool of one instance', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { DATABASE_POOL_SIZE: '2', DATABASE_STATEMENT_TIMEOUT_MS: '1500' } });
  });
  afterAll(() => t?.close());

  const connections = async (): Promise<number> =>
    // The pool's connections; the one that listens for changes of trust is its own, outside the pool.
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name <> $1`, [TRUST_LISTENER_NAME]))[0].n);

  it('sets the statement timeout on its connections, and the server cancels a statement that runs longer', async () => {
    expect((await t.dataSource.query('SHOW statement_timeout'))[0].statement_timeout).toBe('1500ms');
    await expect(t.dataSource.query('SELECT pg_sleep(3)')).rejects.toThrow(/statement timeout/);
    // The connection is free again: the next statement runs.
    expect((await t.dataSource.query('SELECT 1 AS one'))[0].one).toBe(1);
  });

  it('serves many requests at once on no more connections than DATABASE_POOL_SIZE', async () => {
    const p = await seedParties(t.api);
    const raised = await Promise.all(Array.from({ length: 12 }, () => t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)));
    expect(raised.map((r) => r.status)).toEqual(Array(12).fill(201));
    const reads = await Promise.all(raised.map((r) => t.api.get(`/api/v1/cases/${r.body.id}`, p.council.token)));
    expect(reads.every((r) => r.status === 200)).toBe(true);
    expect(await connections()).toBeLessThanOrEqual(2);
    expect(await connections()).toBeGreaterThanOrEqual(1);
  });

  it('answers 503 with Retry-After, saving nothing, when a case stays locked past the timeout; the same event then succeeds', async () => {
    const p = await seedParties(t.api, ' (locked)');
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id as string;
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [id]);
      const busy = await t.api.event(id, { type: 'ACKNOWLEDGE' }, p.council.token);
      expect({ status: busy.status, code: busy.body.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(busy.headers.get('retry-after')).toBe('1');
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    const history = (await t.api.get(`/api/v1/cases/${id}/history`, p.board.token)).body.entries;
    expect(history.map((e: any) => e.eventType)).toEqual(['CASE_RAISED']);
    expect((await t.api.event(id, { type: 'ACKNOWLEDGE' }, p.council.token)).status).toBe(200);
  });
  it('never waits for a busy case to fire its deadline: the timer is left for the next poll, then fires once', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const p = await seedParties(t.api, ' (busy)');
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id as string;
    clock.set('2026-12-10T00:00:00Z');
    const timers = t.app.get(FireDueTimersUseCase);
    const events = async () => ((await t.api.get(`/api/v1/cases/${id}/history`, p.board.token)).body.entries as any[]).map((e) => e.eventType);
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      await holder.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [id]);
      // Were the worker to wait for the lock, the statement timeout (1.5 s) would cancel it as an error.
      // (Cases of the tests above, not held, fire meanwhile.)
      const report = await timers.runOnce();
      expect(report).toMatchObject({ errors: 0 });
      expect(report.busy).toBeGreaterThanOrEqual(1);
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await events()).toEqual(['CASE_RAISED']);
    const after = await timers.runOnce();
    expect(after).toMatchObject({ busy: 0, errors: 0 });
    expect((await events()).filter((e) => e === 'ACKNOWLEDGEMENT_OVERDUE')).toHaveLength(1);
  });
});
