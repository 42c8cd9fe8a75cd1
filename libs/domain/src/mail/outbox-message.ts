/** Why a message is sent; reminders are also recorded in the case's audit trail once delivered. */
export const MAIL_KINDS = ['reminder', 'deadline-passed', 'time-limit', 'stage-change', 'sign-in', 'invitation', 'token-issued'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Kinds that remind someone to act; each delivery becomes an audit entry of the case. */
export const REMINDER_KINDS: readonly MailKind[] = ['reminder', 'deadline-passed', 'time-limit'];

export interface MailContent {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
}

/** A message waiting in (or delivered from) the outbox, written in the same transaction as its cause. */
export interface OutboxMessage extends MailContent {
  id: string;
  caseId: string | null;
  kind: MailKind;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  /** What the message is about, e.g. the deadline key it reminds of; recorded in the audit entry. */
  topic: string | null;
  createdAt: Date;
  sentAt: Date | null;
}
