import { CaseListQuery, CaseParticipant, CaseRecord, CaseRepository, CaseRules, caseSearchDocument } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { CaseParticipantEntity } from '../entities/case-participant.entity';
import { CaseUndertakingEntity } from '../entities/case-undertaking.entity';
import { CaseEntity } from '../entities/case.entity';
import { ReferenceCounterEntity } from '../entities/reference-counter.entity';
import { Sql } from '../data-source/sql';
import { CaseSearchIndex } from '../search/case-search-index';
import { caseSearchIndexOf } from '../search/case-search-index-of';
import { caseListSql } from './case-list.sql';
import { caseMapper, CaseRow } from '../mappers/case.mapper';

export class TypeOrmCaseRepository extends CaseRepository {
  private readonly sql: Sql;
  private readonly searchIndex: CaseSearchIndex;

  constructor(
    private readonly manager: EntityManager,
    private readonly rowLocks: boolean,
  ) {
    super();
    this.sql = new Sql(manager, rowLocks);
    this.searchIndex = caseSearchIndexOf(rowLocks);
  }

  async insert(record: CaseRecord): Promise<void> {
    await this.manager.insert(CaseEntity, caseMapper.toEntity(record));
    await this.sql.run(this.searchIndex.insertSql, [record.id, caseSearchDocument(record)]);
    await this.addParticipants(record.id, record.participants);
    if (record.undertakingIds.length > 0) {
      await this.manager.insert(
        CaseUndertakingEntity,
        record.undertakingIds.map((undertakingId) => ({ caseId: record.id, undertakingId })),
      );
    }
  }

  async findById(id: string, options: { lock?: boolean } = {}): Promise<CaseRecord | null> {
    const row = await this.sql.one<CaseRow>(`SELECT * FROM cases WHERE id = ?${options.lock && this.rowLocks ? ' FOR UPDATE' : ''}`, [id]);
    return row ? caseMapper.fromRow(row) : null;
  }

  async lockIfFree(id: string): Promise<CaseRecord | 'busy' | null> {
    if (!this.rowLocks) return this.findById(id);
    const row = await this.sql.one<CaseRow>('SELECT * FROM cases WHERE id = ? FOR UPDATE SKIP LOCKED', [id]);
    if (row) return caseMapper.fromRow(row);
    // Skipped: held by another transaction, or not there at all (a plain read tells which, without waiting).
    return (await this.sql.one<{ id: string }>('SELECT id FROM cases WHERE id = ?', [id])) ? 'busy' : null;
  }

  async update(record: CaseRecord, expectedVersion: number): Promise<boolean> {
    const changed = await this.sql.run(
      `UPDATE cases SET workflow_name = ?, workflow_version = ?, state = ?, state_path = ?, snapshot = ?, mediator_org_id = ?, version = ?,
       audit_seq = ?, audit_head = ?, participants = ?, rules = ?, outcome = ?, deadlines_met = ?, deadlines_missed = ?, resolved_at = ?,
       resolved_stage = ?, updated_at = ? WHERE id = ? AND version = ?`,
      [
        record.workflowName,
        record.workflowVersion,
        record.state,
        record.statePath,
        JSON.stringify(record.snapshot),
        record.mediatorOrganisationId,
        record.version,
        record.auditSeq,
        record.auditHead,
        JSON.stringify(record.participants),
        JSON.stringify(record.rules),
        record.outcome,
        record.deadlinesMet,
        record.deadlinesMissed,
        record.resolvedAt?.getTime() ?? null,
        record.resolvedStage,
        record.updatedAt.getTime(),
        record.id,
        expectedVersion,
      ],
    );
    return changed === 1;
  }

  async setAuditHead(caseId: string, seq: number, hash: string): Promise<void> {
    await this.sql.run('UPDATE cases SET audit_seq = ?, audit_head = ? WHERE id = ?', [seq, hash, caseId]);
  }

  async addParticipants(caseId: string, participants: CaseParticipant[]): Promise<void> {
    if (participants.length === 0) return;
    await this.manager
      .createQueryBuilder()
      .insert()
      .into(CaseParticipantEntity)
      .values(participants.map((p) => ({ caseId, organisationId: p.organisationId, part: p.part })))
      .orIgnore()
      .execute();
  }

  async list(query: CaseListQuery): Promise<CaseRecord[]> {
    const { text, params } = caseListSql(query, this.searchIndex);
    const rows = await this.sql.rows<CaseRow>(text, params);
    return rows.map(caseMapper.fromRow);
  }

  async listAllIds(): Promise<string[]> {
    const rows = await this.manager.find(CaseEntity, { select: { id: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  async listIdsOnWorkflow(name: string, version: number, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      'SELECT id FROM cases WHERE workflow_name = ? AND workflow_version = ? AND id > ? ORDER BY id LIMIT ?',
      [name, version, afterId ?? '', limit],
    );
    return rows.map((r) => r.id);
  }

  async listUnpinned(limit: number): Promise<Array<Pick<CaseRecord, 'id' | 'workflowName' | 'workflowVersion' | 'state' | 'snapshot'>>> {
    const rows = await this.sql.rows<CaseRow>(
      'SELECT id, workflow_name, workflow_version, state, snapshot FROM cases WHERE rules IS NULL OR outcome IS NULL ORDER BY created_at, id LIMIT ?',
      [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      workflowName: r.workflow_name,
      workflowVersion: Number(r.workflow_version),
      state: r.state,
      snapshot: JSON.parse(r.snapshot) as unknown,
    }));
  }

  async pin(id: string, rules: CaseRules, s: Pick<CaseRecord, 'outcome' | 'deadlinesMet' | 'deadlinesMissed' | 'resolvedAt' | 'resolvedStage'>): Promise<void> {
    await this.sql.run(
      'UPDATE cases SET rules = ?, outcome = ?, deadlines_met = ?, deadlines_missed = ?, resolved_at = ?, resolved_stage = ? WHERE id = ?',
      [JSON.stringify(rules), s.outcome, s.deadlinesMet, s.deadlinesMissed, s.resolvedAt?.getTime() ?? null, s.resolvedStage, id],
    );
  }

  async nextReferenceNumber(compactId: string, year: number): Promise<number> {
    const scope = `${compactId}-${year}`;
    await this.manager.createQueryBuilder().insert().into(ReferenceCounterEntity).values({ scope, value: 0 }).orIgnore().execute();
    await this.manager
      .createQueryBuilder()
      .update(ReferenceCounterEntity)
      .set({ value: () => 'value + 1' })
      .where('scope = :scope', { scope })
      .execute();
    const row = await this.manager.findOneByOrFail(ReferenceCounterEntity, { scope });
    return row.value;
  }
}
