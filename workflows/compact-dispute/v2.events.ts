import type { ActingRelation, FieldError, FieldSpec } from '@compact/domain';
import { CaseFacts, deadlineOf, EventDefinition } from '@compact/engine';
import { compactDisputeV1Events } from './v1.events';
import { compactDisputeV2Deadlines } from './v2.deadlines';
import type { AgreedAction, DisputeContext, DisputeEventType, Side } from './v2.types';

/*
 * Every event of compact-dispute v2: its payload, who may send it, and how it reads. The events v2
 * keeps from v1 unchanged are taken from v1's released definitions; the rest are v2's own.
 * Permissions are checked by the engine before the machine is asked (a refusal is FORBIDDEN_EVENT);
 * whether the event is possible in the current state is the machine's own answer.
 */

type Def = EventDefinition<DisputeContext>;

const text = (label: string, required: boolean, maxLength = 5000): FieldSpec => ({
  kind: 'text',
  label,
  required,
  maxLength,
  multiline: maxLength > 200,
});
const actions = (label: string): FieldSpec => ({ kind: 'actions', label, required: false, maxItems: 10 });

const isSide = (r: ActingRelation): r is Side => r === 'claimant' || r === 'respondent';
const onlySystem = (r: ActingRelation): boolean => r === 'system';
const other = (side: Side): Side => (side === 'claimant' ? 'respondent' : 'claimant');
const actionsOf = (c: DisputeContext): AgreedAction[] => c.agreement?.actions ?? [];
const named = (c: DisputeContext, payload: Record<string, unknown> | undefined) =>
  actionsOf(c).find((a) => a.id === payload?.actionId);

/** Agreed actions as options of a form: `a1: Send the written rationale`. */
const actionChoices = (list: AgreedAction[]) => list.map((a) => ({ value: a.id, text: a.action }));

/** v1's definition of an event v2 keeps exactly as it was. */
const fromV1 = (type: keyof typeof compactDisputeV1Events): Def => compactDisputeV1Events[type] as unknown as Def;

const systemEvent = (type: DisputeEventType, label: string, description: string): Def => ({
  type,
  label,
  description,
  schema: {},
  example: {},
  mayBeSentBy: onlySystem,
  senders: 'the system (a deadline passing)',
});

/** Pending deadlines this party may ask more time for, with the working days still allowed on each. */
function extendable(relation: ActingRelation, context: DisputeContext, facts: CaseFacts): Array<{ key: string; room: number }> {
  if (!isSide(relation)) return [];
  return facts.timers
    .filter((t) => t.purpose === 'deadline')
    .flatMap((t) => {
      const found = deadlineOf({ deadlines: compactDisputeV2Deadlines }, t.key);
      if (!found?.def.extendable || !found.def.mustAct(context, found.instance).includes(relation)) return [];
      return [{ key: t.key, room: facts.deadlines.extensionCapWorkingDays - t.extendedDays }];
    })
    .filter((d) => d.room > 0);
}

const answersExtension = (r: ActingRelation, c: DisputeContext): boolean => c.extensionRequest !== null && r === c.extensionRequest.answeredBy;

/** The requested deadline must still be pending when the answer comes. */
const requestStillOpen = (_p: Record<string, unknown>, c: DisputeContext, facts: CaseFacts): FieldError[] =>
  c.extensionRequest && facts.timers.some((t) => t.key === c.extensionRequest!.deadline)
    ? []
    : [{ field: '(case)', message: 'the deadline this request was about is no longer pending' }];

export const compactDisputeV2Events: Record<DisputeEventType, Def> = {
  ACKNOWLEDGE: fromV1('ACKNOWLEDGE'),
  PROPOSE_RESOLUTION: {
    type: 'PROPOSE_RESOLUTION',
    label: 'Propose a resolution',
    description:
      'Either party proposes how to resolve the matter, optionally with actions: who will do what, by when. ' +
      'A new proposal replaces a pending one.',
    schema: { proposal: text('Proposal', true), terms: actions('Actions offered') },
    example: {
      proposal: 'Funding continues for three months while a transition plan is agreed.',
      terms: [{ party: 'respondent', action: 'Confirm the three months of funding in writing.', due: { workingDaysAfterAgreement: 5 } }],
    },
    mayBeSentBy: isSide,
    senders: 'the claimant or the respondent',
  },
  ACCEPT_RESOLUTION: {
    type: 'ACCEPT_RESOLUTION',
    label: 'Accept the proposal',
    description:
      'The party who did not make the pending proposal accepts it. Actions it offers become the agreement, followed up ' +
      'until each is confirmed; without actions the case is resolved.',
    schema: { note: text('Note', false) },
    example: { note: 'Agreed.' },
    mayBeSentBy: (r, c) => isSide(r) && (c.proposal === null || c.proposal.by !== r),
    senders: 'the party who did not make the pending proposal',
  },
  REJECT_RESOLUTION: fromV1('REJECT_RESOLUTION'),
  ADD_NOTE: fromV1('ADD_NOTE'),
  RECORD_MEETING: fromV1('RECORD_MEETING'),
  DECLARE_NEGOTIATION_FAILED: fromV1('DECLARE_NEGOTIATION_FAILED'),
  REFER_TO_MEDIATION: fromV1('REFER_TO_MEDIATION'),
  MEDIATOR_ACCEPT: fromV1('MEDIATOR_ACCEPT'),
  MEDIATOR_DECLINE: fromV1('MEDIATOR_DECLINE'),
  MEDIATION_AGREEMENT: {
    type: 'MEDIATION_AGREEMENT',
    label: 'Record an agreement',
    description:
      'The mediator records the agreement reached, with the actions agreed (if any): the case is then followed up ' +
      'until each is confirmed; without actions it is resolved.',
    schema: { agreement: text('Agreement', true), actions: actions('Actions agreed') },
    example: {
      agreement: 'Funding ends on 30 June with a written rationale and a transition grant.',
      actions: [{ party: 'respondent', action: 'Send the written rationale.', due: { workingDaysAfterAgreement: 10 } }],
    },
    mayBeSentBy: (r) => r === 'mediator',
    senders: 'the mediator the case is referred to',
  },
  MEDIATION_FAILED: fromV1('MEDIATION_FAILED'),
  ESCALATE_FORMAL: fromV1('ESCALATE_FORMAL'),
  RECORD_DECISION: {
    type: 'RECORD_DECISION',
    label: 'Record the decision',
    description:
      'Records the decision of the formal mechanism or ombudsman, with the actions its remedy orders (if any), which are ' +
      'then followed up; without actions the case is resolved.',
    schema: {
      outcome: { kind: 'enum', label: 'Outcome', required: true, values: ['upheld', 'partly-upheld', 'not-upheld'] },
      decidedOn: { kind: 'date', label: 'Decided on', required: true, notInFuture: true },
      remedy: text('Remedy', false),
      actions: actions('Actions the remedy orders'),
    },
    example: {
      outcome: 'partly-upheld',
      decidedOn: '2026-01-05',
      remedy: 'An apology and a review of the notice policy.',
      actions: [{ party: 'respondent', action: 'Publish the reviewed notice policy.', due: { on: '2027-03-31' } }],
    },
    mayBeSentBy: isSide,
    senders: 'the claimant or the respondent',
  },
  ACTION_DONE: {
    type: 'ACTION_DONE',
    label: 'Report an action done',
    description: 'The party that owes an agreed action reports that it has been done; the other party then confirms it.',
    schema: { actionId: { kind: 'choice', label: 'Action', required: true }, note: text('What was done', false) },
    example: { actionId: 'a1', note: 'Letter sent on Monday.' },
    mayBeSentBy: (r, c, payload) =>
      isSide(r) && (payload ? named(c, payload)?.party === r : actionsOf(c).some((a) => a.party === r && a.status === 'open')),
    candidates: (r, c) => actionsOf(c).filter((a) => a.party === r && a.status === 'open').map((a) => ({ actionId: a.id })),
    choices: (_f, r, c) => actionChoices(actionsOf(c).filter((a) => a.party === r && a.status === 'open')),
    senders: 'the party that owes the action',
  },
  ACTION_CONFIRMED: {
    type: 'ACTION_CONFIRMED',
    label: 'Confirm an action was done',
    description:
      'The party owed an action confirms it was done. A confirmation that does not come within the Compact file\'s ' +
      'confirmation time counts as given.',
    schema: { actionId: { kind: 'choice', label: 'Action', required: true }, note: text('Note', false) },
    example: { actionId: 'a1' },
    mayBeSentBy: (r, c, payload) =>
      isSide(r) &&
      (payload ? named(c, payload)?.party === other(r) : actionsOf(c).some((a) => a.party === other(r) && a.status === 'done')),
    candidates: (r, c) =>
      isSide(r) ? actionsOf(c).filter((a) => a.party === other(r) && a.status === 'done').map((a) => ({ actionId: a.id })) : [],
    choices: (_f, r, c) => (isSide(r) ? actionChoices(actionsOf(c).filter((a) => a.party === other(r) && a.status === 'done')) : []),
    senders: 'the party owed the action',
  },
  AGREEMENT_NOT_KEPT: {
    type: 'AGREEMENT_NOT_KEPT',
    label: 'Report the agreement not kept',
    description:
      'The party owed an action reports that it was not kept, and what happened. The case reopens where the agreement ' +
      'was made: in negotiation, in mediation, or before the formal route.',
    schema: { actionId: { kind: 'choice', label: 'Action', required: true }, whatHappened: text('What happened', true) },
    example: { actionId: 'a1', whatHappened: 'No letter has arrived, three weeks after the date agreed.' },
    mayBeSentBy: (r, c, payload) =>
      isSide(r) &&
      (payload
        ? named(c, payload)?.party === other(r)
        : actionsOf(c).some((a) => a.party === other(r) && a.status !== 'confirmed')),
    candidates: (r, c) =>
      isSide(r)
        ? actionsOf(c)
            .filter((a) => a.party === other(r) && a.status !== 'confirmed')
            .map((a) => ({ actionId: a.id, whatHappened: 'It was not done.' }))
        : [],
    choices: (_f, r, c) => (isSide(r) ? actionChoices(actionsOf(c).filter((a) => a.party === other(r) && a.status !== 'confirmed')) : []),
    senders: 'the party owed the action',
  },
  REQUEST_EXTENSION: {
    type: 'REQUEST_EXTENSION',
    label: 'Ask for more time',
    description:
      'The party that must act before a deadline asks for more time, with a reason. The other party (in mediation, the ' +
      'mediator) agrees or refuses; a request nobody answers before the deadline passes changes nothing. The Compact ' +
      'file caps the working days agreed per deadline.',
    schema: {
      deadline: { kind: 'choice', label: 'Deadline', required: true },
      workingDays: { kind: 'integer', label: 'Working days more', required: true, min: 1, max: 250 },
      reason: text('Reason', true, 2000),
    },
    example: { deadline: 'deadline.proposal', workingDays: 5, reason: 'Our trustees meet next Thursday.' },
    mayBeSentBy: isSide,
    offeredWhen: (r, c, facts) => extendable(r, c, facts).length > 0,
    choices: (_f, r, c, facts) =>
      extendable(r, c, facts).map(({ key, room }) => {
        const found = deadlineOf({ deadlines: compactDisputeV2Deadlines }, key)!;
        const about = found.instance && found.def.describe ? `: ${found.def.describe(c, found.instance)}` : '';
        return { value: key, text: `${found.def.label}${about} (up to ${room} working days more)` };
      }),
    checkWith: (payload, c, facts, r) => {
      const asked = extendable(r, c, facts).find((d) => d.key === payload.deadline);
      if (!asked) return [{ field: 'deadline', message: 'must be a pending deadline that you must meet' }];
      const cap = facts.deadlines.extensionCapWorkingDays;
      if (Number(payload.workingDays) > asked.room) {
        return [
          {
            field: 'workingDays',
            message: `must be at most ${asked.room}: the Compact allows ${cap} working days more per deadline` +
              (asked.room < cap ? ` and ${cap - asked.room} have been agreed already` : ''),
          },
        ];
      }
      return [];
    },
    senders: 'the party that must meet the deadline',
  },
  AGREE_EXTENSION: {
    type: 'AGREE_EXTENSION',
    label: 'Agree to more time',
    description: 'The other party (in mediation, the mediator) agrees to the time asked for: the deadline moves.',
    schema: { note: text('Note', false) },
    example: { note: 'Agreed.' },
    mayBeSentBy: answersExtension,
    checkWith: requestStillOpen,
    senders: 'the other party, or in mediation the mediator',
  },
  REFUSE_EXTENSION: {
    type: 'REFUSE_EXTENSION',
    label: 'Refuse more time',
    description: 'The other party (in mediation, the mediator) refuses the time asked for: the deadline stays.',
    schema: { reason: text('Reason', true, 2000) },
    example: { reason: 'The matter is urgent for the families we support.' },
    mayBeSentBy: answersExtension,
    checkWith: requestStillOpen,
    senders: 'the other party, or in mediation the mediator',
  },
  WITHDRAW: fromV1('WITHDRAW'),
  CLOSE: fromV1('CLOSE'),
  ACKNOWLEDGEMENT_OVERDUE: fromV1('ACKNOWLEDGEMENT_OVERDUE'),
  PROPOSAL_OVERDUE: fromV1('PROPOSAL_OVERDUE'),
  NEGOTIATION_PERIOD_ENDED: fromV1('NEGOTIATION_PERIOD_ENDED'),
  MEDIATOR_RESPONSE_OVERDUE: fromV1('MEDIATOR_RESPONSE_OVERDUE'),
  ACTION_OVERDUE: systemEvent(
    'ACTION_OVERDUE',
    'Agreed action overdue',
    'An agreed action was not reported done by its date; the party owed it may report the agreement not kept.',
  ),
  ACTION_CONFIRMATION_OVERDUE: systemEvent(
    'ACTION_CONFIRMATION_OVERDUE',
    'Action confirmed (no answer)',
    'The party owed an action did not confirm or dispute it in time: it counts as confirmed.',
  ),
  OMBUDSMAN_LIMIT_APPROACHING: fromV1('OMBUDSMAN_LIMIT_APPROACHING'),
  JUDICIAL_REVIEW_LIMIT_APPROACHING: systemEvent(
    'JUDICIAL_REVIEW_LIMIT_APPROACHING',
    'Judicial review time limit approaching',
    'Reminds the claimant of the time limit for a claim for judicial review of the decision the case is about.',
  ),
};
