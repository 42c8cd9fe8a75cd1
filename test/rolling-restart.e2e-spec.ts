import { Client } from 'pg';
import { ApiClient } from './support/api-client';
import { mapPool } from './support/case-factory';
import { InstanceFleet } from './support/instance-fleet';
import { breachOf45, seedParties } from './support/parties.fixture';
import { RoundRobinProxy } from './support/round-robin-proxy';
import { ensureBuilt } from './support/server-process';
import { createTestDatabase, TEST_DIALECT, TestDatabase } from './support/test-database';

jest.setTimeout(90_000);

/*
 * A rolling restart of three built servers (ROLE=all) on one PostgreSQL database, the way an
 * orchestrator does one: SIGTERM an instance, wait until it has exited, start it again, then the
 * next. Meanwhile a load generator adds notes to cases through a round-robin load balancer
 * (test/support/round-robin-proxy.ts) that sends only to instances whose /health is 200 and sends
 * a request elsewhere only when its connection was refused. SHUTDOWN_NOTICE_MS gives the balancer
 * time to see /health turn 503 before the listener closes (without it, a connection made in the
 * instant the listener closes is reset after its request was sent, which no balancer may retry
 * for a POST: measured here, one request in about 750 failed so). No request fails, every note
 * acknowledged is in the audit trail exactly once, and the deadlines falling due during the
 * restarts (demonstration clock: 5 s after each case was raised) fire once each.
 */
const onPostgres = TEST_DIALECT === 'postgres' ? describe : describe.skip;
const CASES = 12;
const CLIENTS = 6;

onPostgres('rolling restart of three instances under load', () => {
  let db: TestDatabase;
  let sql: Client;
  let fleet: InstanceFleet;
  let proxy: RoundRobinProxy;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    fleet = await InstanceFleet.start(3, db.url, {
      DEADLINE_UNIT: 'seconds',
      TIMER_POLL_INTERVAL_MS: '200',
      OUTBOX_POLL_INTERVAL_MS: '500',
      SHUTDOWN_TIMEOUT_MS: '10000',
      SHUTDOWN_NOTICE_MS: '500',
    });
    proxy = new RoundRobinProxy(fleet.ports);
    await proxy.start();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  }, 120_000);
  afterAll(async () => {
    await proxy?.stop();
    await fleet?.stop();
    await sql?.end();
    await db?.drop();
  });

  it('answers every request 2xx, and records each acknowledged note once, while each instance in turn drains and restarts', async () => {
    const api = new ApiClient(proxy.url);
    const p = await seedParties(api);
    const ids = await mapPool(Array.from({ length: CASES }), 4, async (_, i) => {
      const res = await api.post('/api/v1/cases', breachOf45(p, { title: `Rolling ${i}` }), p.vcs.token);
      expect(res.status).toBe(201);
      return res.body.id as string;
    });

    const acknowledged: string[] = [];
    const failures: string[] = [];
    let sent = 0;
    let running = true;
    const client = async (c: number) => {
      for (let n = 0; running; n++) {
        const note = `note ${c}-${n}`;
        sent += 1;
        try {
          const res = await api.event(ids[(c + n) % CASES], { type: 'ADD_NOTE', note }, p.vcs.token);
          if (res.status >= 200 && res.status < 300) acknowledged.push(note);
          else failures.push(`${note}: ${res.status} ${JSON.stringify(res.body)}`);
        } catch (error) {
          failures.push(`${note}: ${(error as Error).message}`);
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));

    const exits: Array<{ code: number | null; tookMs: number }> = [];
    for (const server of fleet.instances) {
      await new Promise((r) => setTimeout(r, 500));
      const signalled = Date.now();
      server.send('SIGTERM');
      const exit = await server.exited();
      exits.push({ code: exit.code, tookMs: Date.now() - signalled });
      await server.start(40_000);
      expect(server.output).not.toMatch(/Cannot start/);
    }
    await new Promise((r) => setTimeout(r, 1000));
    running = false;
    await load;
    console.log(
      `rolling restart: ${sent} requests, ${acknowledged.length} acknowledged, ${failures.length} failed, ${proxy.retried} sent again after a refused connection; ` +
        `exits ${JSON.stringify(exits)}; answered per instance ${JSON.stringify(proxy.backends.map((b) => b.answered))}`,
    );

    expect(failures).toEqual([]);
    expect(acknowledged.length).toBe(sent);
    expect(exits.map((e) => e.code)).toEqual([0, 0, 0]);
    for (const e of exits) expect(e.tookMs).toBeLessThan(10_000);
    // Every instance answered some of the load.
    for (const b of proxy.backends) expect(b.answered).toBeGreaterThan(0);

    const rows = (await sql.query(`SELECT payload FROM audit_entries WHERE event_type = 'ADD_NOTE' AND case_id = ANY($1)`, [ids])).rows;
    const recorded = rows.map((r) => JSON.parse(r.payload).note as string);
    const times = new Map<string, number>();
    for (const note of recorded) times.set(note, (times.get(note) ?? 0) + 1);
    expect([...times.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(new Set(recorded)).toEqual(new Set(acknowledged));

    // The acknowledgement deadlines (due while the instances restarted) fired once each.
    const overdue = (await sql.query(`SELECT case_id, count(*) AS n FROM audit_entries WHERE event_type = 'ACKNOWLEDGEMENT_OVERDUE' GROUP BY case_id`)).rows;
    expect(overdue).toHaveLength(CASES);
    expect(overdue.filter((r) => Number(r.n) !== 1)).toEqual([]);
  });
});
