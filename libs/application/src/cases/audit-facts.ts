import { Actor, AuditEntry, CaseRecord, Repositories } from '@compact/domain';
import { ChainHead, sealAuditEntry } from '@compact/engine';

/** What an audit entry records, before it is linked into its case's chain. */
export interface AuditFacts {
  caseId: string;
  at: Date;
  actor: Actor;
  eventType: string;
  fromState: string | null;
  toState: string;
  payload: Record<string, unknown>;
}

/** The chain head a case records (null before its first entry). */
export function chainHead(record: Pick<CaseRecord, 'auditSeq' | 'auditHead'>): ChainHead | null {
  return record.auditSeq > 0 ? { seq: record.auditSeq, hash: record.auditHead } : null;
}

export function sealFacts(record: Pick<CaseRecord, 'auditSeq' | 'auditHead'>, facts: AuditFacts): AuditEntry {
  return sealAuditEntry({ ...facts, at: facts.at.toISOString() }, chainHead(record));
}

/**
 * Appends an entry that does not change the case (a reminder sent) to its chain, and records the
 * new head on the case. `record` must have been loaded (locked) in this transaction.
 */
export async function appendAudit(repos: Repositories, record: CaseRecord, facts: AuditFacts): Promise<void> {
  const entry = sealFacts(record, facts);
  await repos.audit.append(entry);
  await repos.cases.setAuditHead(record.id, entry.seq, entry.hash);
}
