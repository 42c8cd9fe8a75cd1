import { Client } from 'pg';
import { FireDueTimersUseCase } from '@compact/application';
import { ManualClock } from './support/manual-clock';
import { breachOf45, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TEST_DIALECT, TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

/*
 * On PostgreSQL another instance's claiming poll can hold a timer's row for a moment (its
 * `FOR UPDATE SKIP LOCKED` locks rows it then finds claimed). A poll that meets such a row must
 * leave the timer for its next run, as it does a busy case: not count it gone, not apply it, not
 * wait. Here a second connection holds the row, as that poll would.
 */
const onPostgres = TEST_DIALECT === 'postgres' ? describe : describe.skip;

onPostgres('a timer whose row another transaction holds', () => {
  let db: TestDatabase;
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp({ db, clock });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('is left for the next poll, then applied once the row is free', async () => {
    const p = await seedParties(t.api);
    const raised = await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(raised.status).toBe(201);
    const caseId = raised.body.id as string;
    const [first] = await t.dataSource.query(`SELECT id, event_type FROM case_timers WHERE case_id = $1 ORDER BY due_at, id LIMIT 1`, [caseId]);
    clock.set('2026-12-10T00:00:00Z'); // past the acknowledgement deadline and its reminder

    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM case_timers WHERE id = $1 FOR UPDATE', [first.id]);
      const fire = t.app.get(FireDueTimersUseCase);
      // Answered while the row is still held: the poll did not wait for the lock.
      expect(await fire.fire({ id: first.id, caseId })).toBe('busy');
      const still = await t.dataSource.query('SELECT id FROM case_timers WHERE id = $1', [first.id]);
      expect(still).toHaveLength(1);
      await holder.query('COMMIT');

      const report = await fire.runOnce();
      expect(report.gone).toBe(0);
      expect(report.busy).toBe(0);
      expect(report.fired).toBe(1); // the deadline (and its reminder before it, if that was the one held)
      expect(await t.dataSource.query('SELECT id FROM case_timers WHERE id = $1', [first.id])).toHaveLength(0);
      const overdue = await t.dataSource.query(`SELECT seq FROM audit_entries WHERE case_id = $1 AND event_type = 'ACKNOWLEDGEMENT_OVERDUE'`, [caseId]);
      expect(overdue).toHaveLength(1);
    } finally {
      await holder.end();
    }
  });
});
