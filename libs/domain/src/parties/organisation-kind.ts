export const ORGANISATION_KINDS = ['public-body', 'vcs', 'mediator'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Which side of a Compact an undertaking binds. */
export const COMPACT_SIDES = ['public-bodies', 'vcs'] as const;
export type CompactSide = (typeof COMPACT_SIDES)[number];

/** The Compact side an organisation of this kind belongs to; mediators belong to neither. */
export function sideOfKind(kind: OrganisationKind): CompactSide | null {
  if (kind === 'public-body') return 'public-bodies';
  if (kind === 'vcs') return 'vcs';
  return null;
}
