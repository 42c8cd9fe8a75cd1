import { Actor } from '../parties/actor';

/** One link of a case's hash chain. Everything but `hash` is covered by the hash. */
export interface AuditEntry {
  caseId: string;
  seq: number;
  /** ISO-8601 UTC with milliseconds. */
  at: string;
  actor: Actor;
  eventType: string;
  /** Dotted state path before the event (`negotiation.discussing`); null for the entry that raised the case. */
  fromState: string | null;
  toState: string;
  payload: Record<string, unknown>;
  /**
   * How the hash covers the payload. 2 (every entry written since payload digests): it covers
   * `payloadDigest`, so a payload can be withheld from a reader and the chain still verifies.
   * Absent (or 1): an entry written before, whose hash covers the payload itself; it verifies as it was written.
   */
  format?: 1 | 2;
  /** Format 2: sha256 (hex) of the canonical JSON of the payload. */
  payloadDigest?: string;
  /** Shown to a reader who may not see the payload (a confidential exchange): `payload` is then `{}`. Not hashed. */
  withheld?: true;
  prevHash: string;
  hash: string;
}

/** The format every new entry is written in. */
export const AUDIT_ENTRY_FORMAT = 2;

export const GENESIS_HASH = '0'.repeat(64);
