import { FireDueTimersUseCase } from '@compact/application';
import { ManualClock } from './support/manual-clock';
import { breachOf45, Member, Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { startTestApp, TestApp } from './support/test-app';

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

/*
 * compact-dispute v2's agreed extensions, end to end over HTTP on a real database: the party that
 * must meet a deadline asks for more time, the other party agrees or refuses; an agreed extension
 * moves that timer once, by working days on the case's calendar, and the audit entry records the
 * old and new due times. The Compact file's cap (10 working days per deadline by default) holds
 * across requests, and a request nobody answered before the deadline passed changes nothing.
 */

const ASK = { deadline: 'deadline.acknowledgement', workingDays: 5, reason: 'Our cabinet member is away until the 14th.' };

describe('extensions of compact-dispute v2 deadlines', () => {
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

  const view = async (id: string, who: Member = p.vcs) => (await t.api.get(`/api/v1/cases/${id}`, who.token)).body;
  const history = async (id: string) => (await t.api.get(`/api/v1/cases/${id}/history`, p.board.token)).body.entries as any[];
  const deadline = async (id: string, key: string) => (await view(id)).deadlines.find((d: any) => d.key === key);
  const verified = async (id: string) => (await t.api.get(`/api/v1/cases/${id}/history/verify`, p.board.token)).body.valid;

  async function send(id: string, who: Member, type: string, payload: Record<string, unknown> = {}) {
    const res = await t.api.event(id, { type, ...payload }, who.token);
    expect({ type, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ type, status: 200, body: null });
    return res.body;
  }

  async function raise(): Promise<string> {
    clock.set('2026-12-01T10:00:00Z');
    const res = await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(res.status).toBe(201);
    expect(res.body.workflow.version).toBe(2);
    return res.body.id;
  }

  it('offers more time only to the party that must meet a pending deadline, and refuses a deadline it need not meet', async () => {
    const id = await raise();
    expect((await view(id, p.council)).allowedEvents).toContain('REQUEST_EXTENSION');
    expect((await view(id, p.vcs)).allowedEvents).not.toContain('REQUEST_EXTENSION');
    const before = (await view(id)).version;
    expectProblem(await t.api.event(id, { type: 'REQUEST_EXTENSION', ...ASK }, p.vcs.token), 400, 'VALIDATION_FAILED', ['deadline']);
    const periodAsk = { ...ASK, deadline: 'deadline.negotiation' };
    expectProblem(await t.api.event(id, { type: 'REQUEST_EXTENSION', ...periodAsk }, p.council.token), 400, 'VALIDATION_FAILED', ['deadline']);
    expectProblem(await t.api.event(id, { type: 'REQUEST_EXTENSION', ...ASK }, p.board.token), 403, 'FORBIDDEN_EVENT');
    expectProblem(await t.api.event(id, { type: 'REQUEST_EXTENSION', ...ASK, workingDays: 0 }, p.council.token), 400, 'VALIDATION_FAILED', ['workingDays']);
    expect((await view(id)).version).toBe(before);
  });

  it('caps the working days per deadline, across requests, and names how many were agreed already', async () => {
    const id = await raise();
    const before = (await view(id)).version;
    const over = await t.api.event(id, { type: 'REQUEST_EXTENSION', ...ASK, workingDays: 11 }, p.council.token);
    expectProblem(over, 400, 'VALIDATION_FAILED', ['workingDays']);
    expect(over.body.errors[0].message).toBe('must be at most 10: the Compact allows 10 working days more per deadline');
    expect((await view(id)).version).toBe(before);

    await send(id, p.council, 'REQUEST_EXTENSION', { ...ASK, workingDays: 6 });
    await send(id, p.vcs, 'AGREE_EXTENSION', { note: 'Fine.' });
    const again = await t.api.event(id, { type: 'REQUEST_EXTENSION', ...ASK, workingDays: 5 }, p.council.token);
    expectProblem(again, 400, 'VALIDATION_FAILED', ['workingDays']);
    expect(again.body.errors[0].message).toContain('must be at most 4');
    expect(again.body.errors[0].message).toContain('6 have been agreed already');
    await send(id, p.council, 'REQUEST_EXTENSION', { ...ASK, workingDays: 4 });
    await send(id, p.vcs, 'AGREE_EXTENSION');
    expect(await deadline(id, 'deadline.acknowledgement')).toMatchObject({ extendedDays: 10, dueDate: '2026-12-22' });
    // The cap is reached: the council has no deadline left to ask more time for.
    expect((await view(id, p.council)).allowedEvents).not.toContain('REQUEST_EXTENSION');
    expect(await verified(id)).toBe(true);
  });

  it('is agreed only by the other party; the deadline and its reminder move, and the audit records the old and new times', async () => {
    const id = await raise();
    await send(id, p.council, 'REQUEST_EXTENSION', ASK);
    expect((await view(id)).details.extensionRequest).toMatchObject({ deadline: 'deadline.acknowledgement', by: 'respondent', answeredBy: 'claimant', workingDays: 5 });
    expect((await view(id, p.vcs)).allowedEvents).toEqual(expect.arrayContaining(['AGREE_EXTENSION', 'REFUSE_EXTENSION']));
    const before = (await view(id)).version;
    expectProblem(await t.api.event(id, { type: 'AGREE_EXTENSION' }, p.council.token), 403, 'FORBIDDEN_EVENT');
    expectProblem(await t.api.event(id, { type: 'AGREE_EXTENSION' }, p.board.token), 403, 'FORBIDDEN_EVENT');
    expectProblem(await t.api.event(id, { type: 'AGREE_EXTENSION' }, p.vcs2.token), 404, 'NOT_FOUND');
    expect((await view(id)).version).toBe(before);

    await send(id, p.vcs, 'AGREE_EXTENSION', { note: 'Of course.' });
    // Tue 8 Dec + 5 working days = Tue 15 Dec; the reminder planned anew 2 working days before it.
    expect(await deadline(id, 'deadline.acknowledgement')).toMatchObject({ dueDate: '2026-12-15', dueAt: '2026-12-16T00:00:00.000Z', extendedDays: 5 });
    expect(await deadline(id, 'deadline.acknowledgement:reminder')).toMatchObject({ dueDate: '2026-12-15', dueAt: '2026-12-11T00:00:00.000Z' });
    const agreed = (await history(id)).filter((e) => e.eventType === 'AGREE_EXTENSION');
    expect(agreed).toHaveLength(1);
    expect(agreed[0].payload.deadlinesMoved).toEqual([
      {
        deadline: 'deadline.acknowledgement',
        workingDays: 5,
        from: { dueAt: '2026-12-09T00:00:00.000Z', dueDate: '2026-12-08' },
        to: { dueAt: '2026-12-16T00:00:00.000Z', dueDate: '2026-12-15' },
      },
    ]);
    expect((await view(id)).details.extensionRequest).toBeNull();

    // The old due time passes: nothing fires; the new one fires once.
    clock.set('2026-12-09T00:00:01Z');
    await timers.runOnce();
    expect((await view(id)).statePath).toBe('raised.awaitingAcknowledgement');
    clock.set('2026-12-16T00:00:01Z');
    await timers.runOnce();
    await timers.runOnce();
    expect((await view(id)).statePath).toBe('raised.acknowledgementOverdue');
    expect((await history(id)).filter((e) => e.eventType === 'ACKNOWLEDGEMENT_OVERDUE')).toHaveLength(1);
    expect(await verified(id)).toBe(true);
  });

  it('moves the due time exactly once when the same agreement is sent twice at once', async () => {
    const id = await raise();
    await send(id, p.council, 'REQUEST_EXTENSION', ASK);
    const answers = await Promise.all([1, 2].map(() => t.api.event(id, { type: 'AGREE_EXTENSION' }, p.vcs.token)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    expect(await deadline(id, 'deadline.acknowledgement')).toMatchObject({ dueDate: '2026-12-15', extendedDays: 5 });
    expect((await history(id)).filter((e) => e.eventType === 'AGREE_EXTENSION')).toHaveLength(1);
  });

  it('leaves the deadline as it was when the other party refuses, and lets the party ask again', async () => {
    const id = await raise();
    await send(id, p.council, 'REQUEST_EXTENSION', ASK);
    expectProblem(await t.api.event(id, { type: 'REFUSE_EXTENSION' }, p.vcs.token), 400, 'VALIDATION_FAILED', ['reason']);
    await send(id, p.vcs, 'REFUSE_EXTENSION', { reason: 'Families lose the service on the 18th.' });
    expect(await deadline(id, 'deadline.acknowledgement')).toMatchObject({ dueDate: '2026-12-08', extendedDays: 0 });
    expect((await view(id)).details.extensionRequest).toBeNull();
    expect((await history(id)).find((e) => e.eventType === 'REFUSE_EXTENSION').payload).toEqual({ reason: 'Families lose the service on the 18th.' });
    await send(id, p.council, 'REQUEST_EXTENSION', { ...ASK, workingDays: 2 });
    expectProblem(await t.api.event(id, { type: 'REQUEST_EXTENSION', ...ASK }, p.council.token), 409, 'TRANSITION_NOT_ALLOWED');
  });

  it('changes nothing when nobody answered the request before the deadline passed', async () => {
    const id = await raise();
    await send(id, p.council, 'REQUEST_EXTENSION', ASK);
    clock.set('2026-12-09T00:00:01Z');
    await timers.runOnce();
    await timers.runOnce();
    const after = await view(id);
    expect(after.statePath).toBe('raised.acknowledgementOverdue');
    expect(after.details.extensionRequest).toBeNull();
    const version = after.version;
    expectProblem(await t.api.event(id, { type: 'AGREE_EXTENSION' }, p.vcs.token), 403, 'FORBIDDEN_EVENT');
    expect((await view(id)).version).toBe(version);
    const overdue = (await history(id)).find((e) => e.eventType === 'ACKNOWLEDGEMENT_OVERDUE');
    expect(overdue.at).toBe('2026-12-09T00:00:01.000Z');
    expect((await history(id)).some((e) => e.payload?.deadlinesMoved)).toBe(false);
  });

  it('clears a request when the deadline is met meanwhile', async () => {
    const id = await raise();
    await send(id, p.council, 'REQUEST_EXTENSION', ASK);
    const met = await send(id, p.council, 'ACKNOWLEDGE');
    expect(met.details.extensionRequest).toBeNull();
    expect(met.allowedEvents).not.toContain('AGREE_EXTENSION');
    expect((await view(id, p.vcs)).allowedEvents).not.toContain('AGREE_EXTENSION');
  });

  it('moves the due date of an agreed action when the party owed it agrees', async () => {
    const id = await raise();
    await send(id, p.council, 'ACKNOWLEDGE');
    await send(id, p.council, 'PROPOSE_RESOLUTION', {
      proposal: 'We will explain in writing.',
      terms: [{ party: 'respondent', action: 'Send the written rationale.', due: { workingDaysAfterAgreement: 5 } }],
    });
    await send(id, p.vcs, 'ACCEPT_RESOLUTION');
    const choice = (await t.api.get(`/api/v1/cases/${id}`, p.council.token)).body;
    expect(choice.allowedEvents).toContain('REQUEST_EXTENSION');
    await send(id, p.council, 'REQUEST_EXTENSION', { deadline: 'action.due/a1', workingDays: 3, reason: 'The officer who knows the file is off sick.' });
    await send(id, p.vcs, 'AGREE_EXTENSION');
    expect(await deadline(id, 'action.due/a1')).toMatchObject({ dueDate: '2026-12-11', extendedDays: 3 });
    expect(await verified(id)).toBe(true);
  });
});
