import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AttemptOutcome,
  giveUp,
  INTERRUPTED_ATTEMPT,
  LINK_KINDS,
  OutboxMessage,
  OutboxSettlement,
  owedAddresses,
  settleAttempt,
  Settlement,
  Store,
} from '@compact/domain';
import { MailSendError, MailTransport, signInLinkOf } from '@compact/mail';
import { APP_CONFIG } from '../application.tokens';
import { AppConfig } from '../config/app-config';
import { Clock } from '../runtime/clock';
import { DigestComposer } from './digest-composer';
import { auditReminderDelivery } from './outbox-audit';

export interface DispatchReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** `<outbox id>@<host of PUBLIC_URL>`: the same row always carries the same Message-ID, so a receiver can drop a duplicate. */
export function messageIdOf(message: Pick<OutboxMessage, 'id'>, publicUrl: string): string {
  return `<${message.id}@${new URL(publicUrl).hostname}>`;
}

export const LINK_EXPIRED = 'The sign-in link in this message expired before it could be delivered; the person can ask for a new one at the sign-in page';

/**
 * Sends what the outbox holds, recipient by recipient. Each message is leased by this dispatcher
 * (a short lease, renewed while the send is in flight, so no other instance takes it and a crash
 * frees it within seconds), sent outside any transaction to the recipients still owed it, then
 * settled: accepted recipients are done, a permanent refusal (5xx) fails a recipient at once, a
 * temporary one (4xx, or no answer) is retried with exponential backoff until the last attempt.
 * No message gets more than MAIL_MAX_ATTEMPTS attempts, a crash mid-send included. Sign-in
 * links are erased once delivered or expired. Reminders enter the case's audit trail.
 */
@Injectable()
export class DispatchOutboxUseCase {
  private readonly logger = new Logger('Mail');
  /** The owner of this dispatcher's leases: unique to it, and readable by an operator (host and process). */
  readonly instanceId = `${hostname().slice(0, 30)}:${process.pid}:${randomUUID().slice(0, 8)}`;
  /** The daily digests that fall due are queued by each poll, before the mail is leased (digest-composer.ts). */
  private readonly digests = new DigestComposer(this.store, this.clock, this.config);

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One poll: queues the daily digests that are due, gives up the messages that have had every
   * attempt, then leases ready mail in batches of MAIL_CONCURRENCY (other instances polling at
   * once lease other messages) and sends each batch at once, until none is ready or `limit` were
   * taken. Once `stopping()` answers true (the instance shuts down), the run finishes the sends it
   * has leased and leases no more.
   */
  async runOnce(limit = 200, stopping: () => boolean = () => false): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, retrying: 0, failed: 0 };
    if (!stopping()) await this.digests.runOnce();
    report.failed += await this.eraseExpiredLinks();
    const max = this.config.mailMaxAttempts;
    const exhausted = await this.store.read((r) => r.outbox.findExhausted(this.clock.now(), max, limit));
    for (const message of exhausted) if (await this.giveUpExhausted(message, this.clock.now())) report.failed += 1;
    for (let taken = 0; taken < limit && !stopping(); ) {
      const size = Math.min(this.config.mailConcurrency, limit - taken);
      const now = this.clock.now();
      const batch = await this.store.write((r) => r.outbox.leaseReady(now, this.instanceId, this.leaseEnd(now), size, max));
      taken += batch.length;
      for (const outcome of await Promise.all(batch.map((message) => this.deliver(message)))) if (outcome) report[outcome] += 1;
      if (batch.length < size) break;
    }
    return report;
  }

  /** At start-up: what this instance was sending when it stopped is due again now (see the repository for when that can be known). */
  async recoverInterruptedSends(): Promise<number> {
    const released = await this.store.write((r) => r.outbox.releaseInterruptedSends(this.clock.now()));
    if (released > 0) this.logger.warn(`${released} message(s) were being sent when the service stopped; sending them again now, with the same Message-ID`);
    return released;
  }

  /** Sends one message this instance has leased, and records how the attempt went. */
  private async deliver(message: OutboxMessage): Promise<keyof DispatchReport | null> {
    const max = this.config.mailMaxAttempts;
    const attempt = message.attempts;
    const messageId = messageIdOf(message, this.config.publicUrl);
    const { outcome, file } = await this.whileLeased(message.id, () => this.send(message, messageId));
    const at = this.clock.now();
    const settled = settleAttempt(message.recipients, outcome, { number: attempt, maxAttempts: max, at });
    const settlement: OutboxSettlement = {
      status: settled.status,
      recipients: settled.recipients,
      lastError: settled.lastError,
      nextAttemptAt: settled.status === 'pending' ? new Date(at.getTime() + this.config.mailRetryBaseMs * 2 ** (attempt - 1)) : null,
      sentAt: settled.status === 'sent' ? at : null,
      eraseAt: settled.status === 'sent' && LINK_KINDS.includes(message.kind) ? at : null,
    };
    const recorded = await this.store.write(async (r) => {
      if (!(await r.outbox.completeAttempt(message.id, this.instanceId, settlement))) return false;
      await auditReminderDelivery(r, message, messageId, settled, at);
      return true;
    });
    if (!recorded) {
      this.logger.warn(`Message ${message.id}: its lease was lost during attempt ${attempt}; another instance records it`);
      return null;
    }
    this.report(message, settled, attempt, file);
    return settled.status === 'sent' ? 'sent' : settled.status === 'pending' ? 'retrying' : 'failed';
  }

  private async send(message: OutboxMessage, messageId: string): Promise<{ outcome: AttemptOutcome; file?: string }> {
    // Nobody left to send it to (a message queued without recipients): settled as it is.
    if (owedAddresses(message.recipients).length === 0) return { outcome: { kind: 'answered', accepted: [], refused: [] } };
    try {
      const result = await this.transport.send({
        messageId,
        from: this.config.mailFrom,
        to: message.to,
        cc: message.cc,
        recipients: owedAddresses(message.recipients),
        subject: message.subject,
        text: message.text,
        html: message.html,
        kind: message.kind,
        createdAt: message.createdAt,
      });
      return { outcome: { kind: 'answered', accepted: result.accepted, refused: result.refused }, file: result.file };
    } catch (error) {
      const permanent = error instanceof MailSendError && error.permanent;
      return { outcome: { kind: 'failed', response: (error as Error).message, permanent } };
    }
  }

  private leaseEnd(from: Date): Date {
    return new Date(from.getTime() + this.config.mailLeaseMs);
  }

  /** Runs `work` while renewing the lease on `id` every third of its length, so no other instance takes the message meanwhile. */
  private async whileLeased<T>(id: string, work: () => Promise<T>): Promise<T> {
    let renewal: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      renewal = renewal.then(async () => {
        try {
          const held = await this.store.write((r) => r.outbox.renewLease(id, this.instanceId, this.leaseEnd(this.clock.now())));
          if (!held) this.logger.warn(`Message ${id}: the lease could not be renewed (another instance holds it now)`);
        } catch (error) {
          this.logger.warn(`Message ${id}: renewing the lease failed (${(error as Error).message})`);
        }
      });
    }, Math.max(100, Math.floor(this.config.mailLeaseMs / 3)));
    try {
      return await work();
    } finally {
      clearInterval(timer);
      await renewal;
    }
  }

  /** A message that has had every attempt allowed (its last one cut short by a crash, or MAIL_MAX_ATTEMPTS lowered since) is failed, not sent again. */
  private async giveUpExhausted(message: OutboxMessage, now: Date): Promise<keyof DispatchReport | null> {
    const cutShort = message.status === 'sending' || message.lastError === INTERRUPTED_ATTEMPT;
    const reason = cutShort
      ? `The last of its ${message.attempts} attempts was cut short when the service sending it stopped (it may have been delivered); not sent again`
      : `All ${message.attempts} attempts allowed (MAIL_MAX_ATTEMPTS=${this.config.mailMaxAttempts}) have been made${message.lastError ? `; the last: ${message.lastError}` : ''}`;
    const settled = giveUp(message.recipients, reason, now);
    const done = await this.store.write(async (r) => {
      const changed = await r.outbox.settleIdle(message.id, now, message, {
        status: settled.status,
        recipients: settled.recipients,
        lastError: settled.lastError,
        nextAttemptAt: null,
        sentAt: null,
        eraseAt: null,
      });
      if (changed) await auditReminderDelivery(r, message, messageIdOf(message, this.config.publicUrl), settled, now);
      return changed;
    });
    if (!done) return null;
    this.logger.warn(`Message ${message.id} to ${message.to.join(', ')}: ${reason}`);
    return 'failed';
  }

  /**
   * Erases the body of every sign-in or invitation message whose link has expired, in one
   * transaction; one not delivered by then is failed, saying so. Returns how many were failed.
   */
  private async eraseExpiredLinks(): Promise<number> {
    const now = this.clock.now();
    // Looked for first without writing: most polls find nothing, and need no transaction.
    if ((await this.store.read((r) => r.outbox.findExpired(now, 1))).length === 0) return 0;
    return this.store.write(async (r) => {
      let failed = 0;
      for (const message of await r.outbox.findExpired(now, 100)) {
        const settled = message.status === 'sent' ? null : giveUp(message.recipients, LINK_EXPIRED, now);
        const changed = await r.outbox.settleIdle(message.id, now, message, {
          status: settled?.status ?? 'sent',
          recipients: settled?.recipients ?? message.recipients,
          lastError: settled?.lastError ?? null,
          nextAttemptAt: null,
          sentAt: message.sentAt,
          eraseAt: now,
        });
        if (changed && settled && message.status !== 'failed') failed += 1;
      }
      return failed;
    });
  }

  private report(message: OutboxMessage, settled: Settlement, attempt: number, file: string | undefined): void {
    if (file) {
      // Mail written to files (no SMTP_URL) is for development: say where each one is, and the sign-in link itself.
      const link = LINK_KINDS.includes(message.kind) ? signInLinkOf(message.text) : null;
      this.logger.log(`Mail to ${message.to.join(', ')}: "${message.subject}"${link ? `; sign-in link: ${link}` : ''} (${file})`);
    }
    if (settled.status === 'sent') return;
    const giving = settled.failed.map((r) => r.address);
    this.logger.warn(
      `Message ${message.id}: attempt ${attempt} ${settled.status === 'pending' ? 'not delivered to everyone' : 'finished'}: ${settled.lastError ?? ''}` +
        (giving.length > 0 ? `; given up for ${giving.join(', ')}` : ''),
    );
  }
}
