import { CaseRecord, DomainError, ErrorCode, User, UserRole } from '@compact/domain';
import { actorOf, Caller, caseNotFound, relationOf, requireRole, visibilityOf } from './caller';

const CLAIMANT = 'org-claimant';
const RESPONDENT = 'org-respondent';
const MEDIATOR = 'org-mediator-now';
const FORMER = 'org-mediator-before';

const record = {
  id: 'case-1',
  claimantOrganisationId: CLAIMANT,
  respondentOrganisationId: RESPONDENT,
  mediatorOrganisationId: MEDIATOR,
  participants: [
    { organisationId: CLAIMANT, part: 'claimant' },
    { organisationId: RESPONDENT, part: 'respondent' },
    { organisationId: FORMER, part: 'mediator' },
    { organisationId: MEDIATOR, part: 'mediator' },
  ],
} as CaseRecord;

function caller(role: UserRole, organisationId: string | null): Caller {
  const user: User = { id: `user-${role}`, name: 'N', email: 'n@example.org', role, organisationId, createdAt: new Date(0), deactivatedAt: null };
  return { user };
}

describe('relationOf', () => {
  it.each([
    ['admin', null, 'admin'],
    ['admin', CLAIMANT, 'admin'],
    ['board', null, 'board'],
    ['board', RESPONDENT, 'board'],
    ['party', CLAIMANT, 'claimant'],
    ['party', RESPONDENT, 'respondent'],
    ['party', 'org-stranger', 'none'],
    ['party', null, 'none'],
    ['party', MEDIATOR, 'none'],
    ['party', FORMER, 'none'],
    ['mediator', MEDIATOR, 'mediator'],
    ['mediator', FORMER, 'former-mediator'],
    ['mediator', 'org-other-mediator', 'none'],
    ['mediator', null, 'none'],
    ['mediator', CLAIMANT, 'none'],
    ['mediator', RESPONDENT, 'none'],
  ] as const)('a %s user of %p stands as %s', (role, organisationId, expected) => {
    expect(relationOf(caller(role, organisationId), record)).toBe(expected);
  });

  it('gives no mediator relation on a case never referred', () => {
    const unreferred = { ...record, mediatorOrganisationId: null, participants: record.participants.slice(0, 2) } as CaseRecord;
    expect(relationOf(caller('mediator', MEDIATOR), unreferred)).toBe('none');
    expect(relationOf(caller('mediator', FORMER), unreferred)).toBe('none');
  });
});

describe('visibilityOf', () => {
  it('lets administrators and the board see every case', () => {
    expect(visibilityOf(caller('admin', null))).toEqual({ all: true });
    expect(visibilityOf(caller('board', null))).toEqual({ all: true });
  });

  it("limits a party to its organisation's cases as claimant or respondent", () => {
    expect(visibilityOf(caller('party', CLAIMANT))).toEqual({ all: false, organisationId: CLAIMANT, parts: ['claimant', 'respondent'] });
  });

  it('limits a mediator to cases referred to its organisation', () => {
    expect(visibilityOf(caller('mediator', MEDIATOR))).toEqual({ all: false, organisationId: MEDIATOR, parts: ['mediator'] });
  });

  it('gives a user without an organisation no organisation to match', () => {
    expect(visibilityOf(caller('party', null))).toEqual({ all: false, organisationId: '', parts: ['claimant', 'respondent'] });
  });
});

describe('requireRole / actorOf / caseNotFound', () => {
  it('requireRole passes a listed role and refuses others with FORBIDDEN', () => {
    expect(() => requireRole(caller('admin', null), 'admin')).not.toThrow();
    expect(() => requireRole(caller('board', null), 'admin', 'board')).not.toThrow();
    try {
      requireRole(caller('party', CLAIMANT), 'admin', 'board');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.FORBIDDEN);
      expect((error as DomainError).message).toBe('This needs the role admin or board; you are signed in as party');
    }
  });

  it('actorOf records user, organisation and role', () => {
    expect(actorOf(caller('party', CLAIMANT))).toEqual({ type: 'user', userId: 'user-party', organisationId: CLAIMANT, role: 'party' });
  });

  it('caseNotFound looks exactly like a missing case', () => {
    const e = caseNotFound('case-9');
    expect(e.code).toBe(ErrorCode.NOT_FOUND);
    expect(e.message).toBe(DomainError.notFound('Case', 'case-9').message);
  });
});
