import { ManualClock } from './support/manual-clock';
import { breachOf45, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TEST_DIALECT, TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

/*
 * The statements one event costs on PostgreSQL, counted at the driver: each call of the `pg`
 * client's `query` is one round trip (node-postgres waits for each answer before the next on a
 * connection), BEGIN and COMMIT included. The aim is at most six for a note on a case; the list
 * of statements is printed when it is missed, so that whoever adds one sees which.
 */
const onPostgres = TEST_DIALECT === 'postgres' ? describe : describe.skip;

type Query = (this: unknown, ...args: unknown[]) => unknown;

onPostgres('round trips of one event on PostgreSQL', () => {
  let db: TestDatabase;
  let t: TestApp;
  const texts: string[] = [];
  let recording = false;
  const pg = require('pg') as { Client: { prototype: { query: Query } } };
  const original = pg.Client.prototype.query;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp({ db, clock: new ManualClock(new Date('2026-12-01T10:00:00Z')) });
    pg.Client.prototype.query = function counted(this: unknown, ...args: unknown[]) {
      if (recording) {
        const first = args[0];
        const sql = typeof first === 'string' ? first : String((first as { text?: string })?.text ?? '(query object)');
        texts.push(sql.replace(/\s+/g, ' ').slice(0, 90));
      }
      return original.apply(this, args);
    };
  });
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await t?.close();
    await db?.drop();
  });

  it('a note costs at most six statements, its transaction included', async () => {
    const p = await seedParties(t.api);
    const raised = await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(raised.status).toBe(201);
    const id = raised.body.id as string;
    // Once to warm the caches (the caller's token, the organisations), then counted.
    expect((await t.api.post(`/api/v1/cases/${id}/events`, { type: 'ADD_NOTE', note: 'warm' }, p.vcs.token)).status).toBe(200);
    recording = true;
    const res = await t.api.post(`/api/v1/cases/${id}/events`, { type: 'ADD_NOTE', note: 'counted' }, p.vcs.token);
    recording = false;
    expect(res.status).toBe(200);
    // The answer still carries the case's deadlines (read once, before the step).
    expect(res.body.deadlines.length).toBeGreaterThan(0);
    expect(texts.some((s) => /^(START TRANSACTION|BEGIN)/i.test(s))).toBe(true);
    expect(texts.some((s) => /^INSERT INTO "?audit_entries/i.test(s))).toBe(true);
    if (texts.length > 6) throw new Error(`${texts.length} statements for one note:\n${texts.join('\n')}`);
    expect(texts.length).toBeLessThanOrEqual(6);
  });
});
