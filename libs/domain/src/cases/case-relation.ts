/**
 * How an actor stands to one case. Permissions beside each workflow are written in these terms.
 * `former-mediator`: a mediator organisation the case was once referred to (may read, not act).
 */
export type CaseRelation =
  | 'claimant'
  | 'respondent'
  | 'mediator'
  | 'former-mediator'
  | 'board'
  | 'admin'
  | 'system'
  | 'none';

/** The relations that can act on a case (send events), as opposed to only read it. */
export type ActingRelation = 'claimant' | 'respondent' | 'mediator' | 'admin' | 'system';

export function canRead(relation: CaseRelation): boolean {
  return relation !== 'none';
}
