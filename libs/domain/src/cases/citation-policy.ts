import { CompactIndex } from '../compact/compact-catalog';
import { FieldError } from '../errors/domain-error';
import { CompactSide } from '../parties/organisation-kind';
import { CaseKind } from './case-kind';

/**
 * The Compact's rule for what a case cites: every cited undertaking must exist; a breach must cite
 * at least one, and only undertakings that bind the respondent's side (a VCS organisation cites
 * public-body undertakings and vice versa); a disagreement may cite any, or none.
 */
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
    } else if (kind === 'breach' && undertaking.binds !== respondentSide) {
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
