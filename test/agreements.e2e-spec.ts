import { FireDueTimersUseCase } from '@compact/application';
import { ManualClock } from './support/manual-clock';
import { listOutbox } from './support/outbox-listing';
import { breachOf45, Member, Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { startTestApp, TestApp } from './support/test-app';

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

/*
 * compact-dispute v2's agreements, end to end over HTTP on a real database, with deadlines fired
 * through the app's own timer rows (FireDueTimersUseCase) on an injected clock: an agreed action
 * reminded and missed, a confirmation that never comes counting as given, and an agreement not
 * kept reopening the case where it was made (negotiation, mediation or the formal route).
 * New cases start on v2 (the default workflow).
 */

const SEND_RATIONALE = { party: 'respondent', action: 'Send the written rationale for ending the grant.', due: { workingDaysAfterAgreement: 5 } };
const PUBLISH_POLICY = { party: 'respondent', action: 'Publish the reviewed notice policy.', due: { on: '2027-01-29' } };
const SHARE_ACCOUNTS = { party: 'claimant', action: 'Share the project accounts for the last year.', due: { workingDaysAfterAgreement: 10 } };

describe('agreements of compact-dispute v2: followed up until every action is confirmed', () => {
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
  const mailFor = async (id: string) => (await listOutbox(t.api, p.admin.token)).filter((m) => m.caseId === id);
  const verified = async (id: string) => (await t.api.get(`/api/v1/cases/${id}/history/verify`, p.board.token)).body.valid;

  async function send(id: string, who: Member, type: string, payload: Record<string, unknown> = {}) {
    const res = await t.api.event(id, { type, ...payload }, who.token);
    expect({ type, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ type, status: 200, body: null });
    return res.body;
  }

  /** A new v2 case in negotiation, with the respondent's proposal carrying `terms` accepted by the claimant. */
  async function agreedInNegotiation(terms: object[]): Promise<string> {
    const raised = await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(raised.status).toBe(201);
    expect(raised.body.workflow).toEqual({ name: 'compact-dispute', version: 2 });
    const id = raised.body.id as string;
    await send(id, p.council, 'ACKNOWLEDGE');
    await send(id, p.council, 'PROPOSE_RESOLUTION', { proposal: 'We will explain and review our notice policy.', terms });
    const accepted = await send(id, p.vcs, 'ACCEPT_RESOLUTION', { note: 'Agreed, if it is done.' });
    expect(accepted.statePath).toBe('monitoring');
    expect(accepted.outcome).toBe('monitoring');
    return id;
  }

  /** A new v2 case taken to mediation and accepted by the mediator. */
  async function inMediation(): Promise<string> {
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id as string;
    await send(id, p.council, 'ACKNOWLEDGE');
    await send(id, p.vcs, 'DECLARE_NEGOTIATION_FAILED', { reason: 'No answer to three letters.' });
    await send(id, p.vcs, 'REFER_TO_MEDIATION', { mediatorOrganisationId: p.orgs.mediator });
    await send(id, p.mediator, 'MEDIATOR_ACCEPT');
    return id;
  }

  it('makes accepted terms the agreement, with a deadline and reminder for each action counted from the acceptance', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = await agreedInNegotiation([SEND_RATIONALE, PUBLISH_POLICY]);
    const v = await view(id);
    expect(v.details.agreement).toMatchObject({
      via: 'negotiation',
      actions: [
        { id: 'a1', party: 'respondent', action: SEND_RATIONALE.action, status: 'open', overdue: false },
        { id: 'a2', party: 'respondent', action: PUBLISH_POLICY.action, status: 'open', overdue: false },
      ],
    });
    const due = Object.fromEntries(v.deadlines.filter((d: any) => d.key.startsWith('action.')).map((d: any) => [d.key, d.dueDate]));
    // Tue 1 Dec + 5 working days = Tue 8 Dec; the reminder 2 working days before; a2 on its own date.
    expect(due).toEqual({
      'action.due/a1': '2026-12-08',
      'action.due/a1:reminder': '2026-12-08',
      'action.due/a2': '2027-01-29',
      'action.due/a2:reminder': '2027-01-29',
    });
    expect(v.deadlines.find((d: any) => d.key === 'action.due/a1:reminder').dueAt).toBe('2026-12-04T00:00:00.000Z');
    // The claimant may not report the respondent's action done; the respondent may.
    expect(v.allowedEvents).not.toContain('ACTION_DONE');
    expect((await view(id, p.council)).allowedEvents).toContain('ACTION_DONE');
    expect(await verified(id)).toBe(true);
  });

  it('reminds the party that owes an action, marks it overdue once when its date passes, and tells both sides', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = await agreedInNegotiation([SEND_RATIONALE]);

    clock.set('2026-12-04T00:00:01Z');
    await timers.runOnce();
    const reminders = (await mailFor(id)).filter((m) => m.kind === 'reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].subject).toContain('by Tuesday 8 December 2026');

    clock.set('2026-12-09T00:00:00Z');
    await timers.runOnce();
    await timers.runOnce();
    const v = await view(id);
    expect(v.statePath).toBe('monitoring');
    expect(v.details.agreement.actions[0]).toMatchObject({ status: 'open', overdue: true });
    expect(v.deadlines.map((d: any) => d.key)).not.toContain('action.due/a1');
    const overdue = (await history(id)).filter((e) => e.eventType === 'ACTION_OVERDUE');
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ actor: { type: 'system' }, payload: { timer: 'action.due/a1' } });
    expect((await mailFor(id)).filter((m) => m.kind === 'deadline-passed')).not.toHaveLength(0);

    // Late is still better than never: the owing party may still report it done.
    await send(id, p.council, 'ACTION_DONE', { actionId: 'a1', note: 'Sent today, late.' });
    expect((await view(id)).details.agreement.actions[0]).toMatchObject({ status: 'done', overdue: true, doneNote: 'Sent today, late.' });
    expect(await verified(id)).toBe(true);
  });

  it('counts an action as confirmed when the party owed it does not answer within 10 working days, then resolves the case', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = await agreedInNegotiation([SEND_RATIONALE, SHARE_ACCOUNTS]);
    clock.set('2026-12-02T10:00:00Z'); // Wednesday
    await send(id, p.council, 'ACTION_DONE', { actionId: 'a1', note: 'Letter sent.' });
    await send(id, p.vcs, 'ACTION_DONE', { actionId: 'a2' });
    const confirmation = (await view(id)).deadlines.find((d: any) => d.key === 'action.confirmation/a1');
    expect(confirmation).toMatchObject({ purpose: 'deadline', dueDate: '2026-12-16', rule: '10 working days' });
    expect((await view(id)).deadlines.map((d: any) => d.key)).not.toContain('action.due/a1');

    // The council confirms the claimant's action itself; nobody confirms the council's.
    await send(id, p.council, 'ACTION_CONFIRMED', { actionId: 'a2' });
    clock.set('2026-12-16T23:59:00Z');
    await timers.runOnce();
    expect((await view(id)).statePath).toBe('monitoring');
    clock.set('2026-12-17T00:00:01Z');
    await timers.runOnce();
    await timers.runOnce();

    const v = await view(id);
    expect(v.statePath).toBe('resolved');
    expect(v.outcome).toBe('resolved');
    expect(v.details.agreement.actions.map((a: any) => [a.id, a.status, a.confirmedBy])).toEqual([
      ['a1', 'confirmed', 'system'],
      ['a2', 'confirmed', 'party'],
    ]);
    expect(v.deadlines.filter((d: any) => d.key.startsWith('action.') || d.key.startsWith('reminder.'))).toEqual([]);
    const auto = (await history(id)).filter((e) => e.eventType === 'ACTION_CONFIRMATION_OVERDUE');
    expect(auto).toHaveLength(1);
    expect(auto[0]).toMatchObject({ actor: { type: 'system' }, fromState: 'monitoring', toState: 'resolved' });
    expect(await verified(id)).toBe(true);
  });

  it('lets only the owing party report an action done, and only the party owed it confirm it or report it not kept', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = await agreedInNegotiation([SEND_RATIONALE]);
    const before = (await view(id)).version;
    expectProblem(await t.api.event(id, { type: 'ACTION_DONE', actionId: 'a1' }, p.vcs.token), 403, 'FORBIDDEN_EVENT');
    // A mediator never referred to the case cannot see it at all.
    expectProblem(await t.api.event(id, { type: 'ACTION_DONE', actionId: 'a1' }, p.mediator.token), 404, 'NOT_FOUND');
    // Nothing has been reported done yet, so the claimant has nothing to confirm.
    expectProblem(await t.api.event(id, { type: 'ACTION_CONFIRMED', actionId: 'a1' }, p.vcs.token), 403, 'FORBIDDEN_EVENT');
    expectProblem(await t.api.event(id, { type: 'ACTION_DONE', actionId: 7 }, p.council.token), 400, 'VALIDATION_FAILED', ['actionId']);
    await send(id, p.council, 'ACTION_DONE', { actionId: 'a1' });
    // Reported once: the council owes nothing open now.
    expectProblem(await t.api.event(id, { type: 'ACTION_DONE', actionId: 'a1' }, p.council.token), 403, 'FORBIDDEN_EVENT');
    expectProblem(await t.api.event(id, { type: 'ACTION_CONFIRMED', actionId: 'a1' }, p.council.token), 403, 'FORBIDDEN_EVENT');
    expectProblem(
      await t.api.event(id, { type: 'AGREEMENT_NOT_KEPT', actionId: 'a1', whatHappened: 'x' }, p.council.token),
      403,
      'FORBIDDEN_EVENT',
    );
    expectProblem(await t.api.event(id, { type: 'ACTION_CONFIRMED', actionId: 'a9' }, p.vcs.token), 403, 'FORBIDDEN_EVENT');
    expect((await view(id)).version).toBe(before + 1);
    expect((await history(id)).map((e) => e.eventType).slice(-2)).toEqual(['ACCEPT_RESOLUTION', 'ACTION_DONE']);
  });

  it('reopens an agreement made in negotiation in negotiation, with referral then open to the claimant', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = await agreedInNegotiation([SEND_RATIONALE]);
    clock.set('2026-12-10T10:00:00Z');
    const reopened = await send(id, p.vcs, 'AGREEMENT_NOT_KEPT', { actionId: 'a1', whatHappened: 'No letter has arrived.' });
    expect(reopened.statePath).toBe('negotiation.discussing');
    expect(reopened.outcome).toBe('open');
    expect(reopened.details).toMatchObject({
      referralUnlockedBy: 'agreement-not-kept',
      agreementNotKept: { actionId: 'a1', whatHappened: 'No letter has arrived.' },
      resolution: null,
      proposal: null,
    });
    expect(reopened.deadlines.map((d: any) => d.key)).not.toContain('action.due/a1');
    expect(reopened.deadlines.map((d: any) => d.key)).toContain('deadline.negotiation');
    expect(reopened.allowedEvents).toContain('REFER_TO_MEDIATION');
    // The timer of the action was cancelled with the state: nothing fires for it later.
    clock.set('2027-01-05T10:00:00Z');
    await timers.runOnce();
    expect((await history(id)).map((e) => e.eventType)).not.toContain('ACTION_OVERDUE');
    expect(await verified(id)).toBe(true);
  });

  it('reopens an agreement made in mediation in mediation, with the same mediator', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = await inMediation();
    const agreed = await send(id, p.mediator, 'MEDIATION_AGREEMENT', {
      agreement: 'The council explains its decision in writing.',
      actions: [SEND_RATIONALE],
    });
    expect(agreed.statePath).toBe('monitoring');
    expect(agreed.details.agreement).toMatchObject({ via: 'mediation', actions: [{ id: 'a1', status: 'open' }] });
    const reopened = await send(id, p.vcs, 'AGREEMENT_NOT_KEPT', { actionId: 'a1', whatHappened: 'The letter did not explain anything.' });
    expect(reopened.statePath).toBe('mediation.inMediation');
    expect(reopened.parties.mediator?.id).toBe(p.orgs.mediator);
    expect(reopened.allowedEvents).toEqual(expect.arrayContaining(['ADD_NOTE', 'WITHDRAW']));
    expect((await view(id, p.mediator)).allowedEvents).toEqual(expect.arrayContaining(['MEDIATION_AGREEMENT', 'MEDIATION_FAILED']));
    expect(await verified(id)).toBe(true);
  });

  it('reopens a remedy ordered on the formal route before the same body, and resolves a decision without actions at once', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = await inMediation();
    await send(id, p.mediator, 'MEDIATION_FAILED', { reason: 'No common ground.' });
    await send(id, p.vcs, 'ESCALATE_FORMAL', { route: 'ombudsman', body: 'Local Government and Social Care Ombudsman', reference: 'LG-1' });
    const ordered = await send(id, p.vcs, 'RECORD_DECISION', {
      outcome: 'upheld',
      decidedOn: '2026-12-01',
      remedy: 'Review the notice policy.',
      actions: [PUBLISH_POLICY],
    });
    expect(ordered.statePath).toBe('monitoring');
    expect(ordered.details.agreement).toMatchObject({ via: 'formal', summary: 'Review the notice policy.' });
    const reopened = await send(id, p.vcs, 'AGREEMENT_NOT_KEPT', { actionId: 'a1', whatHappened: 'Nothing was published.' });
    expect(reopened.statePath).toBe('formal.underConsideration');
    expect(reopened.details.formal).toMatchObject({ route: 'ombudsman', reference: 'LG-1' });

    const plain = await send(id, p.council, 'RECORD_DECISION', { outcome: 'not-upheld', decidedOn: '2026-12-01' });
    expect(plain.statePath).toBe('resolved');
    expect(await verified(id)).toBe(true);
  });

  it('resolves at once a proposal accepted without terms, as v1 did', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id as string;
    await send(id, p.council, 'ACKNOWLEDGE');
    await send(id, p.council, 'PROPOSE_RESOLUTION', { proposal: 'Funding continues to March.' });
    const accepted = await send(id, p.vcs, 'ACCEPT_RESOLUTION');
    expect(accepted.statePath).toBe('resolved');
    expect(accepted.details.agreement).toBeNull();
  });
});
