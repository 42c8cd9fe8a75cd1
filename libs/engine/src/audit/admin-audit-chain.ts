import { AdminAuditEntry } from '@compact/domain';
import { ChainChecker, chainHash, ChainHead, nextLink } from './audit-chain';

export type UnsealedAdminAuditEntry = Omit<AdminAuditEntry, 'hash' | 'prevHash' | 'seq'>;

/** sha256 over the canonical JSON of every field of the entry except `hash` (prevHash included). */
export function hashAdminAuditEntry(entry: Omit<AdminAuditEntry, 'hash'>): string {
  const { seq, at, actor, action, subject, details, prevHash } = entry;
  return chainHash({ seq, at, actor, action, subject, details, prevHash });
}

/** Links an administrative action after the deployment's head and seals it. */
export function sealAdminAuditEntry(entry: UnsealedAdminAuditEntry, previous: ChainHead | null): AdminAuditEntry {
  const linked = { ...entry, ...nextLink(previous) };
  return { ...linked, hash: hashAdminAuditEntry(linked) };
}

/** A checker for the administration trail, fed page by page in seq order. */
export function adminAuditChecker(): ChainChecker<AdminAuditEntry> {
  return new ChainChecker<AdminAuditEntry>(hashAdminAuditEntry, 'the head');
}
