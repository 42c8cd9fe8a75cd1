/** Why a message is sent; reminders are also recorded in the case's audit trail once delivered. */
export const MAIL_KINDS = ['reminder', 'deadline-passed', 'time-limit', 'stage-change', 'hand-off', 'sign-in', 'invitation', 'token-issued', 'feedback', 'digest'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * - pending: someone is still owed the message; it is tried again at `nextAttemptAt`.
 * - sending: an instance holds it (its lease ends at `nextAttemptAt`).
 * - sent: every recipient's server accepted it.
 * - failed: nobody is owed it any more and at least one recipient could not be given it.
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Kinds that remind someone to act; each delivery becomes an audit entry of the case. */
export const REMINDER_KINDS: readonly MailKind[] = ['reminder', 'deadline-passed', 'time-limit'];

/**
 * Kinds whose body carries a live one-use link (to sign in, or to answer a case's feedback): the
 * body is never shown (no listing, page or export), and it is erased from the outbox once
 * delivered or once the link has expired.
 */
export const LINK_KINDS: readonly MailKind[] = ['sign-in', 'invitation', 'feedback'];

/** What a message's last error says when the attempt under way was cut short by the service stopping. */
export const INTERRUPTED_ATTEMPT = 'The attempt was cut short when the service stopped (the message may have been delivered)';

export const RECIPIENT_STATUSES = ['pending', 'sent', 'failed'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** One address of a message and where its delivery stands. */
export interface OutboxRecipient {
  address: string;
  field: 'to' | 'cc';
  /** pending: still owed the message; sent: its server accepted it; failed: given up on. */
  status: RecipientStatus;
  /** What the server last said about this recipient when it did not accept it (or why it was given up). */
  response: string | null;
  /** When the recipient reached its status (null while pending and never tried). */
  at: Date | null;
}

export interface MailContent {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
}

/** A message as lists and pages show it: everything but its body. */
export interface OutboxMessageSummary {
  id: string;
  caseId: string | null;
  kind: MailKind;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  /** What the message is about, e.g. the deadline key it reminds of; recorded in the audit entry. */
  topic: string | null;
  to: string[];
  cc: string[];
  subject: string;
  recipients: OutboxRecipient[];
  createdAt: Date;
  /** When the last recipient's server accepted it (status sent). */
  sentAt: Date | null;
  /** When the content stops being of use (a sign-in link's expiry); null when it never does. */
  expiresAt: Date | null;
  /** When the body was erased (a sign-in link delivered or expired). */
  erasedAt: Date | null;
}

/** A message waiting in (or delivered from) the outbox, written in the same transaction as its cause. */
export interface OutboxMessage extends OutboxMessageSummary {
  text: string;
  html: string;
}
