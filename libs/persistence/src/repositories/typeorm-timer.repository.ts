import { CaseTimer, CaseVisibility, TimerRepository } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { inList, Sql } from '../data-source/sql';

interface TimerRow {
  id: string;
  case_id: string;
  timer_key: string;
  purpose: string;
  event_type: string;
  due_at: string | number;
  due_date: string;
  rule: string;
  calendar_id: string;
  deadline_key: string | null;
  extended_days: string | number;
  created_at: string | number;
}

const fromRow = (r: TimerRow): CaseTimer => ({
  id: r.id,
  caseId: r.case_id,
  key: r.timer_key,
  purpose: r.purpose as CaseTimer['purpose'],
  eventType: r.event_type,
  dueAt: new Date(Number(r.due_at)),
  dueDate: r.due_date,
  rule: r.rule,
  calendarId: r.calendar_id,
  deadlineKey: r.deadline_key,
  extendedDays: Number(r.extended_days),
  createdAt: new Date(Number(r.created_at)),
});

export class TypeOrmTimerRepository extends TimerRepository {
  private readonly sql: Sql;

  constructor(
    private readonly manager: EntityManager,
    private readonly rowLocks: boolean,
  ) {
    super();
    this.sql = new Sql(manager, rowLocks);
  }

  async insert(timers: CaseTimer[]): Promise<void> {
    for (const t of timers) {
      await this.sql.run(
        `INSERT INTO case_timers (id, case_id, timer_key, purpose, event_type, due_at, due_date, rule, calendar_id, deadline_key, extended_days, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          t.id,
          t.caseId,
          t.key,
          t.purpose,
          t.eventType,
          t.dueAt.getTime(),
          t.dueDate,
          t.rule,
          t.calendarId,
          t.deadlineKey,
          t.extendedDays,
          t.createdAt.getTime(),
        ],
      );
    }
  }

  async cancel(caseId: string, keys: string[]): Promise<Array<Pick<CaseTimer, 'key' | 'purpose'>>> {
    if (keys.length === 0) return [];
    const list = inList(keys.length);
    const rows = await this.sql.returning<{ timer_key: string; purpose: string }>(
      `DELETE FROM case_timers WHERE case_id = ? AND (timer_key IN ${list} OR deadline_key IN ${list}) RETURNING timer_key, purpose`,
      [caseId, ...keys, ...keys],
    );
    return rows.map((r) => ({ key: r.timer_key, purpose: r.purpose as CaseTimer['purpose'] }));
  }

  async move(id: string, to: Pick<CaseTimer, 'dueAt' | 'dueDate' | 'rule' | 'extendedDays'>): Promise<void> {
    await this.sql.run('UPDATE case_timers SET due_at = ?, due_date = ?, rule = ?, extended_days = ? WHERE id = ?', [
      to.dueAt.getTime(),
      to.dueDate,
      to.rule,
      to.extendedDays,
      id,
    ]);
  }

  async listByCase(caseId: string): Promise<CaseTimer[]> {
    const rows = await this.sql.rows<TimerRow>('SELECT * FROM case_timers WHERE case_id = ? ORDER BY due_at, id', [caseId]);
    return rows.map(fromRow);
  }

  async listByCases(caseIds: string[]): Promise<CaseTimer[]> {
    if (caseIds.length === 0) return [];
    const rows = await this.sql.rows<TimerRow>(`SELECT * FROM case_timers WHERE case_id IN ${inList(caseIds.length)} ORDER BY case_id, due_at, id`, caseIds);
    return rows.map(fromRow);
  }

  async listDeadlines(before: Date, visibility: CaseVisibility, limit: number): Promise<CaseTimer[]> {
    const params: unknown[] = [before.getTime()];
    let visible = '';
    if (!visibility.all) {
      visible = ` AND EXISTS (SELECT 1 FROM case_participants vp WHERE vp.case_id = t.case_id AND vp.organisation_id = ? AND vp.part IN ${inList(visibility.parts.length)})`;
      params.push(visibility.organisationId, ...visibility.parts);
    }
    const rows = await this.sql.rows<TimerRow>(
      `SELECT t.* FROM case_timers t WHERE t.purpose = 'deadline' AND t.due_at <= ?${visible} ORDER BY t.due_at, t.id LIMIT ?`,
      [...params, limit],
    );
    return rows.map(fromRow);
  }

  async findDue(now: Date, limit: number): Promise<CaseTimer[]> {
    const rows = await this.sql.rows<TimerRow>('SELECT * FROM case_timers WHERE due_at <= ? ORDER BY due_at, id LIMIT ?', [now.getTime(), limit]);
    return rows.map(fromRow);
  }

  async claimDue(now: Date, limit: number, owner: string, until: Date): Promise<CaseTimer[]> {
    const at = now.getTime();
    const rows = await this.sql.returning<TimerRow>(
      `UPDATE case_timers SET claimed_by = ?, claimed_until = ?
       WHERE id IN (SELECT id FROM case_timers WHERE due_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                    ORDER BY due_at, id LIMIT ?${this.rowLocks ? ' FOR UPDATE SKIP LOCKED' : ''})
       RETURNING *`,
      [owner, until.getTime(), at, at, limit],
    );
    return rows.map(fromRow).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async releaseClaims(owner: string | null): Promise<number> {
    if (owner === null) return this.sql.run('UPDATE case_timers SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by IS NOT NULL');
    return this.sql.run('UPDATE case_timers SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?', [owner]);
  }

  async earlierHeldElsewhere(timer: Pick<CaseTimer, 'caseId' | 'dueAt' | 'id'>, owner: string, now: Date): Promise<boolean> {
    const row = await this.sql.one<{ id: string }>(
      `SELECT id FROM case_timers WHERE case_id = ? AND (due_at < ? OR (due_at = ? AND id < ?)) AND claimed_by <> ? AND claimed_until >= ? LIMIT 1`,
      [timer.caseId, timer.dueAt.getTime(), timer.dueAt.getTime(), timer.id, owner, now.getTime()],
    );
    return row !== null;
  }

  async claim(id: string): Promise<CaseTimer | 'locked' | null> {
    const row = await this.sql.one<TimerRow>(`SELECT * FROM case_timers WHERE id = ?${this.rowLocks ? ' FOR UPDATE SKIP LOCKED' : ''}`, [id]);
    if (row) return fromRow(row);
    if (!this.rowLocks) return null;
    // Skipped: either gone, or its row is held for a moment by another transaction (a claiming poll).
    return (await this.sql.one<{ id: string }>('SELECT id FROM case_timers WHERE id = ?', [id])) ? 'locked' : null;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM case_timers WHERE id = ?', [id])) > 0;
  }
}
