import type { CaseKind } from '@compact/domain';
import type { EventMeta } from '@compact/engine';

export type Side = 'claimant' | 'respondent';

/** Why the parties may now go beyond negotiation (the Compact puts negotiation first). */
export type ReferralUnlock =
  | 'negotiation-failed'
  | 'acknowledgement-overdue'
  | 'proposal-overdue'
  | 'negotiation-period-ended'
  | 'agreement-not-kept';

export type FormalRoute = 'agreed-mechanism' | 'statutory' | 'ombudsman';
export type DecisionOutcome = 'upheld' | 'partly-upheld' | 'not-upheld';

/** When an action offered in a proposal (or agreed in mediation, or ordered as a remedy) is due. */
export type ActionDue = { on: string } | { workingDaysAfterAgreement: number };

/** One action of a structured offer: who will do what, by when. */
export interface ActionTerm {
  party: Side;
  action: string;
  due: ActionDue;
}

/** An action of the case's agreement, followed up until the party owed it confirms it was done. */
export interface AgreedAction extends ActionTerm {
  /** `a1`, `a2`, … in the order they were agreed. */
  id: string;
  status: 'open' | 'done' | 'confirmed';
  /** Its due time passed while it was still open. */
  overdue: boolean;
  doneAt: string | null;
  doneNote: string | null;
  confirmedAt: string | null;
  /** Confirmed by the party owed it, or by the service when no confirmation came in time. */
  confirmedBy: 'party' | 'system' | null;
}

export interface Agreement {
  via: 'negotiation' | 'mediation' | 'formal';
  summary: string;
  at: string;
  actions: AgreedAction[];
}

/** A pending request for more time before one deadline. */
export interface ExtensionRequest {
  /** The key of the deadline (its timer), e.g. `deadline.proposal` or `action.due/a1`. */
  deadline: string;
  by: Side;
  /** Who answers it: the other party, or in mediation the mediator. */
  answeredBy: Side | 'mediator';
  workingDays: number;
  reason: string;
  at: string;
}

export interface DisputeContext {
  kind: CaseKind;
  becameAwareOn: string;
  /** The date of the decision the case is about, if it is about one (starts the judicial review time limit). */
  decisionDate: string | null;
  raisedAt: string;
  referralUnlockedBy: ReferralUnlock | null;
  proposal: { by: Side; text: string; terms: ActionTerm[]; at: string } | null;
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
  /** The commitments the case ended in, while they are followed up (and after). */
  agreement: Agreement | null;
  /** An earlier agreement that was not kept, and what happened. */
  agreementNotKept: { actionId: string; whatHappened: string; at: string } | null;
  extensionRequest: ExtensionRequest | null;
  closure: { reason: 'withdrawn' | 'closed'; note: string | null; at: string } | null;
  notes: number;
  meetings: number;
  /** When the claimant was last reminded of an external time limit. */
  ombudsmanRemindedAt: string | null;
  judicialReviewRemindedAt: string | null;
}

export interface DisputeInput {
  kind: CaseKind;
  becameAwareOn: string;
  decisionDate?: string | null;
  at: string;
}

type Ev<T extends string, P = object> = { type: T; meta?: EventMeta } & P;

export type DisputeEvent =
  | Ev<'ACKNOWLEDGE', { note?: string }>
  | Ev<'PROPOSE_RESOLUTION', { proposal: string; terms?: ActionTerm[] }>
  | Ev<'ACCEPT_RESOLUTION', { note?: string }>
  | Ev<'REJECT_RESOLUTION', { reason: string }>
  | Ev<'ADD_NOTE', { note: string }>
  | Ev<'RECORD_MEETING', { heldOn: string; summary: string; attendees?: string }>
  | Ev<'DECLARE_NEGOTIATION_FAILED', { reason: string }>
  | Ev<'REFER_TO_MEDIATION', { mediatorOrganisationId: string; reason?: string }>
  | Ev<'MEDIATOR_ACCEPT', { note?: string }>
  | Ev<'MEDIATOR_DECLINE', { reason: string }>
  | Ev<'MEDIATION_AGREEMENT', { agreement: string; actions?: ActionTerm[] }>
  | Ev<'MEDIATION_FAILED', { reason: string }>
  | Ev<'ESCALATE_FORMAL', { route: FormalRoute; body: string; reference: string; skipMediationReason?: string }>
  | Ev<'RECORD_DECISION', { outcome: DecisionOutcome; decidedOn: string; remedy?: string; actions?: ActionTerm[] }>
  | Ev<'ACTION_DONE', { actionId: string; note?: string }>
  | Ev<'ACTION_CONFIRMED', { actionId: string; note?: string }>
  | Ev<'AGREEMENT_NOT_KEPT', { actionId: string; whatHappened: string }>
  | Ev<'REQUEST_EXTENSION', { deadline: string; workingDays: number; reason: string }>
  | Ev<'AGREE_EXTENSION', { note?: string }>
  | Ev<'REFUSE_EXTENSION', { reason: string }>
  | Ev<'WITHDRAW', { reason?: string }>
  | Ev<'CLOSE', { note?: string }>
  | Ev<'ACKNOWLEDGEMENT_OVERDUE'>
  | Ev<'PROPOSAL_OVERDUE'>
  | Ev<'NEGOTIATION_PERIOD_ENDED'>
  | Ev<'MEDIATOR_RESPONSE_OVERDUE'>
  | Ev<'ACTION_OVERDUE'>
  | Ev<'ACTION_CONFIRMATION_OVERDUE'>
  | Ev<'OMBUDSMAN_LIMIT_APPROACHING'>
  | Ev<'JUDICIAL_REVIEW_LIMIT_APPROACHING'>;

export type DisputeEventType = DisputeEvent['type'];
