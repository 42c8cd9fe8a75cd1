import { CompactIndex, Undertaking } from '../compact/compact-catalog';
import { FieldError } from '../errors/domain-error';
import { CompactSide } from '../parties/organisation-kind';
import { CaseKind } from './case-kind';

/**
 * The Compact's rule for what a case cites, the one place that both the API and the pages use:
 * a breach cites only undertakings that bind the respondent's side (a VCS organisation cites
 * public-body undertakings and vice versa), and at least one; a disagreement may cite any, or none.
 */
export function mayCite(kind: CaseKind, respondentSide: CompactSide, undertaking: Undertaking): boolean {
  return kind !== 'breach' || undertaking.binds === respondentSide;
}

/** The undertakings that a case of this kind against the respondent's side may cite, in the Compact's order. */
export function citableUndertakings(compact: CompactIndex, kind: CaseKind, respondentSide: CompactSide): Undertaking[] {
  return compact.undertakings().filter((u) => mayCite(kind, respondentSide, u));
}

/**
 * The undertakings bind each side towards the other, so a breach is raised across the sides. Two
 * organisations of the same side may still bring a disagreement.
 */
export function checkSides(kind: CaseKind, claimantSide: CompactSide | null, respondentSide: CompactSide): FieldError[] {
  if (kind !== 'breach' || claimantSide !== respondentSide) return [];
  const side = respondentSide === 'vcs' ? 'voluntary and community organisations' : 'public bodies';
  return [
    {
      field: 'kind',
      message: `a breach cannot be raised between two ${side}: the Compact's undertakings bind each side towards the other. Raise a disagreement instead`,
    },
  ];
}

/** Every cited undertaking exists, is cited once and may be cited (see `mayCite`); a breach cites at least one. */
export function checkCitations(
  compact: CompactIndex,
  kind: CaseKind,
  respondentSide: CompactSide,
  undertakingIds: string[],
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  undertakingIds.forEach((id, i) => {
    const field = `undertakings[${i}]`;
    const undertaking = compact.find(id);
    if (seen.has(id)) errors.push({ field, message: `'${id}' is cited twice` });
    seen.add(id);
    if (!undertaking) {
      errors.push({ field, message: `'${id}' is not an undertaking of the ${compact.catalog.name}` });
    } else if (!mayCite(kind, respondentSide, undertaking)) {
      errors.push({
        field,
        message: `'${id}' binds ${undertaking.binds === 'vcs' ? 'the VCS' : 'public bodies'}, not the respondent's side`,
      });
    }
  });
  if (kind === 'breach' && undertakingIds.length === 0) {
    errors.push({ field: 'undertakings', message: 'a breach must cite at least one undertaking that binds the respondent' });
  }
  return errors;
}
