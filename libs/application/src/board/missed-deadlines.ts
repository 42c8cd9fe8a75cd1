import { CaseParticipant, MissedDeadline } from '@compact/domain';
import { deadlineOf, InstalledWorkflow } from '@compact/engine';

/** The organisations in each part of a case at the moment a deadline passed. */
export type PartiesAt = Record<CaseParticipant['part'], string | null>;

/**
 * Who had to meet each missed deadline: the parts its workflow's definition says must act
 * (`mustAct`, on the case's context as it was before the change), as the organisations in those
 * parts then. One row per deadline and organisation; a part nobody was in (no mediator yet) counts
 * for nobody.
 */
export function whoMissed(workflow: InstalledWorkflow, missedKeys: readonly string[], context: unknown, parties: PartiesAt): MissedDeadline[] {
  const rows: MissedDeadline[] = [];
  for (const key of missedKeys) {
    const found = deadlineOf(workflow, key);
    if (!found) continue;
    const organisations = new Set(found.def.mustAct(context, found.instance).map((part) => parties[part]));
    for (const organisationId of organisations) if (organisationId) rows.push({ deadlineKey: key, organisationId });
  }
  return rows;
}
