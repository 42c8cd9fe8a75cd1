import { CaseKind } from './case-kind';
import { CaseOutcome, CaseRules } from './case-rules';

/** An organisation's part in a case; a case keeps every organisation that ever took part. */
export interface CaseParticipant {
  organisationId: string;
  part: 'claimant' | 'respondent' | 'mediator';
}

/** A case as stored: the workflow snapshot plus the fields the service filters and shows. */
export interface CaseRecord {
  id: string;
  reference: string;
  compactId: string;
  workflowName: string;
  workflowVersion: number;
  kind: CaseKind;
  title: string;
  summary: string;
  desiredOutcome: string | null;
  becameAwareOn: string;
  claimantOrganisationId: string;
  respondentOrganisationId: string;
  mediatorOrganisationId: string | null;
  undertakingIds: string[];
  /** Top-level state name (`negotiation`). */
  state: string;
  /** Dotted state path (`negotiation.discussing`). */
  statePath: string;
  /** Full XState state value (`{ negotiation: 'discussing' }`). */
  stateValue: unknown;
  /** XState persisted snapshot. */
  snapshot: unknown;
  version: number;
  /** The last link of the case's audit chain, kept with the case so a cut-off tail is detected. */
  auditSeq: number;
  auditHead: string;
  participants: CaseParticipant[];
  /** The deadline lengths and calendar the case was raised under. */
  rules: CaseRules;
  /** Kept up to date with each change, from the case's own workflow: what the board and lists ask. */
  outcome: CaseOutcome;
  deadlinesMet: number;
  deadlinesMissed: number;
  resolvedAt: Date | null;
  /** The top-level state the case was in when it was resolved (its workflow's name for it). */
  resolvedStage: string | null;
  createdByUserId: string;
  createdAt: Date;
  updatedAt: Date;
}
