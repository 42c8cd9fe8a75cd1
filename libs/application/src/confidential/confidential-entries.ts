import { AuditEntry, CaseRelation } from '@compact/domain';
import { CONFIDENTIAL_NOTE } from '@compact/engine';

/**
 * Who may read an entry's payload: null for every reader of the case; for a confidential note,
 * the two sides of the exchange (the mediator always being one).
 */
export function audienceOf(entry: Pick<AuditEntry, 'eventType' | 'payload'>): CaseRelation[] | null {
  if (entry.eventType !== CONFIDENTIAL_NOTE) return null;
  const sides = [entry.payload.from, entry.payload.to, 'mediator'].filter((s): s is CaseRelation => typeof s === 'string');
  return [...new Set(sides)];
}

/** Whether a reader standing to the case as `relation` may read what is shown only to `audience`. */
export function mayRead(relation: CaseRelation, audience: readonly CaseRelation[] | null, adminsSeeContent = false): boolean {
  return audience === null || audience.includes(relation) || (relation === 'admin' && adminsSeeContent);
}

/** The entry as a reader who may not read its payload sees it: that it took place and when, its digest, nothing of its content. */
export function withheld(entry: AuditEntry): AuditEntry {
  return { ...entry, payload: {}, withheld: true };
}

/** The entries as a reader standing to the case as `relation` sees them. */
export function entriesShownTo(relation: CaseRelation, entries: AuditEntry[], adminsSeeContent = false): AuditEntry[] {
  return entries.map((e) => (mayRead(relation, audienceOf(e), adminsSeeContent) ? e : withheld(e)));
}

/** The entries as they leave the case (exports, the bundle, the board's files): every confidential payload withheld. */
export function entriesForOutside(entries: AuditEntry[]): AuditEntry[] {
  return entries.map((e) => (audienceOf(e) === null ? e : withheld(e)));
}
