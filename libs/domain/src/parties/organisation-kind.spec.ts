import { COMPACT_SIDES, ORGANISATION_KINDS, sideOfKind } from './organisation-kind';
import { ROLE_ORGANISATION_KINDS, USER_ROLES } from './user-role';

describe('sideOfKind', () => {
  it('puts public bodies and VCS organisations on their sides of the Compact', () => {
    expect(sideOfKind('public-body')).toBe('public-bodies');
    expect(sideOfKind('vcs')).toBe('vcs');
  });

  it('puts mediators on neither side', () => {
    expect(sideOfKind('mediator')).toBeNull();
  });

  it('answers a known side for every party kind', () => {
    const sides = ORGANISATION_KINDS.map(sideOfKind).filter((s) => s !== null);
    expect([...sides].sort()).toEqual([...COMPACT_SIDES].sort());
  });
});

describe('ROLE_ORGANISATION_KINDS', () => {
  it('names, for every role, the organisation kinds its users belong to', () => {
    expect(Object.keys(ROLE_ORGANISATION_KINDS).sort()).toEqual([...USER_ROLES].sort());
    expect(ROLE_ORGANISATION_KINDS.party).toEqual(['public-body', 'vcs']);
    expect(ROLE_ORGANISATION_KINDS.mediator).toEqual(['mediator']);
    expect(ROLE_ORGANISATION_KINDS.board).toBeNull();
    expect(ROLE_ORGANISATION_KINDS.admin).toBeNull();
  });
});
