import { TRUST_LISTENER_NAME } from '@compact/persistence';
import { ManualClock } from './support/manual-clock';
import { seedParties } from './support/parties.fixture';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TEST_DIALECT, TestDatabase } from './support/test-database';

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

/*
 * Two instances on one PostgreSQL database. Each caches the API tokens it has found for 30 s; a
 * person deactivated on one instance (or anywhere that writes the database through the product)
 * is announced with NOTIFY, and the other instance stops trusting their token at once. SQLite runs
 * on one machine and needs none of this.
 */
const onPostgres = TEST_DIALECT === 'postgres' ? describe : describe.skip;

onPostgres('changes of trust reach every instance (LISTEN/NOTIFY)', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await startTestApp({ db, clock, env: { ROLE: 'api' } });
    b = await startTestApp({ db, clock, env: { ROLE: 'api' } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await db?.drop();
  });

  const statusOn = async (t: TestApp, token: string) => (await t.api.get('/api/v1/cases', token)).status;
  const until = async (check: () => Promise<boolean>, limitMs: number): Promise<number> => {
    const started = Date.now();
    while (Date.now() - started < limitMs) {
      if (await check()) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`not within ${limitMs} ms`);
  };

  it('trusts a cached token until told: a change written without an announcement is not seen for 30 s', async () => {
    const p = await seedParties(a.api, ' (silent)');
    expect(await statusOn(b, p.vcs2.token)).toBe(200); // b now holds the token in its cache
    // Taken away behind the product's back: no announcement.
    await a.dataSource.query('DELETE FROM api_tokens WHERE user_id = $1', [p.vcs2.userId]);
    expect(await statusOn(a, p.vcs2.token)).toBe(401); // a's cache never held it
    await new Promise((r) => setTimeout(r, 1500));
    expect(await statusOn(b, p.vcs2.token)).toBe(200); // the cache this suite is about is real
  });

  it('stops trusting a deactivated person on the other instance within a second', async () => {
    const p = await seedParties(a.api, ' (notified)');
    expect(await statusOn(b, p.council.token)).toBe(200);
    const deactivated = await a.api.post(`/api/v1/users/${p.council.userId}/deactivate`, undefined, ADMIN_TOKEN);
    expect(deactivated.status).toBe(200);
    const ms = await until(async () => (await statusOn(b, p.council.token)) === 401, 5_000);
    console.log(`trust change reached the other instance in ${ms} ms`);
    expect(await statusOn(b, p.vcs.token)).toBe(200); // nobody else is affected
  });

  it('forgets every cached token when its listening connection was lost, since announcements may have been missed', async () => {
    const p = await seedParties(a.api, ' (lost)');
    expect(await statusOn(b, p.mediator.token)).toBe(200);
    await a.dataSource.query('DELETE FROM api_tokens WHERE user_id = $1', [p.mediator.userId]);
    const listeners = await a.dataSource.query(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
      [TRUST_LISTENER_NAME],
    );
    expect(listeners.length).toBe(2); // one per instance
    await until(async () => (await statusOn(b, p.mediator.token)) === 401, 10_000);
    // Listening again: the next announcement is heard.
    await until(async () => Number((await a.dataSource.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [TRUST_LISTENER_NAME]))[0].n) === 2, 10_000);
    expect(await statusOn(b, p.board.token)).toBe(200);
    expect((await a.api.post(`/api/v1/users/${p.board.userId}/deactivate`, undefined, ADMIN_TOKEN)).status).toBe(200);
    await until(async () => (await statusOn(b, p.board.token)) === 401, 5_000);
  });
});
