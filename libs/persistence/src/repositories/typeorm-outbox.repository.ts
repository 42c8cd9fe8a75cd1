import { MailKind, OutboxMessage, OutboxRepository, OutboxStatus } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { Sql } from '../data-source/sql';
import { OutboxMessageEntity } from '../entities/outbox-message.entity';

interface OutboxRow {
  id: string;
  case_id: string | null;
  kind: string;
  status: string;
  attempts: number;
  next_attempt_at: string | number;
  last_error: string | null;
  topic: string | null;
  to_addresses: string;
  cc_addresses: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: string | number;
  sent_at: string | number | null;
}

const fromRow = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  caseId: r.case_id,
  kind: r.kind as MailKind,
  status: r.status as OutboxStatus,
  attempts: Number(r.attempts),
  nextAttemptAt: new Date(Number(r.next_attempt_at)),
  lastError: r.last_error,
  topic: r.topic,
  to: JSON.parse(r.to_addresses) as string[],
  cc: JSON.parse(r.cc_addresses) as string[],
  subject: r.subject,
  text: r.text_body,
  html: r.html_body,
  createdAt: new Date(Number(r.created_at)),
  sentAt: r.sent_at === null ? null : new Date(Number(r.sent_at)),
});

export class TypeOrmOutboxRepository extends OutboxRepository {
  private readonly sql: Sql;

  constructor(private readonly manager: EntityManager) {
    super();
    this.sql = new Sql(manager, manager.connection.options.type === 'postgres');
  }

  async enqueue(messages: OutboxMessage[]): Promise<void> {
    for (const m of messages) {
      await this.sql.run(
        `INSERT INTO outbox_messages (id, case_id, kind, status, attempts, next_attempt_at, last_error, topic, to_addresses, cc_addresses, subject, text_body, html_body, created_at, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          m.id,
          m.caseId,
          m.kind,
          m.status,
          m.attempts,
          m.nextAttemptAt.getTime(),
          m.lastError,
          m.topic,
          JSON.stringify(m.to),
          JSON.stringify(m.cc),
          m.subject,
          m.text,
          m.html,
          m.createdAt.getTime(),
          m.sentAt?.getTime() ?? null,
        ],
      );
    }
  }

  async findReady(now: Date, limit: number): Promise<OutboxMessage[]> {
    // The status list matches the partial index ix_outbox_ready exactly, so the index serves it in order.
    const rows = await this.sql.rows<OutboxRow>(
      `SELECT * FROM outbox_messages WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
      [now.getTime(), limit],
    );
    return rows.map(fromRow);
  }

  async lease(id: string, now: Date, leaseUntil: Date): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE outbox_messages SET status = 'sending', next_attempt_at = ?, attempts = attempts + 1
       WHERE id = ? AND status IN ('pending', 'sending') AND next_attempt_at <= ?`,
      [leaseUntil.getTime(), id, now.getTime()],
    );
    return changed === 1;
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.sql.run(`UPDATE outbox_messages SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?`, [at.getTime(), id]);
  }

  async markAttemptFailed(id: string, error: string, nextAttemptAt: Date | null): Promise<void> {
    await this.manager.update(
      OutboxMessageEntity,
      { id },
      nextAttemptAt
        ? { status: 'pending', nextAttemptAt, lastError: error.slice(0, 2000) }
        : { status: 'failed', lastError: error.slice(0, 2000) },
    );
  }

  async findById(id: string): Promise<OutboxMessage | null> {
    const row = await this.sql.one<OutboxRow>('SELECT * FROM outbox_messages WHERE id = ?', [id]);
    return row ? fromRow(row) : null;
  }

  async list(status: OutboxStatus | null, limit: number): Promise<OutboxMessage[]> {
    const rows = await this.sql.rows<OutboxRow>(
      `SELECT * FROM outbox_messages${status ? ' WHERE status = ?' : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
      status ? [status, limit] : [limit],
    );
    return rows.map(fromRow);
  }

  async requeue(id: string, now: Date): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE outbox_messages SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL WHERE id = ? AND status = 'failed'`,
      [now.getTime(), id],
    );
    return changed === 1;
  }
}
