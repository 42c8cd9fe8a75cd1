import { randomUUID } from 'node:crypto';
import { MIGRATIONS } from '@compact/persistence';
import { breachOf45, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

const DAY = 86_400_000;

/*
 * Answers given before feedback was kept with the day only: the migration rounds their times (and
 * their links' use) down to the day, on a real database of either dialect, and leaves unused links
 * and times already rounded as they are.
 */
describe('migration FeedbackDayOnly1765950000000', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('rounds the times of answers and used links down to their day, and nothing else', async () => {
    t = await startTestApp();
    const p = await seedParties(t.api);
    const raised = await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(raised.status).toBe(201);
    const caseId = raised.body.id as string;
    const pg = t.dataSource.options.type === 'postgres';
    const sql = (text: string, params: unknown[] = []) => {
      let n = 0;
      return t.dataSource.query(pg ? text.replace(/\?/g, () => `$${++n}`) : text, params);
    };
    const moment = Date.UTC(2026, 5, 15, 14, 37, 12, 345);
    const day = Date.UTC(2026, 5, 15);
    const rows = [
      { id: randomUUID(), usedAt: moment, submittedAt: moment },
      { id: randomUUID(), usedAt: day + 2 * DAY, submittedAt: day + 2 * DAY },
      { id: randomUUID(), usedAt: null, submittedAt: null },
    ];
    for (const [i, r] of rows.entries()) {
      await sql(
        'INSERT INTO feedback_invitations (id, case_id, role, stage, ended_year, token_hash, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [r.id, caseId, 'claimant', 'negotiation', 2026, String(i).repeat(64), moment + 90 * DAY, r.usedAt, moment - DAY + 1],
      );
      if (r.submittedAt !== null) {
        await sql(
          'INSERT INTO feedback_responses (id, invitation_id, case_id, role, stage, ended_year, fair, understood, timely, use_again, comment, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [randomUUID(), r.id, caseId, 'claimant', 'negotiation', 2026, 4, 4, 4, 1, null, r.submittedAt],
        );
      }
    }
    const runner = t.dataSource.createQueryRunner();
    try {
      const migration = MIGRATIONS.find((m) => m.name === 'FeedbackDayOnly1765950000000')!;
      await new migration().up(runner);
    } finally {
      await runner.release();
    }
    const invitations = await sql('SELECT id, used_at, created_at, expires_at FROM feedback_invitations ORDER BY created_at, id');
    const used = new Map(invitations.map((r: any) => [r.id, r.used_at === null ? null : Number(r.used_at)]));
    expect(rows.map((r) => used.get(r.id))).toEqual([day, day + 2 * DAY, null]);
    // Only the moment of use and of answering: when a link was made and when it expires are not answers.
    for (const r of invitations) expect([Number(r.created_at), Number(r.expires_at)]).toEqual([moment - DAY + 1, moment + 90 * DAY]);
    const answered = await sql('SELECT invitation_id, submitted_at FROM feedback_responses');
    expect(new Map(answered.map((r: any) => [r.invitation_id, Number(r.submitted_at)]))).toEqual(new Map([[rows[0].id, day], [rows[1].id, day + 2 * DAY]]));
  });
});
