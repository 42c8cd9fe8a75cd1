import { HeldMail, isMailFrequency, MailDigestRepository, MailFrequency, MailKind } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { inList, Sql } from '../data-source/sql';

interface HeldRow {
  id: string;
  user_id: string;
  case_id: string;
  case_reference: string;
  case_title: string;
  kind: string;
  summary: string;
  detail: string | null;
  held_at: string | number;
  due_at: string | number;
}

const HELD_COLUMNS = 'id, user_id, case_id, case_reference, case_title, kind, summary, detail, held_at, due_at';

const heldOf = (r: HeldRow): HeldMail => ({
  id: r.id,
  userId: r.user_id,
  caseId: r.case_id,
  caseReference: r.case_reference,
  caseTitle: r.case_title,
  kind: r.kind as MailKind,
  summary: r.summary,
  detail: r.detail,
  heldAt: new Date(Number(r.held_at)),
  dueAt: new Date(Number(r.due_at)),
});

/** Email choices and held mail in bound SQL; a digest's claim is a row lock on its person's choice (none needed on SQLite, one writer at a time). */
export class TypeOrmMailDigestRepository extends MailDigestRepository {
  private readonly sql: Sql;

  constructor(
    manager: EntityManager,
    private readonly rowLocks: boolean,
  ) {
    super();
    this.sql = new Sql(manager, rowLocks);
  }

  async frequencyOf(userId: string): Promise<MailFrequency> {
    const row = await this.sql.one<{ frequency: string }>('SELECT frequency FROM mail_preferences WHERE user_id = ?', [userId]);
    return row && isMailFrequency(row.frequency) ? row.frequency : 'every';
  }

  async setFrequency(userId: string, frequency: MailFrequency, at: Date): Promise<void> {
    await this.sql.run(
      `INSERT INTO mail_preferences (user_id, frequency, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET frequency = excluded.frequency, updated_at = excluded.updated_at`,
      [userId, frequency, at.getTime()],
    );
  }

  async dailyReaders(userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.sql.rows<{ user_id: string }>(`SELECT user_id FROM mail_preferences WHERE frequency = 'daily' AND user_id IN ${inList(userIds.length)}`, userIds);
    return rows.map((r) => r.user_id);
  }

  async hold(items: HeldMail[]): Promise<void> {
    for (const m of items) {
      await this.sql.run(`INSERT INTO held_mail (${HELD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        m.id,
        m.userId,
        m.caseId,
        m.caseReference,
        m.caseTitle,
        m.kind,
        m.summary,
        m.detail,
        m.heldAt.getTime(),
        m.dueAt.getTime(),
      ]);
    }
  }

  async releaseHeld(userId: string, at: Date): Promise<number> {
    return this.sql.run('UPDATE held_mail SET due_at = ? WHERE user_id = ? AND due_at > ?', [at.getTime(), userId, at.getTime()]);
  }

  async heldFor(userId: string): Promise<{ count: number; dueAt: Date | null }> {
    const row = await this.sql.one<{ n: string | number; due: string | number | null }>('SELECT COUNT(*) AS n, MIN(due_at) AS due FROM held_mail WHERE user_id = ?', [userId]);
    return { count: Number(row?.n ?? 0), dueAt: row?.due == null ? null : new Date(Number(row.due)) };
  }

  async dueReaders(now: Date, limit: number): Promise<string[]> {
    const rows = await this.sql.rows<{ user_id: string }>(
      'SELECT user_id FROM held_mail WHERE due_at <= ? GROUP BY user_id ORDER BY MIN(due_at), user_id LIMIT ?',
      [now.getTime(), limit],
    );
    return rows.map((r) => r.user_id);
  }

  async lockReader(userId: string): Promise<boolean> {
    // SQLite runs one write at a time: the transaction asking holds the person already.
    if (!this.rowLocks) return true;
    // The same claim as the outbox's and the timers': a row another poll holds is skipped, not waited for.
    const row = await this.sql.one<{ user_id: string }>('SELECT user_id FROM mail_preferences WHERE user_id = ? FOR UPDATE SKIP LOCKED', [userId]);
    return row !== null;
  }

  async takeDue(userId: string, now: Date): Promise<HeldMail[]> {
    const rows = await this.sql.returning<HeldRow>(`DELETE FROM held_mail WHERE user_id = ? AND due_at <= ? RETURNING ${HELD_COLUMNS}`, [userId, now.getTime()]);
    return rows.map(heldOf).sort((x, y) => x.heldAt.getTime() - y.heldAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }
}
