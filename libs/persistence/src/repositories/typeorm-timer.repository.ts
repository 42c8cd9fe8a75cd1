import { CaseTimer, TimerRepository } from '@compact/domain';
import { Brackets, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { CaseTimerEntity } from '../entities/case-timer.entity';

const toDomain = (e: CaseTimerEntity): CaseTimer => ({ ...e, purpose: e.purpose as CaseTimer['purpose'] });

export class TypeOrmTimerRepository extends TimerRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly rowLocks: boolean,
  ) {
    super();
  }

  async insert(timers: CaseTimer[]): Promise<void> {
    if (timers.length > 0) await this.manager.insert(CaseTimerEntity, timers);
  }

  async cancel(caseId: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.manager
      .createQueryBuilder()
      .delete()
      .from(CaseTimerEntity)
      .where('case_id = :caseId', { caseId })
      .andWhere(new Brackets((w) => w.where('timer_key IN (:...keys)', { keys }).orWhere('deadline_key IN (:...keys)', { keys })))
      .execute();
  }

  async listByCase(caseId: string): Promise<CaseTimer[]> {
    const rows = await this.manager.find(CaseTimerEntity, { where: { caseId }, order: { dueAt: 'ASC', id: 'ASC' } });
    return rows.map(toDomain);
  }

  async listDueBefore(before: Date, caseIds: string[] | 'all'): Promise<CaseTimer[]> {
    if (caseIds !== 'all' && caseIds.length === 0) return [];
    const where = caseIds === 'all' ? { dueAt: LessThanOrEqual(before) } : { dueAt: LessThanOrEqual(before), caseId: In(caseIds) };
    const rows = await this.manager.find(CaseTimerEntity, { where, order: { dueAt: 'ASC', id: 'ASC' } });
    return rows.map(toDomain);
  }

  async findDue(now: Date, limit: number): Promise<CaseTimer[]> {
    const rows = await this.manager.find(CaseTimerEntity, {
      where: { dueAt: LessThanOrEqual(now) },
      order: { dueAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    return rows.map(toDomain);
  }

  async claim(id: string): Promise<CaseTimer | null> {
    const qb = this.manager.createQueryBuilder(CaseTimerEntity, 't').where('t.id = :id', { id });
    if (this.rowLocks) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    const e = await qb.getOne();
    return e ? toDomain(e) : null;
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.manager.delete(CaseTimerEntity, { id });
    return (result.affected ?? 0) > 0;
  }
}
