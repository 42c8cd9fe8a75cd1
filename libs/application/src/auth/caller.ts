import { Actor, CaseRecord, CaseRelation, CaseVisibility, DomainError, ErrorCode, User, UserRole } from '@compact/domain';

/** The authenticated user behind a request. */
export interface Caller {
  user: User;
}

export function actorOf(caller: Caller): Actor {
  return { type: 'user', userId: caller.user.id, organisationId: caller.user.organisationId, role: caller.user.role };
}

export function requireRole(caller: Caller, ...roles: UserRole[]): void {
  if (!roles.includes(caller.user.role)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `This needs the role ${roles.join(' or ')}; you are signed in as ${caller.user.role}`);
  }
}

/** How the caller stands to a case; `none` means the case must look as if it did not exist. */
export function relationOf(caller: Caller, record: CaseRecord): CaseRelation {
  const { role, organisationId } = caller.user;
  if (role === 'admin') return 'admin';
  if (role === 'board') return 'board';
  if (!organisationId) return 'none';
  if (role === 'party') {
    if (organisationId === record.claimantOrganisationId) return 'claimant';
    if (organisationId === record.respondentOrganisationId) return 'respondent';
    return 'none';
  }
  if (organisationId === record.mediatorOrganisationId) return 'mediator';
  return record.participants.some((p) => p.part === 'mediator' && p.organisationId === organisationId)
    ? 'former-mediator'
    : 'none';
}

/** Which cases a caller may see at all. */
export function visibilityOf(caller: Caller): CaseVisibility {
  const { role, organisationId } = caller.user;
  if (role === 'admin' || role === 'board') return { all: true };
  return {
    all: false,
    organisationId: organisationId ?? '',
    parts: role === 'party' ? ['claimant', 'respondent'] : ['mediator'],
  };
}

/** A case the caller may not see is reported exactly like one that does not exist. */
export function caseNotFound(caseId: string): DomainError {
  return DomainError.notFound('Case', caseId);
}
