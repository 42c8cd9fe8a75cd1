import type { CaseKind } from '@compact/domain';
import type { EventMeta } from '@compact/engine';

export type Side = 'claimant' | 'respondent';

/** Why the parties may now go beyond negotiation (the Compact puts negotiation first). */
export type ReferralUnlock =
  | 'negotiation-failed'
  | 'acknowledgement-overdue'
  | 'proposal-overdue'
  | 'negotiation-period-ended';

export type FormalRoute = 'agreed-mechanism' | 'statutory' | 'ombudsman';
export type DecisionOutcome = 'upheld' | 'partly-upheld' | 'not-upheld';

export interface DisputeContext {
  kind: CaseKind;
  becameAwareOn: string;
  raisedAt: string;
  referralUnlockedBy: ReferralUnlock | null;
  proposal: { by: Side; text: string; at: string } | null;
  mediatorOrganisationId: string | null;
  mediationOutcome: 'declined' | 'failed' | 'no-response' | null;
  formal: {
    route: FormalRoute;
    body: string;
    reference: string;
    skipMediationReason: string | null;
    at: string;
  } | null;
  resolution: {
    via: 'negotiation' | 'mediation' | 'formal';
    summary: string;
    outcome: DecisionOutcome | null;
    remedy: string | null;
    at: string;
  } | null;
  closure: { reason: 'withdrawn' | 'closed'; note: string | null; at: string } | null;
  notes: number;
  meetings: number;
  /** When the claimant was last reminded of the ombudsman time limit. */
  ombudsmanRemindedAt: string | null;
}

export interface DisputeInput {
  kind: CaseKind;
  becameAwareOn: string;
  at: string;
}

type Ev<T extends string, P = object> = { type: T; meta?: EventMeta } & P;

export type DisputeEvent =
  | Ev<'ACKNOWLEDGE', { note?: string }>
  | Ev<'PROPOSE_RESOLUTION', { proposal: string }>
  | Ev<'ACCEPT_RESOLUTION', { note?: string }>
  | Ev<'REJECT_RESOLUTION', { reason: string }>
  | Ev<'ADD_NOTE', { note: string }>
  | Ev<'RECORD_MEETING', { heldOn: string; summary: string; attendees?: string }>
  | Ev<'DECLARE_NEGOTIATION_FAILED', { reason: string }>
  | Ev<'REFER_TO_MEDIATION', { mediatorOrganisationId: string; reason?: string }>
  | Ev<'MEDIATOR_ACCEPT', { note?: string }>
  | Ev<'MEDIATOR_DECLINE', { reason: string }>
  | Ev<'MEDIATION_AGREEMENT', { agreement: string }>
  | Ev<'MEDIATION_FAILED', { reason: string }>
  | Ev<'ESCALATE_FORMAL', { route: FormalRoute; body: string; reference: string; skipMediationReason?: string }>
  | Ev<'RECORD_DECISION', { outcome: DecisionOutcome; decidedOn: string; remedy?: string }>
  | Ev<'WITHDRAW', { reason?: string }>
  | Ev<'CLOSE', { note?: string }>
  | Ev<'ACKNOWLEDGEMENT_OVERDUE'>
  | Ev<'PROPOSAL_OVERDUE'>
  | Ev<'NEGOTIATION_PERIOD_ENDED'>
  | Ev<'MEDIATOR_RESPONSE_OVERDUE'>
  | Ev<'OMBUDSMAN_LIMIT_APPROACHING'>;

export type DisputeEventType = DisputeEvent['type'];
