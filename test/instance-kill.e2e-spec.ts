import { Client } from 'pg';
import { ApiClient } from './support/api-client';
import { mapPool } from './support/case-factory';
import { InstanceFleet } from './support/instance-fleet';
import { breachOf45, seedParties } from './support/parties.fixture';
import { ensureBuilt } from './support/server-process';
import { createTestDatabase, TEST_DIALECT, TestDatabase } from './support/test-database';

jest.setTimeout(90_000);

/*
 * Three built servers (ROLE=all) on one PostgreSQL database, on the demonstration clock
 * (DEADLINE_UNIT=seconds: the respondent's acknowledgement is due 5 s after a case is raised, its
 * reminder after 3 s). 150 cases are raised at once, so their deadlines fall due together. While
 * the instances fire them, one is killed (SIGKILL) at a moment it holds claims on timers it has
 * not applied yet. Afterwards every deadline has fired exactly once, counted in the audit trails,
 * and the two survivors applied the dead instance's claimed timers once its claims ran out
 * (TIMER_CLAIM_MS).
 */
const onPostgres = TEST_DIALECT === 'postgres' ? describe : describe.skip;
const CASES = 150;

interface HeldTimer {
  id: string;
  case_id: string;
  event_type: string;
}

onPostgres('SIGKILL of one of three instances while they fire due deadlines', () => {
  let db: TestDatabase;
  let sql: Client;
  let fleet: InstanceFleet;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    fleet = await InstanceFleet.start(3, db.url, {
      DEADLINE_UNIT: 'seconds',
      TIMER_POLL_INTERVAL_MS: '200',
      TIMER_BATCH_SIZE: '20',
      TIMER_CLAIM_MS: '3000',
      OUTBOX_POLL_INTERVAL_MS: '500',
    });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  }, 120_000);
  afterAll(async () => {
    await fleet?.stop();
    await sql?.end();
    await db?.drop();
  });

  const count = async (query: string, params: unknown[] = []) => Number((await sql.query(query, params)).rows[0].n);
  const overdueCount = () => count(`SELECT count(*) AS n FROM audit_entries WHERE event_type = 'ACKNOWLEDGEMENT_OVERDUE'`);
  const claimsBy = async (pid: number): Promise<HeldTimer[]> =>
    (await sql.query(`SELECT id, case_id, event_type FROM case_timers WHERE claimed_by LIKE $1`, [`%:${pid}:%`])).rows;

  it(`fires each of ${CASES} deadlines exactly once, the survivors taking over what the killed instance had claimed`, async () => {
    const apis = fleet.instances.map((s) => new ApiClient(s.baseUrl));
    const p = await seedParties(apis[0]);
    const ids = await mapPool(Array.from({ length: CASES }), 12, async (_, i) => {
      const res = await apis[i % 3].post('/api/v1/cases', breachOf45(p, { title: `Case ${i}` }), p.vcs.token);
      expect(res.status).toBe(201);
      return res.body.id as string;
    });

    // In the middle of firing: freeze an instance that holds claims, look at what it holds, and
    // kill it if that is anything (else let it go on and look again).
    let victim = -1;
    let held: HeldTimer[] = [];
    const until = Date.now() + 20_000;
    while (victim < 0 && Date.now() < until) {
      const fired = await overdueCount();
      const owners = (await sql.query(`SELECT DISTINCT claimed_by FROM case_timers WHERE claimed_by IS NOT NULL`)).rows.map((r) => r.claimed_by as string);
      const candidate = owners.map((o) => fleet.indexOfOwner(o)).find((i) => i >= 0);
      if (fired === 0 || candidate === undefined) {
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      const server = fleet.instances[candidate];
      server.send('SIGSTOP');
      const claims = await claimsBy(server.pid!);
      if (claims.length === 0) {
        server.send('SIGCONT');
        continue;
      }
      server.send('SIGKILL');
      await server.exited();
      victim = candidate;
      // Its connections are gone, so whatever it was applying rolled back: these timers were not applied by it.
      held = await claimsBy(server.pid ?? -1);
      if (held.length === 0) held = claims;
    }
    expect(victim).toBeGreaterThanOrEqual(0);
    const firedAtKill = await overdueCount();
    console.log(`killed instance ${victim} holding ${held.length} claimed timer(s), with ${firedAtKill} of ${CASES} deadlines fired`);
    expect(firedAtKill).toBeLessThan(CASES);
    expect(held.length).toBeGreaterThan(0);

    // The survivors fire the rest, the dead instance's claimed timers once their claims run out.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const left = await count(`SELECT count(*) AS n FROM case_timers WHERE due_at <= $1`, [Date.now() - 1000]);
      if (left === 0 && (await overdueCount()) >= CASES) break;
      await new Promise((r) => setTimeout(r, 250));
    }

    const perCase = (await sql.query(`SELECT case_id, count(*) AS n FROM audit_entries WHERE event_type = 'ACKNOWLEDGEMENT_OVERDUE' GROUP BY case_id`)).rows;
    expect(perCase).toHaveLength(CASES);
    expect(perCase.filter((r) => Number(r.n) !== 1)).toEqual([]);
    expect(new Set(perCase.map((r) => r.case_id))).toEqual(new Set(ids));
    // No reminder was queued twice. A reminder may be missing: where the killed instance held it,
    // its deadline (due a second later on this clock) can fire first once the claim runs out, and
    // the deadline's firing cancels the reminder it made obsolete (see the README's Limits).
    const reminders = (await sql.query(`SELECT case_id, count(*) AS n FROM outbox_messages WHERE kind = 'reminder' GROUP BY case_id`)).rows;
    expect(reminders.filter((r) => Number(r.n) !== 1)).toEqual([]);
    expect(reminders.every((r) => ids.includes(r.case_id))).toBe(true);
    console.log(`reminders queued for ${reminders.length} of ${CASES} cases`);
    // What the killed instance held is applied (its rows are gone) and no claim of it is left.
    const remaining = (await sql.query(`SELECT id FROM case_timers WHERE id = ANY($1)`, [held.map((t) => t.id)])).rows;
    expect(remaining).toEqual([]);
    for (const t of held.filter((h) => h.event_type === 'ACKNOWLEDGEMENT_OVERDUE')) {
      expect(perCase.find((r) => r.case_id === t.case_id)?.n).toBe('1');
    }
    // The trails still verify (twenty of them, read through a survivor).
    const verified = await mapPool(ids.slice(0, 20), 4, async (id) => (await apis[(victim + 1) % 3].get(`/api/v1/cases/${id}/history/verify`, p.board.token)).body.valid);
    expect(verified.every(Boolean)).toBe(true);
  });
});
