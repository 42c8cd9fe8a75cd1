import { AuditEntry, AuditRepository } from '@compact/domain';
import { EntityManager, In } from 'typeorm';
import { AuditEntryEntity } from '../entities/audit-entry.entity';
import { auditEntryMapper } from '../mappers/audit-entry.mapper';

export class TypeOrmAuditRepository extends AuditRepository {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.manager.insert(AuditEntryEntity, auditEntryMapper.toEntity(entry));
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
