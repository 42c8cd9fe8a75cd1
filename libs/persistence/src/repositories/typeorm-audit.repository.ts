import { AuditEntry, AuditRepository } from '@compact/domain';
import { EntityManager, In } from 'typeorm';
import { AuditEntryEntity } from '../entities/audit-entry.entity';
import { Sql } from '../data-source/sql';
import { auditEntryMapper } from '../mappers/audit-entry.mapper';

export class TypeOrmAuditRepository extends AuditRepository {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async append(entry: AuditEntry): Promise<void> {
    const e = auditEntryMapper.toEntity(entry);
    await new Sql(this.manager, this.manager.connection.options.type === 'postgres').run(
      `INSERT INTO audit_entries (case_id, seq, "at", actor_type, actor_user_id, actor_org_id, actor_role, event_type, from_state, to_state, payload, prev_hash, "hash")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.caseId, e.seq, e.at, e.actorType, e.actorUserId, e.actorOrgId, e.actorRole, e.eventType, e.fromState, e.toState, e.payload, e.prevHash, e.hash],
    );
  }

  async last(caseId: string): Promise<AuditEntry | null> {
    const e = await this.manager.findOne(AuditEntryEntity, { where: { caseId }, order: { seq: 'DESC' } });
    return e ? auditEntryMapper.toDomain(e) : null;
  }

  async listByCases(caseIds: string[]): Promise<AuditEntry[]> {
    if (caseIds.length === 0) return [];
    const rows: AuditEntryEntity[] = [];
    for (let i = 0; i < caseIds.length; i += 500) {
      rows.push(...(await this.manager.find(AuditEntryEntity, { where: { caseId: In(caseIds.slice(i, i + 500)) }, order: { caseId: 'ASC', seq: 'ASC' } })));
    }
    return rows.map(auditEntryMapper.toDomain);
  }

  async listByCase(caseId: string): Promise<AuditEntry[]> {
    const rows = await this.manager.find(AuditEntryEntity, { where: { caseId }, order: { seq: 'ASC' } });
    return rows.map(auditEntryMapper.toDomain);
  }
}
