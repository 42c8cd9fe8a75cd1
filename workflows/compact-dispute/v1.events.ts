import type { ActingRelation, FieldSpec } from '@compact/domain';
import type { EventDefinition } from '@compact/engine';
import type { DisputeContext, DisputeEventType, ReferralUnlock } from './v1.types';

/*
 * Every event of compact-dispute v1: its payload, who may send it, and how it reads.
 * Permissions are checked by the engine before the machine is asked (a refusal is FORBIDDEN_EVENT);
 * whether the event is possible in the current state is the machine's own answer.
 */

const text = (label: string, required: boolean, maxLength = 5000): FieldSpec => ({
  kind: 'text',
  label,
  required,
  maxLength,
  multiline: maxLength > 200,
});

const parties = (r: ActingRelation): boolean => r === 'claimant' || r === 'respondent';
const onlyRespondent = (r: ActingRelation): boolean => r === 'respondent';
const onlyClaimant = (r: ActingRelation): boolean => r === 'claimant';
const onlyMediator = (r: ActingRelation): boolean => r === 'mediator';
const onlySystem = (r: ActingRelation): boolean => r === 'system';
/**
 * Going beyond negotiation (to a mediator, or to the formal route) is for either party, except that
 * a deadline the respondent missed (acknowledging the case, answering the claimant's proposal) opens
 * the way for the claimant only: the respondent must still negotiate, or declare negotiation failed.
 */
const RESPONDENT_MISSED: readonly ReferralUnlock[] = ['acknowledgement-overdue', 'proposal-overdue'];
const mayGoBeyondNegotiation = (r: ActingRelation, c: DisputeContext): boolean =>
  parties(r) &&
  (r === 'claimant' || c.mediationOutcome !== null || c.referralUnlockedBy === null || !RESPONDENT_MISSED.includes(c.referralUnlockedBy));
const beyondNegotiationSenders = 'the claimant or the respondent (the claimant alone after a deadline the respondent missed)';

/** The party who did not make the pending proposal (either party while none is pending). */
const otherThanProposer = (r: ActingRelation, c: DisputeContext): boolean =>
  parties(r) && (c.proposal === null || c.proposal.by !== r);

type Def = EventDefinition<DisputeContext>;

const systemEvent = (type: DisputeEventType, label: string, description: string): Def => ({
  type,
  label,
  description,
  schema: {},
  example: {},
  mayBeSentBy: onlySystem,
  senders: 'the system (a deadline passing)',
});

export const compactDisputeV1Events: Record<DisputeEventType, Def> = {
  ACKNOWLEDGE: {
    type: 'ACKNOWLEDGE',
    label: 'Acknowledge the case',
    description: 'The respondent acknowledges the case; negotiation between those involved begins.',
    schema: { note: text('Note', false) },
    example: { note: 'We have received this and will respond in detail.' },
    mayBeSentBy: onlyRespondent,
    senders: 'the respondent',
  },
  PROPOSE_RESOLUTION: {
    type: 'PROPOSE_RESOLUTION',
    label: 'Propose a resolution',
    description: 'Either party proposes how to resolve the matter; a new proposal replaces a pending one.',
    schema: { proposal: text('Proposal', true) },
    example: { proposal: 'Funding continues for three months while a transition plan is agreed.' },
    mayBeSentBy: parties,
    senders: 'the claimant or the respondent',
  },
  ACCEPT_RESOLUTION: {
    type: 'ACCEPT_RESOLUTION',
    label: 'Accept the proposal',
    description: 'The party who did not make the pending proposal accepts it; the case is resolved.',
    schema: { note: text('Note', false) },
    example: { note: 'Agreed.' },
    mayBeSentBy: otherThanProposer,
    senders: 'the party who did not make the pending proposal',
  },
  REJECT_RESOLUTION: {
    type: 'REJECT_RESOLUTION',
    label: 'Reject the proposal',
    description: 'The party who did not make the pending proposal rejects it; negotiation continues.',
    schema: { reason: text('Reason', true) },
    example: { reason: 'Three months does not cover the notice period we are owed.' },
    mayBeSentBy: otherThanProposer,
    senders: 'the party who did not make the pending proposal',
  },
  ADD_NOTE: {
    type: 'ADD_NOTE',
    label: 'Add a note',
    description: 'Adds a note to the case history; the case stays where it is.',
    schema: { note: text('Note', true) },
    example: { note: 'Phoned the commissioning team; awaiting a call back.' },
    mayBeSentBy: (r) => parties(r) || r === 'mediator' || r === 'admin',
    senders: 'the parties, the assigned mediator or an administrator',
  },
  RECORD_MEETING: {
    type: 'RECORD_MEETING',
    label: 'Record a meeting',
    description: 'Records a meeting held between those involved (or with the mediator).',
    schema: {
      heldOn: { kind: 'date', label: 'Held on', required: true, notInFuture: true },
      summary: text('Summary', true),
      attendees: text('Attendees', false, 1000),
    },
    example: { heldOn: '2026-01-05', summary: 'Discussed the timetable for notice.', attendees: 'J. Smith, A. Khan' },
    mayBeSentBy: (r) => parties(r) || r === 'mediator',
    senders: 'the parties or the assigned mediator',
  },
  DECLARE_NEGOTIATION_FAILED: {
    type: 'DECLARE_NEGOTIATION_FAILED',
    label: 'Declare negotiation failed',
    description: 'Either party declares that negotiation has not resolved the matter; referral becomes possible.',
    schema: { reason: text('Reason', true) },
    example: { reason: 'Two meetings have not moved either position.' },
    mayBeSentBy: parties,
    senders: 'the claimant or the respondent',
  },
  REFER_TO_MEDIATION: {
    type: 'REFER_TO_MEDIATION',
    label: 'Refer to a mediator',
    description:
      'Refers the case to a mediator organisation (Compact Voice, or a local mediation service). ' +
      'Possible once negotiation was declared failed or the respondent missed a deadline.',
    schema: {
      mediatorOrganisationId: {
        kind: 'organisation',
        organisationKind: 'mediator',
        label: 'Mediator organisation',
        required: true,
      },
      reason: text('Reason', false),
    },
    example: { mediatorOrganisationId: '00000000-0000-4000-8000-000000000000', reason: 'Negotiation has stalled.' },
    mayBeSentBy: mayGoBeyondNegotiation,
    senders: beyondNegotiationSenders,
  },
  MEDIATOR_ACCEPT: {
    type: 'MEDIATOR_ACCEPT',
    label: 'Accept the referral',
    description: 'The mediator accepts the referral; mediation begins.',
    schema: { note: text('Note', false) },
    example: { note: 'We can meet both parties next week.' },
    mayBeSentBy: onlyMediator,
    senders: 'the mediator the case is referred to',
  },
  MEDIATOR_DECLINE: {
    type: 'MEDIATOR_DECLINE',
    label: 'Decline the referral',
    description: 'The mediator declines the referral; the parties may refer elsewhere or escalate.',
    schema: { reason: text('Reason', true) },
    example: { reason: 'Outside our area of work.' },
    mayBeSentBy: onlyMediator,
    senders: 'the mediator the case is referred to',
  },
  MEDIATION_AGREEMENT: {
    type: 'MEDIATION_AGREEMENT',
    label: 'Record an agreement',
    description: 'The mediator records the agreement reached; the case is resolved.',
    schema: { agreement: text('Agreement', true) },
    example: { agreement: 'Funding ends on 30 June with a written rationale and a transition grant.' },
    mayBeSentBy: onlyMediator,
    senders: 'the mediator the case is referred to',
  },
  MEDIATION_FAILED: {
    type: 'MEDIATION_FAILED',
    label: 'Record that mediation failed',
    description: 'The mediator records that mediation did not resolve the matter.',
    schema: { reason: text('Reason', true) },
    example: { reason: 'The parties could not agree on the notice period.' },
    mayBeSentBy: onlyMediator,
    senders: 'the mediator the case is referred to',
  },
  ESCALATE_FORMAL: {
    type: 'ESCALATE_FORMAL',
    label: 'Escalate to a formal mechanism',
    description:
      'Takes the case to an existing agreed or statutory dispute-resolution mechanism, or the relevant ombudsman. ' +
      'Needs mediation to have failed or been declined, or a recorded reason for skipping it.',
    schema: {
      route: { kind: 'enum', label: 'Route', required: true, values: ['agreed-mechanism', 'statutory', 'ombudsman'] },
      body: text('Name of the body', true, 200),
      reference: text('Its reference', true, 100),
      skipMediationReason: text('Reason for not trying mediation', false, 2000),
    },
    example: {
      route: 'ombudsman',
      body: 'Local Government and Social Care Ombudsman',
      reference: 'LGSCO-26-000123',
      skipMediationReason: 'The respondent has not engaged at all.',
    },
    mayBeSentBy: mayGoBeyondNegotiation,
    senders: beyondNegotiationSenders,
    requiredWhen: (context): Record<string, string> =>
      context.mediationOutcome === null ? { skipMediationReason: 'mediation has not been tried' } : {},
  },
  RECORD_DECISION: {
    type: 'RECORD_DECISION',
    label: 'Record the decision',
    description: 'Records the decision of the formal mechanism or ombudsman; the case is resolved.',
    schema: {
      outcome: { kind: 'enum', label: 'Outcome', required: true, values: ['upheld', 'partly-upheld', 'not-upheld'] },
      decidedOn: { kind: 'date', label: 'Decided on', required: true, notInFuture: true },
      remedy: text('Remedy', false),
    },
    example: { outcome: 'partly-upheld', decidedOn: '2026-01-05', remedy: 'An apology and a review of the notice policy.' },
    mayBeSentBy: parties,
    senders: 'the claimant or the respondent',
  },
  WITHDRAW: {
    type: 'WITHDRAW',
    label: 'Withdraw the case',
    description: 'The claimant withdraws the case; it is closed.',
    schema: { reason: text('Reason', false) },
    example: { reason: 'Resolved informally.' },
    mayBeSentBy: onlyClaimant,
    senders: 'the claimant',
  },
  CLOSE: {
    type: 'CLOSE',
    label: 'Close the case',
    description: 'Closes a resolved case.',
    schema: { note: text('Note', false) },
    example: { note: 'Agreement carried out.' },
    mayBeSentBy: (r) => parties(r) || r === 'admin',
    senders: 'the parties or an administrator',
  },
  ACKNOWLEDGEMENT_OVERDUE: systemEvent(
    'ACKNOWLEDGEMENT_OVERDUE',
    'Acknowledgement overdue',
    'The respondent did not acknowledge the case in time; the claimant may refer it on.',
  ),
  PROPOSAL_OVERDUE: systemEvent(
    'PROPOSAL_OVERDUE',
    'Proposal unanswered',
    'A proposal was not answered in time; if the respondent missed it, referral becomes possible.',
  ),
  NEGOTIATION_PERIOD_ENDED: systemEvent(
    'NEGOTIATION_PERIOD_ENDED',
    'Negotiation period ended',
    'Negotiation has run its full period; either party may refer the case without declaring failure.',
  ),
  MEDIATOR_RESPONSE_OVERDUE: systemEvent(
    'MEDIATOR_RESPONSE_OVERDUE',
    'Mediator did not respond',
    'The mediator did not accept or decline the referral in time; the parties may refer elsewhere or escalate.',
  ),
  OMBUDSMAN_LIMIT_APPROACHING: systemEvent(
    'OMBUDSMAN_LIMIT_APPROACHING',
    'Ombudsman time limit approaching',
    'Reminds the claimant of the time limit for taking the matter to the ombudsman.',
  ),
};
