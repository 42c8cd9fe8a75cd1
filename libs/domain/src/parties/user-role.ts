import { OrganisationKind } from './organisation-kind';

export const USER_ROLES = ['party', 'mediator', 'board', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The organisation kinds a user of each role may belong to (null: no organisation). */
export const ROLE_ORGANISATION_KINDS: Record<UserRole, readonly OrganisationKind[] | null> = {
  party: ['public-body', 'vcs'],
  mediator: ['mediator'],
  board: null,
  admin: null,
};
