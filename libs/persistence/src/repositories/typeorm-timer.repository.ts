import { CaseTimer, CaseVisibility, TimerRepository } from '@compact/domain';
import { Brackets, EntityManager, LessThanOrEqual } from 'typeorm';
import { Sql } from '../data-source/sql';
import { CaseTimerEntity } from '../entities/case-timer.entity';

const toDomain = (e: CaseTimerEntity): CaseTimer => ({ ...e, purpose: e.purpose as CaseTimer['purpose'] });

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
  createdAt: new Date(Number(r.created_at)),
});

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
    const rows = await new Sql(this.manager, this.rowLocks).rows<TimerRow>('SELECT * FROM case_timers WHERE case_id = ? ORDER BY due_at, id', [caseId]);
    return rows.map(fromRow);
  }

  async listDeadlines(before: Date, visibility: CaseVisibility, limit: number): Promise<CaseTimer[]> {
    const qb = this.manager
      .createQueryBuilder(CaseTimerEntity, 't')
      .where("t.purpose = 'deadline'")
      .andWhere('t.dueAt <= :before', { before: before.getTime() });
    if (!visibility.all) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM case_participants vp WHERE vp.case_id = t.case_id AND vp.organisation_id = :visOrg AND vp.part IN (:...visParts))',
        { visOrg: visibility.organisationId, visParts: visibility.parts },
      );
    }
    const rows = await qb.orderBy('t.dueAt', 'ASC').addOrderBy('t.id', 'ASC').limit(limit).getMany();
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
