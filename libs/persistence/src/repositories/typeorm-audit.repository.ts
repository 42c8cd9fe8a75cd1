import { AuditEntry, AuditRepository } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { AuditEntryEntity } from '../entities/audit-entry.entity';
import { Sql } from '../data-source/sql';
import { auditEntryMapper } from '../mappers/audit-entry.mapper';

/** The columns of an entry named as the entity's fields, so that plain rows map as entities do. */
const ENTRY_COLUMNS = `case_id AS "caseId", seq, "at", actor_type AS "actorType", actor_user_id AS "actorUserId", actor_org_id AS "actorOrgId",
  actor_role AS "actorRole", event_type AS "eventType", from_state AS "fromState", to_state AS "toState", payload, format, payload_digest AS "payloadDigest", prev_hash AS "prevHash", "hash"`;

export class TypeOrmAuditRepository extends AuditRepository {
  private readonly sql: Sql;

  constructor(private readonly manager: EntityManager) {
    super();
    this.sql = new Sql(manager, manager.connection.options.type === 'postgres');
  }

  async append(entry: AuditEntry): Promise<void> {
    const e = auditEntryMapper.toEntity(entry);
    await this.sql.run(
      `INSERT INTO audit_entries (case_id, seq, "at", actor_type, actor_user_id, actor_org_id, actor_role, event_type, from_state, to_state, payload, format, payload_digest, prev_hash, "hash")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.caseId, e.seq, e.at, e.actorType, e.actorUserId, e.actorOrgId, e.actorRole, e.eventType, e.fromState, e.toState, e.payload, e.format, e.payloadDigest, e.prevHash, e.hash],
    );
  }

  async last(caseId: string): Promise<AuditEntry | null> {
    const e = await this.manager.findOne(AuditEntryEntity, { where: { caseId }, order: { seq: 'DESC' } });
    return e ? auditEntryMapper.toDomain(e) : null;
  }

  /** Plain rows, not hydrated entities: the exports read every trail through here, and TypeORM's hydration was most of their cost and garbage. */
  async listByCases(caseIds: string[]): Promise<AuditEntry[]> {
    if (caseIds.length === 0) return [];
    const entries: AuditEntry[] = [];
    for (let i = 0; i < caseIds.length; i += 500) {
      const ids = caseIds.slice(i, i + 500);
      const rows = await this.sql.rows<AuditEntryEntity>(
        `SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE case_id IN (${ids.map(() => '?').join(', ')}) ORDER BY case_id, seq`,
        ids,
      );
      for (const row of rows) entries.push(auditEntryMapper.toDomain(row));
    }
    return entries;
  }

  async listByCase(caseId: string): Promise<AuditEntry[]> {
    const rows = await this.sql.rows<AuditEntryEntity>(`SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE case_id = ? ORDER BY seq`, [caseId]);
    return rows.map(auditEntryMapper.toDomain);
  }
}
