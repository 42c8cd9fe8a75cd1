import type { WorkflowMigration } from '@compact/engine';
import type { DisputeContext as V1Context } from './v1.types';
import type { DisputeContext as V2Context } from './v2.types';

/*
 * Running compact-dispute v1 cases onto v2. v2 keeps every state of v1 under the same name, with
 * the same meaning, so each v1 state maps to itself; what v2 adds (agreements followed up,
 * extensions, time limits from the start) begins from the migration on. A closed case is over: it
 * is not migrated (its trail stays as v1 wrote it).
 */
export const compactDisputeV2FromV1: WorkflowMigration<V1Context, V2Context> = {
  from: { name: 'compact-dispute', version: 1 },
  to: { name: 'compact-dispute', version: 2 },
  states: {
    'raised.awaitingAcknowledgement': 'raised.awaitingAcknowledgement',
    'raised.acknowledgementOverdue': 'raised.acknowledgementOverdue',
    'negotiation.discussing': 'negotiation.discussing',
    'negotiation.proposalPending': 'negotiation.proposalPending',
    'negotiation.failed': 'negotiation.failed',
    'mediation.awaitingMediator': 'mediation.awaitingMediator',
    'mediation.inMediation': 'mediation.inMediation',
    'mediation.ended': 'mediation.ended',
    'formal.underConsideration': 'formal.underConsideration',
    resolved: 'resolved',
  },
  reasons: {
    'raised.awaitingAcknowledgement':
      'Same state in v2: the acknowledgement deadline already given keeps its date; the respondent may now ask for more time.',
    'raised.acknowledgementOverdue': 'Same state in v2; referral stays open to the claimant, as the missed deadline gave it.',
    'negotiation.discussing': 'Same state in v2; the negotiation period keeps its end date.',
    'negotiation.proposalPending':
      'Same state in v2; the pending proposal carries no actions (v1 had none), so accepting it resolves the case as in v1.',
    'negotiation.failed': 'Same state in v2; referral stays open to either party.',
    'mediation.awaitingMediator': 'Same state in v2; the mediator keeps the response deadline already given.',
    'mediation.inMediation': 'Same state in v2; the mediator may now record an agreement with actions to follow up.',
    'mediation.ended': 'Same state in v2; the ombudsman time-limit reminders already set keep their dates.',
    'formal.underConsideration': 'Same state in v2; the decision may now order actions, which are then followed up.',
    resolved: 'Same state in v2: resolved with nothing to follow up (v1 agreements had no actions).',
    closed: 'Not migrated: a closed case is over, and its trail stays as v1 wrote it.',
  },
  context: (v1) => ({
    ...v1,
    decisionDate: null,
    proposal: v1.proposal ? { ...v1.proposal, terms: [] } : null,
    agreement: null,
    agreementNotKept: null,
    extensionRequest: null,
    judicialReviewRemindedAt: null,
  }),
};
