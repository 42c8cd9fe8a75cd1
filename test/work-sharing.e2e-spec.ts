import { readdirSync } from 'node:fs';
import { DispatchOutboxUseCase, FireDueTimersUseCase, TimerRunReport } from '@compact/application';
import { mapPool } from './support/case-factory';
import { ManualClock } from './support/manual-clock';
import { breachOf45, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TEST_DIALECT, TestDatabase } from './support/test-database';

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(180_000);

/*
 * Three instances on one PostgreSQL database poll at the same moment, with 300 cases whose
 * acknowledgement deadlines (and the reminders before them) are all due. Each poll claims its own
 * batches (FOR UPDATE SKIP LOCKED), so the instances share the work: every deadline fires exactly
 * once, each instance applies a share, and no instance ever reaches for a timer another one has
 * already applied. Then their mail dispatchers run at once over the mail all that wrote: each
 * message is sent once, by one of them, and each sends a share.
 */
const onPostgres = TEST_DIALECT === 'postgres' ? describe : describe.skip;
const CASES = 300;

onPostgres('three instances share due timers', () => {
  let db: TestDatabase;
  const instances: TestApp[] = [];
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    // Small batches, so that the three polls overlap many times over.
    for (let i = 0; i < 3; i++) instances.push(await startTestApp({ db, clock, env: { TIMER_BATCH_SIZE: '20' } }));
  });
  afterAll(async () => {
    for (const t of instances) await t.close();
    await db?.drop();
  });

  it(`fires each of ${CASES} due deadlines exactly once, with every instance taking a share`, async () => {
    const [a] = instances;
    const p = await seedParties(a.api);
    const ids = await mapPool(Array.from({ length: CASES }), 8, async (_, i) => {
      const res = await instances[i % 3].api.post('/api/v1/cases', breachOf45(p, { title: `Case ${i}` }), p.vcs.token);
      expect(res.status).toBe(201);
      return res.body.id as string;
    });
    const pending = Number((await a.dataSource.query('SELECT count(*) AS n FROM case_timers'))[0].n);
    expect(pending).toBeGreaterThanOrEqual(CASES);

    clock.set('2026-12-10T00:00:00Z'); // every acknowledgement deadline (end of 8 December) and its reminder has passed
    const totals = instances.map((): TimerRunReport => ({ fired: 0, reminded: 0, stale: 0, busy: 0, gone: 0, errors: 0 }));
    // All three poll at once; a timer left because its case was busy goes in a later round.
    for (let round = 0; round < 10; round++) {
      const reports = await Promise.all(instances.map((t) => t.app.get(FireDueTimersUseCase).runOnce()));
      reports.forEach((r, i) => (Object.keys(r) as Array<keyof TimerRunReport>).forEach((k) => (totals[i][k] += r[k])));
      if (reports.every((r) => r.fired + r.reminded + r.stale + r.busy === 0)) break;
    }
    console.log(`timer sharing: ${JSON.stringify(totals)}`);

    // Nothing is left due, and nothing failed.
    const due = await a.dataSource.query('SELECT count(*) AS n FROM case_timers WHERE due_at <= $1', [Date.parse('2026-12-10T00:00:00Z')]);
    expect(Number(due[0].n)).toBe(0);
    expect(totals.map((t) => t.errors)).toEqual([0, 0, 0]);

    // From the audit trails: each case's deadline fired exactly once.
    const fired = await a.dataSource.query(
      `SELECT case_id, count(*) AS n FROM audit_entries WHERE event_type = 'ACKNOWLEDGEMENT_OVERDUE' GROUP BY case_id`,
    );
    expect(fired).toHaveLength(CASES);
    expect(fired.every((row: { n: string }) => Number(row.n) === 1)).toBe(true);
    expect(new Set(fired.map((row: { case_id: string }) => row.case_id))).toEqual(new Set(ids));
    expect(totals.reduce((n, t) => n + t.fired, 0)).toBe(CASES);

    // Shared: each instance applied some; disjoint: no instance claimed a timer another had applied.
    for (const t of totals) expect(t.fired + t.reminded).toBeGreaterThan(0);
    expect(totals.map((t) => t.gone)).toEqual([0, 0, 0]);
  });

  it('sends each waiting message once, from one instance, with every instance sending a share', async () => {
    const [a] = instances;
    const waiting = Number((await a.dataSource.query(`SELECT count(*) AS n FROM outbox_messages WHERE status = 'pending'`))[0].n);
    expect(waiting).toBeGreaterThanOrEqual(CASES);
    const sent = [0, 0, 0];
    for (let round = 0; round < 20; round++) {
      const reports = await Promise.all(instances.map((t) => t.app.get(DispatchOutboxUseCase).runOnce()));
      reports.forEach((r, i) => (sent[i] += r.sent));
      if (reports.every((r) => r.sent + r.retrying + r.failed === 0)) break;
    }
    console.log(`mail sharing: ${waiting} messages sent as ${JSON.stringify(sent)}`);
    const statuses = await a.dataSource.query('SELECT status, count(*) AS n FROM outbox_messages GROUP BY status');
    expect(statuses.map((row: { status: string; n: string }) => [row.status, Number(row.n)])).toEqual([['sent', waiting]]);
    // One .eml file per message, in the folder of the instance that sent it, and none in two.
    const files = instances.map((t) => readdirSync(t.config.mailDir).filter((f) => f.endsWith('.eml')));
    expect(files.map((f) => f.length)).toEqual(sent);
    const ids = files.flat().map((f) => f.replace(/\.eml$/, '').split('_').pop());
    expect(new Set(ids).size).toBe(waiting);
    for (const n of sent) expect(n).toBeGreaterThan(0);
  });
});
