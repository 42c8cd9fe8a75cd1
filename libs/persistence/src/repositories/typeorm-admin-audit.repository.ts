import { AdminAction, AdminActor, AdminAuditEntry, AdminAuditRepository, AdminSubject, AuditChainHead, UserRole } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { Sql } from '../data-source/sql';

interface AdminAuditRow {
  seq: number | string;
  at: string;
  actor_type: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  actor_role: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: string;
  prev_hash: string;
  hash: string;
}

const COLUMNS = 'seq, "at", actor_type, actor_user_id, actor_org_id, actor_role, action, subject_type, subject_id, details, prev_hash, "hash"';

function actorOf(r: AdminAuditRow): AdminActor {
  if (r.actor_type === 'user') return { type: 'user', userId: r.actor_user_id ?? '', organisationId: r.actor_org_id, role: r.actor_role as UserRole };
  return { type: r.actor_type as 'cli' | 'system' };
}

const fromRow = (r: AdminAuditRow): AdminAuditEntry => ({
  seq: Number(r.seq),
  at: r.at,
  actor: actorOf(r),
  action: r.action as AdminAction,
  subject: { type: r.subject_type as AdminSubject['type'], id: r.subject_id },
  details: JSON.parse(r.details) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** The administration trail on its two tables; the head row (id 1) is written by the admin-audit migration. */
export class TypeOrmAdminAuditRepository extends AdminAuditRepository {
  private readonly sql: Sql;

  constructor(
    manager: EntityManager,
    private readonly rowLocks: boolean,
  ) {
    super();
    this.sql = new Sql(manager, rowLocks);
  }

  async lockHead(): Promise<AuditChainHead> {
    const head = await this.sql.one<{ seq: number | string; hash: string }>(
      `SELECT seq, "hash" FROM admin_audit_head WHERE id = 1${this.rowLocks ? ' FOR UPDATE' : ''}`,
    );
    if (!head) throw new Error('admin_audit_head has no row: the administration trail cannot be appended to');
    return { seq: Number(head.seq), hash: head.hash };
  }

  async append(e: AdminAuditEntry): Promise<void> {
    const user = e.actor.type === 'user' ? e.actor : null;
    await this.sql.run(`INSERT INTO admin_audit_entries (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      e.seq,
      e.at,
      e.actor.type,
      user?.userId ?? null,
      user?.organisationId ?? null,
      user?.role ?? null,
      e.action,
      e.subject.type,
      e.subject.id,
      JSON.stringify(e.details),
      e.prevHash,
      e.hash,
    ]);
    const moved = await this.sql.run('UPDATE admin_audit_head SET seq = ?, "hash" = ? WHERE id = 1 AND seq = ?', [e.seq, e.hash, e.seq - 1]);
    if (moved !== 1) throw new Error(`the administration trail's head is not at entry ${e.seq - 1}: entry ${e.seq} was not appended`);
  }

  async head(): Promise<AuditChainHead | null> {
    const head = await this.sql.one<{ seq: number | string; hash: string }>('SELECT seq, "hash" FROM admin_audit_head WHERE id = 1');
    return head ? { seq: Number(head.seq), hash: head.hash } : null;
  }

  async maxSeq(): Promise<number> {
    const row = await this.sql.one<{ n: number | string | null }>('SELECT MAX(seq) AS n FROM admin_audit_entries');
    return Number(row?.n ?? 0);
  }

  async listNewestFirst(limit: number, beforeSeq?: number): Promise<AdminAuditEntry[]> {
    const rows =
      beforeSeq === undefined
        ? await this.sql.rows<AdminAuditRow>(`SELECT ${COLUMNS} FROM admin_audit_entries ORDER BY seq DESC LIMIT ?`, [limit])
        : await this.sql.rows<AdminAuditRow>(`SELECT ${COLUMNS} FROM admin_audit_entries WHERE seq < ? ORDER BY seq DESC LIMIT ?`, [beforeSeq, limit]);
    return rows.map(fromRow);
  }

  async listRange(afterSeq: number, uptoSeq: number, limit: number): Promise<AdminAuditEntry[]> {
    const rows = await this.sql.rows<AdminAuditRow>(
      `SELECT ${COLUMNS} FROM admin_audit_entries WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
      [afterSeq, uptoSeq, limit],
    );
    return rows.map(fromRow);
  }
}
