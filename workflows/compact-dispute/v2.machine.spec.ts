import { WorkingDayCalendar, WorkingDayDeadlineClock } from '@compact/calendar';
import { DEFAULT_COMPACT_DEADLINES, DomainError, ErrorCode } from '@compact/domain';
import { CaseFacts, statePath, stepCase, WorkflowRuntime } from '@compact/engine';
import { AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { compactDisputeV2 } from './v2.workflow';

const clock = new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] }));
const runtime = new WorkflowRuntime(compactDisputeV2, { clock, deadlines: DEFAULT_COMPACT_DEADLINES });
const MEDIATOR = '11111111-1111-4111-8111-111111111111';

/** A step as the engine takes it (permissions, payload, the machine), at `at`, with the case's timers as facts. */
function step(snapshot: AnyMachineSnapshot, by: any, type: string, at: string, payload: Record<string, unknown> = {}, timers: CaseFacts['timers'] = [], timer?: string) {
  return stepCase({
    runtime,
    snapshot,
    relation: by,
    type,
    payload,
    at: new Date(at),
    organisations: new Map([[MEDIATOR, 'mediator']]),
    facts: { timers, deadlines: DEFAULT_COMPACT_DEADLINES },
    timer,
  }).next;
}

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

const RAISED = '2026-12-01T10:00:00.000Z'; // Tuesday
const start = (decisionDate: string | null = null) =>
  runtime.start({ kind: 'breach', becameAwareOn: '2026-11-20', decisionDate, at: RAISED });
const keys = (t: { timers: { set: Array<{ key: string }> } }) => t.timers.set.map((x) => x.key).sort();

const TERMS = [
  { party: 'respondent', action: 'Confirm the funding in writing.', due: { workingDaysAfterAgreement: 5 } },
  { party: 'claimant', action: 'Send the revised budget.', due: { on: '2027-01-29' } },
];

/** Negotiation with a proposal carrying two actions, accepted by the council on Wednesday 2 December. */
function agreed() {
  const ack = step(start().snapshot, 'respondent', 'ACKNOWLEDGE', '2026-12-01T11:00:00.000Z');
  const proposed = step(ack.snapshot, 'claimant', 'PROPOSE_RESOLUTION', '2026-12-01T12:00:00.000Z', { proposal: 'Funding continues.', terms: TERMS });
  return step(proposed.snapshot, 'respondent', 'ACCEPT_RESOLUTION', '2026-12-02T09:00:00.000Z');
}

describe('compact-dispute v2 through transition()', () => {
  it('reminds of the ombudsman time limit from the start, and of judicial review when the case is about a decision', () => {
    expect(keys(start())).toEqual([
      'deadline.acknowledgement',
      'deadline.acknowledgement:reminder',
      'reminder.ombudsman-final',
      'reminder.ombudsman-first',
    ]);
    const aboutDecision = start('2026-11-16');
    const jr = aboutDecision.timers.set.filter((t) => t.key.startsWith('reminder.judicial-review'));
    expect(jr.map((t) => [t.key, t.dueDate, t.dueAt.toISOString()])).toEqual([
      // 3 months from 16 November 2026: the limit is 16 February 2027; reminded a month, then 10 working days, before.
      ['reminder.judicial-review-first', '2027-02-16', '2027-01-17T00:00:00.000Z'],
      ['reminder.judicial-review-final', '2027-02-16', '2027-02-02T00:00:00.000Z'],
    ]);
  });

  it('makes accepted terms the agreement, followed up in monitoring with a deadline and a reminder per action', () => {
    const accepted = agreed();
    expect(accepted.path).toBe('monitoring');
    expect(accepted.snapshot.context.agreement).toMatchObject({ via: 'negotiation', actions: [{ id: 'a1', status: 'open' }, { id: 'a2', status: 'open' }] });
    const due = Object.fromEntries(accepted.timers.set.map((t) => [t.key, t.dueDate]));
    // 5 working days after Wednesday 2 December; the claimant's action on its agreed date.
    expect(due).toMatchObject({ 'action.due/a1': '2026-12-09', 'action.due/a2': '2027-01-29' });
    expect(accepted.timers.set.map((t) => t.key)).toEqual(expect.arrayContaining(['action.due/a1:reminder', 'action.due/a2:reminder']));
    expect(accepted.timers.cancel).toEqual(expect.arrayContaining(['deadline.proposal', 'deadline.negotiation']));
  });

  it('resolves when every action is confirmed, by the party owed it or by the service when no answer comes', () => {
    const accepted = agreed();
    const done = step(accepted.snapshot, 'respondent', 'ACTION_DONE', '2026-12-03T10:00:00.000Z', { actionId: 'a1', note: 'Letter sent.' });
    expect(done.timers.cancel).toContain('action.due/a1');
    expect(done.timers.set.map((t) => [t.key, t.dueDate])).toEqual(
      expect.arrayContaining([['action.confirmation/a1', '2026-12-17']]),
    );
    const confirmed = step(done.snapshot, 'system', 'ACTION_CONFIRMATION_OVERDUE', '2026-12-18T00:00:01.000Z', {}, [], 'action.confirmation/a1');
    expect(confirmed.path).toBe('monitoring');
    expect(confirmed.snapshot.context.agreement.actions[0]).toMatchObject({ status: 'confirmed', confirmedBy: 'system' });
    const done2 = step(confirmed.snapshot, 'claimant', 'ACTION_DONE', '2027-01-05T10:00:00.000Z', { actionId: 'a2' });
    const resolved = step(done2.snapshot, 'respondent', 'ACTION_CONFIRMED', '2027-01-06T10:00:00.000Z', { actionId: 'a2' });
    expect(resolved.path).toBe('resolved');
    expect(resolved.timers.cancel).toEqual(expect.arrayContaining(['action.confirmation/a2', 'reminder.ombudsman-first', 'reminder.ombudsman-final']));
  });

  it('lets only the party that owes an action report it done, and only the party owed it confirm it', () => {
    const accepted = agreed();
    expect(refusal(() => step(accepted.snapshot, 'claimant', 'ACTION_DONE', '2026-12-03T10:00:00.000Z', { actionId: 'a1' })).code).toBe(
      ErrorCode.FORBIDDEN_EVENT,
    );
    const done = step(accepted.snapshot, 'respondent', 'ACTION_DONE', '2026-12-03T10:00:00.000Z', { actionId: 'a1' });
    expect(refusal(() => step(done.snapshot, 'respondent', 'ACTION_CONFIRMED', '2026-12-04T10:00:00.000Z', { actionId: 'a1' })).code).toBe(
      ErrorCode.FORBIDDEN_EVENT,
    );
    expect(runtime.allowedEvents(done.snapshot, 'claimant', '2026-12-04T10:00:00.000Z')).toEqual(
      expect.arrayContaining(['ACTION_DONE', 'ACTION_CONFIRMED', 'AGREEMENT_NOT_KEPT']),
    );
  });

  it('reopens a broken agreement where it was made: negotiation, or mediation', () => {
    const reopened = step(agreed().snapshot, 'claimant', 'AGREEMENT_NOT_KEPT', '2026-12-10T10:00:00.000Z', { actionId: 'a1', whatHappened: 'No letter came.' });
    expect(reopened.path).toBe('negotiation.discussing');
    expect(reopened.snapshot.context.referralUnlockedBy).toBe('agreement-not-kept');
    expect(reopened.timers.cancel).toEqual(expect.arrayContaining(['action.due/a1', 'action.due/a2']));
    expect(reopened.timers.set.map((t) => t.key)).toContain('deadline.negotiation');

    const ack = step(start().snapshot, 'respondent', 'ACKNOWLEDGE', '2026-12-01T11:00:00.000Z');
    const failed = step(ack.snapshot, 'claimant', 'DECLARE_NEGOTIATION_FAILED', '2026-12-01T12:00:00.000Z', { reason: 'Stuck.' });
    const referred = step(failed.snapshot, 'claimant', 'REFER_TO_MEDIATION', '2026-12-01T13:00:00.000Z', { mediatorOrganisationId: MEDIATOR });
    const inMediation = step(referred.snapshot, 'mediator', 'MEDIATOR_ACCEPT', '2026-12-02T10:00:00.000Z');
    const settled = step(inMediation.snapshot, 'mediator', 'MEDIATION_AGREEMENT', '2026-12-03T10:00:00.000Z', {
      agreement: 'A transition grant.',
      actions: [{ party: 'respondent', action: 'Pay the grant.', due: { workingDaysAfterAgreement: 10 } }],
    });
    expect(settled.path).toBe('monitoring');
    const back = step(settled.snapshot, 'claimant', 'AGREEMENT_NOT_KEPT', '2026-12-20T10:00:00.000Z', { actionId: 'a1', whatHappened: 'Not paid.' });
    expect(back.path).toBe('mediation.inMediation');
  });

  it('extends a deadline when the other party agrees, within the cap, and not once the deadline has passed', () => {
    const raised = start();
    const ackTimer = raised.timers.set.find((t) => t.key === 'deadline.acknowledgement')!;
    const timers = [{ ...ackTimer, extendedDays: 0 }];
    expect(runtime.allowedEvents(raised.snapshot, 'respondent', RAISED, { timers, deadlines: DEFAULT_COMPACT_DEADLINES })).toContain('REQUEST_EXTENSION');
    const over = refusal(() =>
      step(raised.snapshot, 'respondent', 'REQUEST_EXTENSION', '2026-12-02T10:00:00.000Z', { deadline: 'deadline.acknowledgement', workingDays: 11, reason: 'Trustees.' }, timers),
    );
    expect(over.details.errors).toEqual([
      { field: 'workingDays', message: 'must be at most 10: the Compact allows 10 working days more per deadline' },
    ]);
    const claimantAsks = refusal(() =>
      step(raised.snapshot, 'claimant', 'REQUEST_EXTENSION', '2026-12-02T10:00:00.000Z', { deadline: 'deadline.acknowledgement', workingDays: 3, reason: 'x' }, timers),
    );
    expect(claimantAsks.details.errors).toEqual([{ field: 'deadline', message: 'must be a pending deadline that you must meet' }]);
    const asked = step(raised.snapshot, 'respondent', 'REQUEST_EXTENSION', '2026-12-02T10:00:00.000Z', { deadline: 'deadline.acknowledgement', workingDays: 3, reason: 'Trustees.' }, timers);
    expect(asked.snapshot.context.extensionRequest).toMatchObject({ by: 'respondent', answeredBy: 'claimant', workingDays: 3 });
    expect(refusal(() => step(asked.snapshot, 'respondent', 'AGREE_EXTENSION', '2026-12-02T11:00:00.000Z', {}, timers)).code).toBe(ErrorCode.FORBIDDEN_EVENT);
    const agreedMore = step(asked.snapshot, 'claimant', 'AGREE_EXTENSION', '2026-12-02T11:00:00.000Z', {}, timers);
    expect(agreedMore.timers.extend).toEqual([{ key: 'deadline.acknowledgement', workingDays: 3 }]);
    expect(agreedMore.snapshot.context.extensionRequest).toBeNull();
    // Unanswered until the deadline passed: the request lapses, nothing moves.
    const lapsed = step(asked.snapshot, 'system', 'ACKNOWLEDGEMENT_OVERDUE', '2026-12-09T00:00:01.000Z', {}, [], 'deadline.acknowledgement');
    expect(lapsed.snapshot.context.extensionRequest).toBeNull();
    expect(lapsed.timers.extend).toEqual([]);
  });

  it('enters any state as from outside: the deadlines that state sets are planned from that moment', () => {
    const ctx = { ...start().snapshot.context, proposal: { by: 'claimant', text: 'x', terms: [], at: RAISED } };
    const entered = runtime.enter('negotiation.proposalPending', ctx, '2026-12-07T10:00:00.000Z');
    expect(entered.path).toBe('negotiation.proposalPending');
    const due = Object.fromEntries(entered.timers.set.map((t) => [t.key, t.dueDate]));
    expect(due).toMatchObject({ 'deadline.negotiation': '2027-02-04', 'deadline.proposal': '2026-12-21' });
    expect(Object.keys(due)).toEqual(expect.arrayContaining(['reminder.ombudsman-first', 'reminder.ombudsman-final']));
    expect(runtime.enter('resolved', ctx, '2026-12-07T10:00:00.000Z').timers.set).toEqual([]);
  });
});

describe('compact-dispute v2: the machine alone, through XState transition()', () => {
  type Sent = [type: string, by: string, payload?: Record<string, unknown>, timer?: string];
  const ONE_ACTION = [{ party: 'respondent', action: 'Confirm the funding in writing.', due: { workingDaysAfterAgreement: 5 } }];
  const ACK: Sent[] = [['ACKNOWLEDGE', 'respondent']];
  const AGREED: Sent[] = [...ACK, ['PROPOSE_RESOLUTION', 'claimant', { proposal: 'Funding continues.', terms: ONE_ACTION }], ['ACCEPT_RESOLUTION', 'respondent']];
  const FORMAL: Sent[] = [...ACK, ['DECLARE_NEGOTIATION_FAILED', 'claimant', { reason: 'Stuck.' }], ['ESCALATE_FORMAL', 'claimant', { route: 'ombudsman', body: 'LGSCO', reference: 'R1', skipMediationReason: 'None engaged.' }]];
  const MEDIATION: Sent[] = [...FORMAL.slice(0, 2), ['REFER_TO_MEDIATION', 'claimant', { mediatorOrganisationId: MEDIATOR }], ['MEDIATOR_ACCEPT', 'mediator']];

  /** The steps from a case raised on Tuesday 1 December, each one the machine must take; the last step's timer actions. */
  function run(steps: Sent[]) {
    let [snapshot, actions] = initialTransition(runtime.machine, { kind: 'breach', becameAwareOn: '2026-11-20', at: RAISED });
    for (const [type, by, payload = {}, timer] of steps) {
      const event = { type, ...payload, meta: { at: '2026-12-02T10:00:00.000Z', by, ...(timer ? { timer } : {}) } } as any;
      expect({ type, takes: snapshot.can(event) }).toEqual({ type, takes: true });
      [snapshot, actions] = transition(runtime.machine, snapshot, event);
    }
    const ids = (kind: string, field: string) => actions.filter((a) => a.type === kind).map((a) => String((a.params as any)[field])).sort();
    return { snapshot, path: statePath(snapshot.value), raised: ids('xstate.raise', 'id'), cancelled: ids('xstate.cancel', 'sendId') };
  }
  const takes = (snapshot: AnyMachineSnapshot, [type, by, payload = {}, timer]: Sent) =>
    snapshot.can({ type, ...payload, meta: { at: '2026-12-03T10:00:00.000Z', by, ...(timer ? { timer } : {}) } } as any);

  it('keeps following up an action that fell due, which may still be reported done; its timer, once stale, changes nothing', () => {
    const overdue = run([...AGREED, ['ACTION_OVERDUE', 'system', {}, 'action.due/a1']]);
    expect(overdue.path).toBe('monitoring');
    expect(overdue.snapshot.context.agreement.actions[0]).toMatchObject({ status: 'open', overdue: true });
    const done = run([...AGREED, ['ACTION_OVERDUE', 'system', {}, 'action.due/a1'], ['ACTION_DONE', 'respondent', { actionId: 'a1' }]]);
    expect(done.snapshot.context.agreement.actions[0]).toMatchObject({ status: 'done', overdue: true });
    expect(done).toMatchObject({ path: 'monitoring', raised: ['action.confirmation/a1'], cancelled: ['action.due/a1'] });
    expect(takes(done.snapshot, ['ACTION_OVERDUE', 'system', {}, 'action.due/a1'])).toBe(false);
  });

  it('reopens a formal decision not kept before the formal route, but not over an action already confirmed', () => {
    const decided: Sent = ['RECORD_DECISION', 'claimant', {
      outcome: 'upheld',
      decidedOn: '2026-12-01',
      actions: [...ONE_ACTION, { party: 'claimant', action: 'Send the budget.', due: { workingDaysAfterAgreement: 10 } }],
    }];
    const confirmed = run([...FORMAL, decided, ['ACTION_DONE', 'respondent', { actionId: 'a1' }], ['ACTION_CONFIRMED', 'claimant', { actionId: 'a1' }]]);
    expect(confirmed).toMatchObject({ path: 'monitoring', cancelled: ['action.confirmation/a1'] });
    expect(takes(confirmed.snapshot, ['AGREEMENT_NOT_KEPT', 'claimant', { actionId: 'a1', whatHappened: 'x' }])).toBe(false);
    const reopened = run([
      ...FORMAL, decided, ['ACTION_DONE', 'respondent', { actionId: 'a1' }], ['ACTION_CONFIRMED', 'claimant', { actionId: 'a1' }],
      ['AGREEMENT_NOT_KEPT', 'respondent', { actionId: 'a2', whatHappened: 'No budget came.' }],
    ]);
    expect(reopened.path).toBe('formal.underConsideration');
    expect(reopened.cancelled).toEqual(expect.arrayContaining(['action.due/a1', 'action.due/a2', 'action.confirmation/a1', 'action.confirmation/a2']));
    expect(reopened.snapshot.context).toMatchObject({ referralUnlockedBy: 'agreement-not-kept', resolution: null, agreementNotKept: { actionId: 'a2' } });
  });

  it('resolves at once an agreement without actions, wherever it is made, and ends the time-limit reminders', () => {
    for (const steps of [
      [...ACK, ['PROPOSE_RESOLUTION', 'claimant', { proposal: 'Funding continues.' }], ['ACCEPT_RESOLUTION', 'respondent']],
      [...MEDIATION, ['MEDIATION_AGREEMENT', 'mediator', { agreement: 'A grant.' }]],
      [...FORMAL, ['RECORD_DECISION', 'claimant', { outcome: 'not-upheld', decidedOn: '2026-12-01' }]],
    ] as Sent[][]) {
      const resolved = run(steps);
      expect({ last: steps.at(-1)![0], path: resolved.path, agreement: resolved.snapshot.context.agreement }).toEqual({ last: steps.at(-1)![0], path: 'resolved', agreement: null });
      expect(resolved.cancelled).toEqual(expect.arrayContaining(['reminder.ombudsman-first', 'reminder.ombudsman-final']));
    }
  });

  it('replaces a pending proposal, its actions included, and restarts the time to answer it', () => {
    const replaced = run([...AGREED.slice(0, 2), ['PROPOSE_RESOLUTION', 'respondent', { proposal: 'Funding ends in March.' }]]);
    expect(replaced.snapshot.context.proposal).toMatchObject({ by: 'respondent', terms: [] });
    expect(replaced).toMatchObject({ path: 'negotiation.proposalPending', raised: ['deadline.proposal'], cancelled: ['deadline.proposal'] });
    const accepted = run([...AGREED.slice(0, 2), ['PROPOSE_RESOLUTION', 'respondent', { proposal: 'Funding ends in March.' }], ['ACCEPT_RESOLUTION', 'claimant']]);
    expect(accepted.path).toBe('resolved');
  });

  it('ends the action timers and the reminders when a case is withdrawn while its agreement is followed up', () => {
    const withdrawn = run([...AGREED, ['WITHDRAW', 'claimant', { reason: 'Settled otherwise.' }]]);
    expect(withdrawn.path).toBe('closed');
    expect(withdrawn.snapshot.status).toBe('done');
    expect(withdrawn.cancelled).toEqual(expect.arrayContaining(['action.due/a1', 'action.confirmation/a1', 'reminder.ombudsman-first', 'reminder.ombudsman-final']));
  });
});
