import { Inject, Injectable, Logger } from '@nestjs/common';
import { OutboxMessage, REMINDER_KINDS, Repositories, Store, SYSTEM_ACTOR } from '@compact/domain';
import { MailTransport } from '@compact/mail';
import { APP_CONFIG } from '../application.tokens';
import { appendAudit } from '../cases/audit-facts';
import { AppConfig } from '../config/app-config';
import { Clock } from '../runtime/clock';

export interface DispatchReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** `<outbox id>@<host of PUBLIC_URL>`: the same row always carries the same Message-ID, so a receiver can drop a duplicate. */
export function messageIdOf(message: Pick<OutboxMessage, 'id'>, publicUrl: string): string {
  return `<${message.id}@${new URL(publicUrl).hostname}>`;
}

/**
 * Sends what the outbox holds. Each message is leased (so two workers never send it at once),
 * sent outside any transaction, then marked sent, or retried with exponential backoff until the
 * last attempt marks it failed. Delivered and finally failed reminders enter the case's audit trail.
 */
@Injectable()
export class DispatchOutboxUseCase {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async runOnce(limit = 200): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, retrying: 0, failed: 0 };
    const ready = await this.store.read((r) => r.outbox.findReady(this.clock.now(), limit));
    let next = 0;
    const worker = async () => {
      while (next < ready.length) {
        const outcome = await this.deliver(ready[next++]);
        if (outcome) report[outcome] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.mailConcurrency, ready.length) }, worker));
    return report;
  }

  private async deliver(message: OutboxMessage): Promise<keyof DispatchReport | null> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.mailSendTimeoutMs * 2);
    if (!(await this.store.write((r) => r.outbox.lease(message.id, now, leaseUntil)))) return null;
    const messageId = messageIdOf(message, this.config.publicUrl);
    try {
      await this.transport.send({
        messageId,
        from: this.config.mailFrom,
        to: message.to,
        cc: message.cc,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    } catch (error) {
      return this.recordFailure(message, messageId, error as Error);
    }
    const sentAt = this.clock.now();
    await this.store.write(async (r) => {
      await r.outbox.markSent(message.id, sentAt);
      await this.audit(r, message, messageId, 'REMINDER_SENT', sentAt, null);
    });
    return 'sent';
  }

  private async recordFailure(message: OutboxMessage, messageId: string, error: Error): Promise<keyof DispatchReport> {
    const attempts = message.attempts + 1;
    const now = this.clock.now();
    const final = attempts >= this.config.mailMaxAttempts;
    const nextAttemptAt = final ? null : new Date(now.getTime() + this.config.mailRetryBaseMs * 2 ** (attempts - 1));
    this.logger.warn(`Message ${message.id} to ${message.to.join(', ')}: attempt ${attempts} failed (${error.message})${final ? '; giving up' : ''}`);
    await this.store.write(async (r) => {
      await r.outbox.markAttemptFailed(message.id, error.message, nextAttemptAt);
      if (final) await this.audit(r, message, messageId, 'REMINDER_FAILED', now, error.message);
    });
    return final ? 'failed' : 'retrying';
  }

  private async audit(
    repos: Repositories,
    message: OutboxMessage,
    messageId: string,
    eventType: string,
    at: Date,
    error: string | null,
  ): Promise<void> {
    if (!message.caseId || !REMINDER_KINDS.includes(message.kind)) return;
    const record = await repos.cases.findById(message.caseId, { lock: true });
    if (!record) return;
    await appendAudit(repos, record, {
      caseId: record.id,
      at,
      actor: SYSTEM_ACTOR,
      eventType,
      fromState: record.statePath,
      toState: record.statePath,
      payload: { kind: message.kind, topic: message.topic, messageId, to: message.to, cc: message.cc, subject: message.subject, ...(error ? { error } : {}) },
    });
  }
}
