import { randomUUID } from 'node:crypto';
import { MailContent, MailKind, OutboxMessage, recipientsOf } from '@compact/domain';

/** A message to queue, due at `at`, owed to everyone in To and Cc; `expiresAt` when its content stops being of use (a sign-in link). */
export function newOutboxMessage(
  fields: { caseId: string | null; kind: MailKind; topic: string | null; at: Date; expiresAt?: Date | null } & MailContent,
): OutboxMessage {
  const { at, expiresAt, ...rest } = fields;
  return {
    ...rest,
    id: randomUUID(),
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    recipients: recipientsOf(rest.to, rest.cc),
    createdAt: at,
    sentAt: null,
    expiresAt: expiresAt ?? null,
    erasedAt: null,
  };
}
