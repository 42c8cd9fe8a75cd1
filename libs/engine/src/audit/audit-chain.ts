import { createHash } from 'node:crypto';
import { AUDIT_ENTRY_FORMAT, AuditEntry, GENESIS_HASH } from '@compact/domain';
import { canonicalJson } from './canonical-json';

export type UnsealedAuditEntry = Omit<AuditEntry, 'hash' | 'prevHash' | 'seq'>;

/** What every entry of a hash chain carries: its place, the hash it links onto, its own hash. */
export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

/** sha256 (hex) of the canonical JSON of `covered`: how every chain here seals an entry. */
export function chainHash(covered: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/** sha256 (hex) of the canonical JSON of a payload: what a format-2 entry's hash covers in its place. */
export function payloadDigestOf(payload: Record<string, unknown>): string {
  return chainHash(payload);
}

/**
 * sha256 over the canonical JSON of the fields the entry's format covers (prevHash included):
 * format 2, `format` and `payloadDigest` in place of the payload; format 1 (entries written
 * before), the payload itself.
 */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { caseId, seq, at, actor, eventType, fromState, toState, prevHash } = entry;
  if (entry.format === 2) return chainHash({ format: 2, caseId, seq, at, actor, eventType, fromState, toState, payloadDigest: entry.payloadDigest, prevHash });
  return chainHash({ caseId, seq, at, actor, eventType, fromState, toState, payload: entry.payload, prevHash });
}

/** Why a format-2 entry's payload (when it is shown) does not match its digest, or null. */
function payloadProblem(entry: AuditEntry): string | null {
  if (entry.format !== 2 || entry.withheld) return null;
  return payloadDigestOf(entry.payload) === entry.payloadDigest ? null : 'the payload does not match its digest';
}

/** The last link of a chain: what the next entry is sealed onto. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Where the next entry goes after `previous` (or at the start of the chain). */
export function nextLink(previous: ChainHead | null): { seq: number; prevHash: string } {
  return { seq: previous ? previous.seq + 1 : 1, prevHash: previous ? previous.hash : GENESIS_HASH };
}

/** Links a new entry after `previous` (or at the start of the chain) and seals it, in the current format, with its hash. */
export function sealAuditEntry(entry: Omit<UnsealedAuditEntry, 'format' | 'payloadDigest' | 'withheld'>, previous: ChainHead | null): AuditEntry {
  const linked: Omit<AuditEntry, 'hash'> = { ...entry, format: AUDIT_ENTRY_FORMAT, payloadDigest: payloadDigestOf(entry.payload), ...nextLink(previous) };
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
 * Checks a chain's entries fed in seq order (numbering, links and hashes) and, given the head its
 * owner records, that the chain ends there (entries cut off the end are otherwise undetectable).
 * Entries may be fed page by page, so a long chain never has to be held in memory at once.
 */
export class ChainChecker<E extends ChainLink> {
  private previous: E | null = null;
  private count = 0;
  private broken: { brokenAt: number; reason: string } | null = null;

  /**
   * @param hashOf recomputes an entry's hash from its covered fields
   * @param recordedBy who records the head, for the reasons given (`the case`)
   * @param foreign names why an entry does not belong after `previous`, or null when it does
 * @param inner names what is wrong within an entry before its hash is checked, or null
   */
  constructor(
    private readonly hashOf: (entry: E) => string,
    private readonly recordedBy: string,
    private readonly foreign: (entry: E, previous: E) => string | null = () => null,
    private readonly inner: (entry: E) => string | null = () => null,
  ) {}

  add(entry: E): void {
    this.count += 1;
    if (this.broken) return;
    const previous = this.previous;
    const expectedSeq = previous ? previous.seq + 1 : 1;
    const reason =
      entry.seq !== expectedSeq
        ? `expected entry ${expectedSeq}, found ${entry.seq}`
        : entry.prevHash !== (previous ? previous.hash : GENESIS_HASH)
          ? 'prevHash does not match the previous entry'
          : (this.inner(entry) ?? (this.hashOf(entry) !== entry.hash ? 'hash does not match the entry' : previous ? this.foreign(entry, previous) : null));
    if (reason) this.broken = { brokenAt: entry.seq, reason };
    else this.previous = entry;
  }

  /** The verdict on everything fed so far; `head` null: the owner records no entry yet; undefined: not checked. */
  result(head?: ChainHead | null): ChainVerification {
    const entries = this.count;
    if (this.broken) return { valid: false, entries, ...this.broken };
    const previous = this.previous;
    const recorded = head === undefined ? undefined : (head?.seq ?? 0);
    if (recorded !== undefined && (previous?.seq ?? 0) !== recorded) {
      return {
        valid: false,
        entries,
        brokenAt: Math.min(previous?.seq ?? 0, recorded) + 1,
        reason: `the trail ends at entry ${previous?.seq ?? 0} but ${this.recordedBy} records ${recorded} entries`,
      };
    }
    if (head && previous && previous.hash !== head.hash) {
      return { valid: false, entries, brokenAt: previous.seq, reason: `the last entry is not the one ${this.recordedBy} records` };
    }
    return { valid: true, entries };
  }
}

/**
 * Checks a case's entries in seq order: numbering, links and hashes; and, given the head the case
 * records, that the chain ends there (entries cut off the end are otherwise undetectable).
 */
export function verifyAuditChain(entries: AuditEntry[], head?: ChainHead | null): ChainVerification {
  const checker = new ChainChecker<AuditEntry>(
    hashAuditEntry,
    'the case',
    (entry, previous) => (entry.caseId !== previous.caseId ? 'entry belongs to another case' : null),
    payloadProblem,
  );
  for (const entry of entries) checker.add(entry);
  return checker.result(head);
}
