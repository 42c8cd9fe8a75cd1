import { FireDueTimersUseCase } from '@compact/application';
import { ManualClock } from './support/manual-clock';
import { listOutbox } from './support/outbox-listing';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { startTestApp, TestApp } from './support/test-app';

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

/*
 * compact-dispute v2's notice of external time limits, over HTTP on a real database: a case raised
 * about a decision (`decisionDate`) records judicial review's 3 months from the decision beside the
 * ombudsman's 12 months from awareness; the claimant is reminded of each ahead of time, whatever
 * the stage, with the words that negotiating does not stop the clock.
 */

describe('external time limits of compact-dispute v2', () => {
  let t: TestApp;
  let p: Parties;
  let timers: FireDueTimersUseCase;
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z')); // a Tuesday

  beforeAll(async () => {
    t = await startTestApp({ clock });
    p = await seedParties(t.api);
    timers = t.app.get(FireDueTimersUseCase);
  });
  afterAll(() => t.close());

  const keysOf = (view: any) => view.deadlines.map((d: any) => d.key) as string[];

  it('records judicial review from the decision and the ombudsman from awareness, and reminds the claimant in negotiation', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const raised = await t.api.post('/api/v1/cases', breachOf45(p, { decisionDate: '2026-10-30' }), p.vcs.token);
    expect(raised.status).toBe(201);
    const id = raised.body.id as string;
    expect(raised.body.details.decisionDate).toBe('2026-10-30');
    const limits = Object.fromEntries(
      raised.body.deadlines.filter((d: any) => d.key.startsWith('reminder.')).map((d: any) => [d.key, [d.dueDate, d.rule]]),
    );
    expect(limits).toEqual({
      'reminder.judicial-review-first': ['2027-01-30', '1 month before the 3 months time limit'],
      'reminder.judicial-review-final': ['2027-01-30', '10 working days before the 3 months time limit'],
      'reminder.ombudsman-first': ['2027-11-02', '3 months before the 12 months time limit'],
      'reminder.ombudsman-final': ['2027-11-02', '1 month before the 12 months time limit'],
    });
    const history = (await t.api.get(`/api/v1/cases/${id}/history`, p.board.token)).body.entries;
    expect(history[0].payload).toMatchObject({ decisionDate: '2026-10-30', workflow: 'compact-dispute/v2' });

    expect((await t.api.event(id, { type: 'ACKNOWLEDGE' }, p.council.token)).status).toBe(200);
    clock.set('2027-01-19T09:00:00Z'); // both judicial review reminders are due by now; negotiation goes on
    await timers.runOnce();
    const view = (await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body;
    expect(view.state).toBe('negotiation');
    expect(view.details.judicialReviewRemindedAt).not.toBeNull();
    expect(keysOf(view)).not.toContain('reminder.judicial-review-first');
    expect(keysOf(view)).toContain('reminder.ombudsman-first');
    const mail = (await listOutbox(t.api, p.admin.token)).filter((m) => m.caseId === id && m.kind === 'time-limit');
    expect(mail).toHaveLength(2);
    expect(mail[0].subject).toContain('Saturday 30 January 2027');
    // The text as it will be sent, from the outbox row itself.
    const [row] = await t.dataSource.query(`SELECT text_body, to_addresses FROM outbox_messages WHERE id = '${mail[0].id}'`);
    const text = String(row.text_body).replace(/\s+/g, ' ');
    expect(text).toContain('A claim for judicial review must be brought promptly');
    expect(text).toContain('does not stop this clock');
    // To the claimant's people only (seedParties: the VCS user is user1, the council's user3).
    expect(String(row.to_addresses)).toContain('user1@example.org');
    expect(String(row.to_addresses)).not.toContain('user3@example.org');
    expect((await t.api.get(`/api/v1/cases/${id}/history/verify`, p.board.token)).body.valid).toBe(true);
  });

  it('records only the ombudsman limit for a case not about a decision', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const raised = await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(raised.status).toBe(201);
    expect(keysOf(raised.body).filter((k) => k.startsWith('reminder.'))).toEqual(['reminder.ombudsman-first', 'reminder.ombudsman-final']);
  });

  it('refuses a decision date in the future or that does not exist, raising nothing', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const before = (await t.api.get('/api/v1/cases', p.vcs.token)).body;
    expectProblem(await t.api.post('/api/v1/cases', breachOf45(p, { decisionDate: '2026-12-02' }), p.vcs.token), 400, 'VALIDATION_FAILED', ['decisionDate']);
    expectProblem(await t.api.post('/api/v1/cases', breachOf45(p, { decisionDate: '2026-02-30' }), p.vcs.token), 400, 'VALIDATION_FAILED', ['decisionDate']);
    expectProblem(await t.api.post('/api/v1/cases', breachOf45(p, { decisionDate: 20261030 }), p.vcs.token), 400, 'VALIDATION_FAILED', ['decisionDate']);
    expect((await t.api.get('/api/v1/cases', p.vcs.token)).body).toEqual(before);
  });
});
