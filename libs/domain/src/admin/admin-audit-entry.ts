import { UserRole } from '../parties/user-role';

/**
 * Who did something administrative: a signed-in administrator, the command line (run by whoever
 * operates the service), or the service itself at start-up (the administrator from ADMIN_TOKEN).
 */
export type AdminActor =
  | { type: 'user'; userId: string; organisationId: string | null; role: UserRole }
  | { type: 'cli' }
  | { type: 'system' };

export const CLI_ACTOR: AdminActor = { type: 'cli' };

export const ADMIN_ACTIONS = [
  'ORGANISATION_CREATED',
  'USER_CREATED',
  'USER_INVITED',
  'USER_DEACTIVATED',
  'API_TOKEN_ISSUED',
  'OUTBOX_MESSAGE_RETRIED',
  'ADMIN_BOOTSTRAPPED',
  // The board's annual report: its texts saved, and its sign-off.
  'ANNUAL_REPORT_SAVED',
  'ANNUAL_REPORT_SIGNED_OFF',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** What an administrative action was about. */
export interface AdminSubject {
  type: 'organisation' | 'user' | 'outbox-message' | 'annual-report';
  id: string;
}

/**
 * One link of the deployment's administration trail (one hash chain for the whole deployment).
 * Everything but `hash` is covered by the hash. `details` never holds a secret (no token).
 */
export interface AdminAuditEntry {
  seq: number;
  /** ISO-8601 UTC with milliseconds. */
  at: string;
  actor: AdminActor;
  action: AdminAction;
  subject: AdminSubject;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** The last link of a chain as the database records it. */
export interface AuditChainHead {
  seq: number;
  hash: string;
}
