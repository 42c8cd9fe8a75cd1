import { randomUUID } from 'node:crypto';
import { MailContent, MailKind, OutboxMessage } from '@compact/domain';

export function newOutboxMessage(
  fields: { caseId: string | null; kind: MailKind; topic: string | null; at: Date } & MailContent,
): OutboxMessage {
  const { at, ...rest } = fields;
  return { ...rest, id: randomUUID(), status: 'pending', attempts: 0, nextAttemptAt: at, lastError: null, createdAt: at, sentAt: null };
}
