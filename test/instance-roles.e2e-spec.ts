import { ManualClock } from './support/manual-clock';
import { breachOf45, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

/*
 * ROLE=api|worker on one database: the api instance serves HTTP and never fires a deadline; the
 * worker fires them (and sends mail) and answers only /health. Both share the database, as a
 * deployment with several instances does (on SQLite too, for one machine).
 */
describe('instance roles', () => {
  let db: TestDatabase;
  let api: TestApp;
  let worker: TestApp | undefined;
  // Both instances see the deadline passed from the start: only the worker may fire it.
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApp({ db, clock, env: { ROLE: 'api', TIMER_POLL_INTERVAL_MS: '50' } });
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  const waitFor = async (check: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('lets only the worker fire a passed deadline, and keeps the worker to /health', async () => {
    const p = await seedParties(api.api);
    const id = (await api.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id as string;
    clock.set('2026-12-10T00:00:00Z'); // the acknowledgement deadline (end of 8 December) has passed
    const events = async () => ((await api.api.get(`/api/v1/cases/${id}/history`, p.board.token)).body.entries as any[]).map((e) => e.eventType);

    // The api instance polls nothing: its health says so, and twenty of its poll intervals later the deadline has not fired.
    const apiHealth = await api.api.get('/health');
    expect(apiHealth.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await events()).toEqual(['CASE_RAISED']);

    worker = await startTestApp({ db, clock, env: { ROLE: 'worker', TIMER_POLL_INTERVAL_MS: '50' } });
    await waitFor(async () => (await events()).includes('ACKNOWLEDGEMENT_OVERDUE'), 'the worker to fire the deadline');
    expect((await events()).filter((e) => e === 'ACKNOWLEDGEMENT_OVERDUE')).toHaveLength(1);

    expect((await worker.api.get('/health')).status).toBe(200);
    for (const path of ['/api/v1/cases', '/api/v1/compact', '/', '/cases', '/api/docs']) {
      const res = await worker.api.get(path, p.vcs.token);
      expect({ path, status: res.status, code: res.body?.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
      expect(res.body.detail).toContain('ROLE=worker');
    }
    const write = await worker.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(write.status).toBe(404);
    // The refused write saved nothing: the claimant still has one case.
    expect((await api.api.get('/api/v1/cases', p.vcs.token)).body.items).toHaveLength(1);
  });
});
