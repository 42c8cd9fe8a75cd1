import { FireDueTimersUseCase } from '@compact/application';
import { ManualClock } from './support/manual-clock';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DIALECT } from './support/test-database';
import { listOutbox } from './support/outbox-listing';

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

const HOUR = 3_600_000;

/*
 * The deadlines of compact-dispute v1 as released (cases on v1 keep running for years): new cases of
 * this suite start on v1. v2's own deadlines (agreed actions, extensions, time limits from the start)
 * are in agreements.e2e-spec.ts.
 */
const ON_V1 = { WORKFLOW_DEFAULT: 'compact-dispute/v1' };

describe('deadlines fire through the engine as the system (injected clock)', () => {
  let t: TestApp;
  let p: Parties;
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z')); // Tuesday
  let timers: FireDueTimersUseCase;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: ON_V1 });
    p = await seedParties(t.api);
    timers = t.app.get(FireDueTimersUseCase);
  });
  afterAll(() => t.close());

  async function raise() {
    const res = await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  const history = async (id: string) => (await t.api.get(`/api/v1/cases/${id}/history`, p.board.token)).body.entries as any[];
  const outbox = () => listOutbox(t.api, p.admin.token);

  it('lists the pending deadline with its rule and calendar, on the case and across cases', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = await raise();
    const view = (await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body;
    const ack = view.deadlines.find((d: any) => d.key === 'deadline.acknowledgement');
    expect(ack).toMatchObject({
      purpose: 'deadline',
      event: 'ACKNOWLEDGEMENT_OVERDUE',
      dueDate: '2026-12-08',
      dueAt: '2026-12-09T00:00:00.000Z',
      rule: '5 working days',
      calendarId: 'england-and-wales/date-holidays@3.37.0/closures:none',
    });
    const across = await t.api.get('/api/v1/deadlines?due_before=2026-12-10', p.council.token);
    expect(across.status).toBe(200);
    expect(across.body.map((d: any) => d.caseId)).toContain(id);
    const foreign = await t.api.get('/api/v1/deadlines?due_before=2026-12-10', p.vcs2.token);
    expect(foreign.body.map((d: any) => d.caseId)).not.toContain(id);
    const early = await t.api.get('/api/v1/deadlines?due_before=2026-12-08', p.council.token);
    expect(early.body.map((d: any) => d.caseId)).not.toContain(id);
    expect((await t.api.get('/api/v1/deadlines?due_before=soon', p.council.token)).status).toBe(400);
  });

  it('queues the reminder two working days before, then applies ACKNOWLEDGEMENT_OVERDUE once when it passes', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = await raise();
    const before = (await outbox()).length;

    clock.set('2026-12-04T00:00:01Z'); // reminder due at the start of Fri 4 Dec (2 working days before Tue 8 Dec)
    expect(await timers.runOnce()).toMatchObject({ reminded: expect.any(Number), errors: 0 });
    const reminders = (await outbox()).filter((m) => m.caseId === id && m.kind === 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].subject).toContain('by Tuesday 8 December 2026');
    expect((await outbox()).length).toBeGreaterThan(before);

    clock.set('2026-12-08T23:59:59Z');
    await timers.runOnce();
    expect((await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body.statePath).toBe('raised.awaitingAcknowledgement');

    clock.set('2026-12-09T00:00:00Z');
    await timers.runOnce();
    await timers.runOnce();
    const view = (await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body;
    expect(view.statePath).toBe('raised.acknowledgementOverdue');
    expect(view.allowedEvents).toEqual(expect.arrayContaining(['REFER_TO_MEDIATION', 'ESCALATE_FORMAL']));
    const overdue = (await history(id)).filter((e) => e.eventType === 'ACKNOWLEDGEMENT_OVERDUE');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ actor: { type: 'system' }, fromState: 'raised.awaitingAcknowledgement' });
    expect(overdue[0].payload).toMatchObject({ timer: 'deadline.acknowledgement', rule: '5 working days' });
    const passed = (await outbox()).filter((m) => m.caseId === id && m.kind === 'deadline-passed');
    expect(passed).toHaveLength(1);
    expect((await t.api.get(`/api/v1/cases/${id}/history/verify`, p.board.token)).body.valid).toBe(true);
  });

  it('cancels a deadline when its state is left, so nothing fires later', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = await raise();
    expect((await t.api.event(id, { type: 'ACKNOWLEDGE' }, p.council.token)).status).toBe(200);
    const view = (await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body;
    expect(view.deadlines.map((d: any) => d.key)).toEqual(['deadline.negotiation:reminder', 'deadline.negotiation']);
    clock.set('2026-12-20T00:00:00Z');
    await timers.runOnce();
    expect((await history(id)).map((e) => e.eventType)).toEqual(['CASE_RAISED', 'ACKNOWLEDGE']);
  });

  it('treats a timer whose event the case no longer accepts as a no-op recorded nowhere', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = await raise();
    await t.api.event(id, { type: 'ACKNOWLEDGE' }, p.council.token);
    // A stale row left behind (as if a cancel had been lost): ACKNOWLEDGEMENT_OVERDUE in negotiation.
    await t.dataSource.query(
      `INSERT INTO case_timers (id, case_id, timer_key, purpose, event_type, due_at, due_date, rule, calendar_id, deadline_key, created_at)
       VALUES ('00000000-0000-4000-8000-00000000dead', '${id}', 'deadline.acknowledgement', 'deadline', 'ACKNOWLEDGEMENT_OVERDUE',
               ${Date.parse('2026-12-02T00:00:00Z')}, '2026-12-01', '5 working days', 'test', NULL, 0)`,
    );
    const version = (await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body.version;
    clock.set('2026-12-02T00:00:01Z');
    const report = await timers.runOnce();
    expect(report.stale).toBe(1);
    const after = (await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body;
    expect(after.version).toBe(version);
    expect((await history(id)).map((e) => e.eventType)).toEqual(['CASE_RAISED', 'ACKNOWLEDGE']);
    expect(after.deadlines.map((d: any) => d.key)).not.toContain('deadline.acknowledgement');
  });

  it('fires the proposal, negotiation-period and mediator deadlines and the ombudsman reminders', async () => {
    clock.set('2027-01-04T09:00:00Z'); // Monday
    const id = await raise();
    const send = async (type: string, token: string, payload: object = {}) => {
      const res = await t.api.event(id, { type, ...payload }, token);
      expect({ type, status: res.status }).toEqual({ type, status: 200 });
      return res.body;
    };
    await send('ACKNOWLEDGE', p.council.token);
    await send('PROPOSE_RESOLUTION', p.vcs.token, { proposal: 'Restore the grant until March.' });
    clock.advance(15 * 24 * HOUR); // past 10 working days
    await timers.runOnce();
    let view = (await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body;
    expect(view.statePath).toBe('negotiation.discussing');
    expect(view.details.referralUnlockedBy).toBe('proposal-overdue');

    clock.advance(60 * 24 * HOUR); // past 40 working days of negotiation
    await timers.runOnce();
    expect((await history(id)).map((e) => e.eventType)).toContain('NEGOTIATION_PERIOD_ENDED');

    await send('REFER_TO_MEDIATION', p.vcs.token, { mediatorOrganisationId: p.orgs.mediator });
    clock.advance(20 * 24 * HOUR);
    await timers.runOnce();
    view = (await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body;
    expect(view.statePath).toBe('mediation.ended');
    expect(view.details.mediationOutcome).toBe('no-response');
    const reminderKeys = view.deadlines.map((d: any) => d.key);
    expect(reminderKeys).toEqual(expect.arrayContaining(['reminder.ombudsman-first', 'reminder.ombudsman-final']));

    clock.set('2027-11-01T12:00:00Z'); // became aware 2026-11-02: limit ends 2 Nov 2027; both reminders due
    await timers.runOnce();
    const events = (await history(id)).map((e) => e.eventType);
    expect(events.filter((e) => e === 'OMBUDSMAN_LIMIT_APPROACHING')).toHaveLength(2);
    const timeLimitMail = (await outbox()).filter((m) => m.caseId === id && m.kind === 'time-limit');
    expect(timeLimitMail).toHaveLength(2);
    expect(timeLimitMail[0].subject).toContain('Tuesday 2 November 2027');
    expect((await t.api.get(`/api/v1/cases/${id}/history/verify`, p.board.token)).body.valid).toBe(true);
  });
});

// Scale-out is PostgreSQL's job (SQLite runs one instance): two instances share the due timers.
if (TEST_DIALECT === 'postgres') {
  describe('two instances firing the same due timers (PostgreSQL, SKIP LOCKED)', () => {
    it('applies each deadline exactly once', async () => {
      const clockA = new ManualClock(new Date('2026-12-01T10:00:00Z'));
      const clockB = new ManualClock(new Date('2026-12-01T10:00:00Z'));
      const a = await startTestApp({ clock: clockA });
      const b = await startTestApp({ clock: clockB, db: a.db });
      try {
        const parties = await seedParties(a.api, ' (scale-out)');
        const ids: string[] = [];
        for (let i = 0; i < 12; i++) ids.push((await a.api.post('/api/v1/cases', breachOf45(parties), parties.vcs.token)).body.id);
        clockA.set('2026-12-10T00:00:00Z');
        clockB.set('2026-12-10T00:00:00Z');
        const [ra, rb] = await Promise.all([a.app.get(FireDueTimersUseCase).runOnce(), b.app.get(FireDueTimersUseCase).runOnce()]);
        expect(ra.fired + rb.fired).toBe(12);
        expect(ra.reminded + rb.reminded).toBe(12);
        expect(ra.errors + rb.errors).toBe(0);
        for (const id of ids) {
          const entries = (await a.api.get(`/api/v1/cases/${id}/history`, parties.board.token)).body.entries;
          expect(entries.filter((e: any) => e.eventType === 'ACKNOWLEDGEMENT_OVERDUE')).toHaveLength(1);
        }
      } finally {
        await b.close();
        await a.close();
      }
    });
  });
}
