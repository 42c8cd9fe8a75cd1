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
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
