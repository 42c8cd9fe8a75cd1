import {
  INTERRUPTED_ATTEMPT,
  MailKind,
  OutboxListQuery,
  OutboxMessage,
  OutboxMessageSummary,
  OutboxRecipient,
  OutboxRepository,
  OutboxSettlement,
  OutboxStatus,
} from '@compact/domain';
import { EntityManager } from 'typeorm';
import { Sql } from '../data-source/sql';

interface SummaryRow {
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
  recipients: string;
  created_at: string | number;
  sent_at: string | number | null;
  expires_at: string | number | null;
  erased_at: string | number | null;
}

interface OutboxRow extends SummaryRow {
  text_body: string;
  html_body: string;
}

/** Every column but the bodies (lists never read them). */
const SUMMARY_COLUMNS =
  'id, case_id, kind, status, attempts, next_attempt_at, last_error, topic, to_addresses, cc_addresses, subject, recipients, created_at, sent_at, expires_at, erased_at';
const ALL_COLUMNS = `${SUMMARY_COLUMNS}, text_body, html_body`;

interface StoredRecipient {
  address: string;
  field: 'to' | 'cc';
  status: OutboxRecipient['status'];
  response: string | null;
  at: number | null;
}

const instant = (v: string | number | null): Date | null => (v === null ? null : new Date(Number(v)));

const recipientsToJson = (recipients: OutboxRecipient[]): string =>
  JSON.stringify(recipients.map((r): StoredRecipient => ({ address: r.address, field: r.field, status: r.status, response: r.response, at: r.at?.getTime() ?? null })));

const recipientsFromJson = (json: string): OutboxRecipient[] =>
  (JSON.parse(json) as StoredRecipient[]).map((r) => ({ address: r.address, field: r.field, status: r.status, response: r.response, at: r.at === null ? null : new Date(r.at) }));

const summaryOf = (r: SummaryRow): OutboxMessageSummary => ({
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
  recipients: recipientsFromJson(r.recipients),
  createdAt: new Date(Number(r.created_at)),
  sentAt: instant(r.sent_at),
  expiresAt: instant(r.expires_at),
  erasedAt: instant(r.erased_at),
});

/** The condition for each status, from the fixed list (see list()). */
const STATUS_IS: Record<OutboxStatus, string> = {
  pending: "status = 'pending'",
  sending: "status = 'sending'",
  sent: "status = 'sent'",
  failed: "status = 'failed'",
};

const messageOf = (r: OutboxRow): OutboxMessage => ({ ...summaryOf(r), text: r.text_body, html: r.html_body });

export class TypeOrmOutboxRepository extends OutboxRepository {
  private readonly sql: Sql;
  private readonly sharedDatabase: boolean;

  constructor(manager: EntityManager) {
    super();
    this.sharedDatabase = manager.connection.options.type === 'postgres';
    this.sql = new Sql(manager, this.sharedDatabase);
  }

  async enqueue(messages: OutboxMessage[]): Promise<void> {
    for (const m of messages) {
      await this.sql.run(
        `INSERT INTO outbox_messages (id, case_id, kind, status, attempts, next_attempt_at, last_error, topic, to_addresses, cc_addresses, subject, text_body, html_body, created_at, sent_at, recipients, expires_at, erased_at, lease_owner)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
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
          recipientsToJson(m.recipients),
          m.expiresAt?.getTime() ?? null,
          m.erasedAt?.getTime() ?? null,
        ],
      );
    }
  }

  async findReady(now: Date, limit: number): Promise<OutboxMessage[]> {
    // The status list matches the partial index ix_outbox_ready exactly, so the index serves it in order.
    const rows = await this.sql.rows<OutboxRow>(
      `SELECT ${ALL_COLUMNS} FROM outbox_messages WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
      [now.getTime(), limit],
    );
    return rows.map(messageOf);
  }

  async findExhausted(now: Date, maxAttempts: number, limit: number): Promise<OutboxMessage[]> {
    const rows = await this.sql.rows<OutboxRow>(
      `SELECT ${ALL_COLUMNS} FROM outbox_messages WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? AND attempts >= ? ORDER BY next_attempt_at, id LIMIT ?`,
      [now.getTime(), maxAttempts, limit],
    );
    return rows.map(messageOf);
  }

  async leaseReady(now: Date, owner: string, leaseUntil: Date, limit: number, maxAttempts: number): Promise<OutboxMessage[]> {
    const at = now.getTime();
    // The inner status list matches the partial index ix_outbox_ready, so the index serves it in order.
    const rows = await this.sql.returning<OutboxRow>(
      `UPDATE outbox_messages SET status = 'sending', next_attempt_at = ?, attempts = attempts + 1, lease_owner = ?
       WHERE id IN (SELECT id FROM outbox_messages
                    WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? AND attempts < ? AND (expires_at IS NULL OR expires_at > ?)
                    ORDER BY next_attempt_at, id LIMIT ?${this.sharedDatabase ? ' FOR UPDATE SKIP LOCKED' : ''})
       RETURNING ${ALL_COLUMNS}`,
      [leaseUntil.getTime(), owner, at, maxAttempts, at, limit],
    );
    return rows.map(messageOf).sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }

  async renewLease(id: string, owner: string, leaseUntil: Date): Promise<boolean> {
    const changed = await this.sql.run(`UPDATE outbox_messages SET next_attempt_at = ? WHERE id = ? AND status = 'sending' AND lease_owner = ?`, [
      leaseUntil.getTime(),
      id,
      owner,
    ]);
    return changed === 1;
  }

  async completeAttempt(id: string, owner: string, settlement: OutboxSettlement): Promise<boolean> {
    return this.settle(settlement, `id = ? AND status = 'sending' AND lease_owner = ?`, [id, owner]);
  }

  async settleIdle(id: string, now: Date, seen: Pick<OutboxMessage, 'status' | 'attempts'>, settlement: OutboxSettlement): Promise<boolean> {
    return this.settle(settlement, `id = ? AND status = ? AND attempts = ? AND (status <> 'sending' OR next_attempt_at <= ?)`, [
      id,
      seen.status,
      seen.attempts,
      now.getTime(),
    ]);
  }

  private async settle(s: OutboxSettlement, where: string, params: unknown[]): Promise<boolean> {
    const erase = s.eraseAt ? `, text_body = '', html_body = '', erased_at = ?` : '';
    const changed = await this.sql.run(
      `UPDATE outbox_messages SET status = ?, recipients = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at), sent_at = ?, lease_owner = NULL${erase}
       WHERE ${where}`,
      [
        s.status,
        recipientsToJson(s.recipients),
        s.lastError?.slice(0, 2000) ?? null,
        s.nextAttemptAt?.getTime() ?? null,
        s.sentAt?.getTime() ?? null,
        ...(s.eraseAt ? [s.eraseAt.getTime()] : []),
        ...params,
      ],
    );
    return changed === 1;
  }

  async releaseInterruptedSends(now: Date): Promise<number> {
    if (this.sharedDatabase) return 0;
    return this.sql.run(`UPDATE outbox_messages SET status = 'pending', next_attempt_at = ?, lease_owner = NULL, last_error = ? WHERE status = 'sending'`, [
      now.getTime(),
      INTERRUPTED_ATTEMPT,
    ]);
  }

  async findExpired(now: Date, limit: number): Promise<OutboxMessage[]> {
    const rows = await this.sql.rows<OutboxRow>(
      `SELECT ${ALL_COLUMNS} FROM outbox_messages
       WHERE expires_at IS NOT NULL AND erased_at IS NULL AND expires_at <= ? AND (status <> 'sending' OR next_attempt_at <= ?)
       ORDER BY expires_at, id LIMIT ?`,
      [now.getTime(), now.getTime(), limit],
    );
    return rows.map(messageOf);
  }

  async findById(id: string): Promise<OutboxMessage | null> {
    const row = await this.sql.one<OutboxRow>(`SELECT ${ALL_COLUMNS} FROM outbox_messages WHERE id = ?`, [id]);
    return row ? messageOf(row) : null;
  }

  async list(query: OutboxListQuery): Promise<OutboxMessageSummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    // The status is one of the fixed OUTBOX_STATUSES, written as the literal the partial index
    // ix_outbox_failed names (a bound value could not be matched to it); never text from a request.
    if (query.status) where.push(STATUS_IS[query.status]);
    if (query.after) {
      where.push('(created_at, id) < (?, ?)');
      params.push(query.after.createdAt.getTime(), query.after.id);
    }
    const rows = await this.sql.rows<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM outbox_messages${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, query.limit],
    );
    return rows.map(summaryOf);
  }

  async requeue(id: string, now: Date, recipients: OutboxRecipient[]): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE outbox_messages SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL, recipients = ?, lease_owner = NULL
       WHERE id = ? AND status = 'failed'`,
      [now.getTime(), recipientsToJson(recipients), id],
    );
    return changed === 1;
  }
}
