import { OutboxMessage, OutboxRecipient, REMINDER_KINDS, Repositories, SYSTEM_ACTOR } from '@compact/domain';
import { appendAudit } from '../cases/audit-facts';

const addressesIn = (recipients: OutboxRecipient[]) => ({
  to: recipients.filter((r) => r.field === 'to').map((r) => r.address),
  cc: recipients.filter((r) => r.field === 'cc').map((r) => r.address),
});

/**
 * Records in the case's audit trail, inside the caller's transaction, who a reminder reached
 * (`REMINDER_SENT`) and who it could not be delivered to (`REMINDER_FAILED`, with each server's
 * answer) in one attempt. Mail that is not a reminder, or not about a case, leaves no entry.
 */
export async function auditReminderDelivery(
  repos: Repositories,
  message: OutboxMessage,
  messageId: string,
  outcome: { delivered: OutboxRecipient[]; failed: OutboxRecipient[]; lastError: string | null },
  at: Date,
): Promise<void> {
  if (!message.caseId || !REMINDER_KINDS.includes(message.kind)) return;
  const base = { kind: message.kind, topic: message.topic, messageId, subject: message.subject };
  const entries: Array<[string, Record<string, unknown>]> = [];
  if (outcome.delivered.length > 0) entries.push(['REMINDER_SENT', { ...base, ...addressesIn(outcome.delivered) }]);
  if (outcome.failed.length > 0) {
    entries.push([
      'REMINDER_FAILED',
      {
        ...base,
        ...addressesIn(outcome.failed),
        error: outcome.lastError,
        failures: outcome.failed.map((r) => ({ address: r.address, response: r.response })),
      },
    ]);
  }
  for (const [eventType, payload] of entries) {
    // Loaded (locked) afresh for each entry: each one moves the chain's head.
    const record = await repos.cases.findById(message.caseId, { lock: true });
    if (!record) return;
    await appendAudit(repos, record, {
      caseId: record.id,
      at,
      actor: SYSTEM_ACTOR,
      eventType,
      fromState: record.statePath,
      toState: record.statePath,
      payload,
    });
  }
}
