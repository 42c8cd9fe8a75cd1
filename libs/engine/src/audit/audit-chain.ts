import { createHash } from 'node:crypto';
import { AuditEntry, GENESIS_HASH } from '@compact/domain';
import { canonicalJson } from './canonical-json';

export type UnsealedAuditEntry = Omit<AuditEntry, 'hash' | 'prevHash' | 'seq'>;

/** sha256 over the canonical JSON of every field of the entry except `hash` (prevHash included). */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { caseId, seq, at, actor, eventType, fromState, toState, payload, prevHash } = entry;
  const covered = { caseId, seq, at, actor, eventType, fromState, toState, payload, prevHash };
  return createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/** The last link of a chain: what the next entry is sealed onto. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Links a new entry after `previous` (or at the start of the chain) and seals it with its hash. */
export function sealAuditEntry(entry: UnsealedAuditEntry, previous: ChainHead | null): AuditEntry {
  const linked = { ...entry, seq: previous ? previous.seq + 1 : 1, prevHash: previous ? previous.hash : GENESIS_HASH };
  return { ...linked, hash: hashAuditEntry(linked) };
}

export interface ChainVerification {
  valid: boolean;
  entries: number;
  /** The seq of the first entry that does not verify. */
  brokenAt?: number;
  reason?: string;
}

/**
 * Checks a case's entries in seq order: numbering, links and hashes; and, given the head the case
 * records, that the chain ends there (entries cut off the end are otherwise undetectable).
 */
export function verifyAuditChain(entries: AuditEntry[], head?: ChainHead | null): ChainVerification {
  let previous: AuditEntry | null = null;
  for (const entry of entries) {
    const expectedSeq = previous ? previous.seq + 1 : 1;
    const broken = (reason: string): ChainVerification => ({ valid: false, entries: entries.length, brokenAt: entry.seq, reason });
    if (entry.seq !== expectedSeq) return broken(`expected entry ${expectedSeq}, found ${entry.seq}`);
    if (entry.prevHash !== (previous ? previous.hash : GENESIS_HASH)) return broken('prevHash does not match the previous entry');
    if (hashAuditEntry(entry) !== entry.hash) return broken('hash does not match the entry');
    if (previous && entry.caseId !== previous.caseId) return broken('entry belongs to another case');
    previous = entry;
  }
  // null: the case records no entry yet.
  const recorded = head === undefined ? undefined : (head?.seq ?? 0);
  if (recorded !== undefined && (previous?.seq ?? 0) !== recorded) {
    return {
      valid: false,
      entries: entries.length,
      brokenAt: Math.min(previous?.seq ?? 0, recorded) + 1,
      reason: `the trail ends at entry ${previous?.seq ?? 0} but the case records ${recorded} entries`,
    };
  }
  if (head && previous && previous.hash !== head.hash) {
    return { valid: false, entries: entries.length, brokenAt: previous.seq, reason: 'the last entry is not the one the case records' };
  }
  return { valid: true, entries: entries.length };
}
