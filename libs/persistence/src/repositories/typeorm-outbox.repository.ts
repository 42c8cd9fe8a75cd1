import { MailKind, OutboxMessage, OutboxRepository, OutboxStatus } from '@compact/domain';
import { Brackets, EntityManager } from 'typeorm';
import { OutboxMessageEntity } from '../entities/outbox-message.entity';

const toDomain = (e: OutboxMessageEntity): OutboxMessage => ({
  ...e,
  kind: e.kind as MailKind,
  status: e.status as OutboxStatus,
  to: JSON.parse(e.to) as string[],
  cc: JSON.parse(e.cc) as string[],
});

const toEntity = (m: OutboxMessage): OutboxMessageEntity =>
  Object.assign(new OutboxMessageEntity(), { ...m, to: JSON.stringify(m.to), cc: JSON.stringify(m.cc) });

export class TypeOrmOutboxRepository extends OutboxRepository {
  constructor(private readonly manager: EntityManager) {
    super();
  }

  async enqueue(messages: OutboxMessage[]): Promise<void> {
    if (messages.length > 0) await this.manager.insert(OutboxMessageEntity, messages.map(toEntity));
  }

  async findReady(now: Date, limit: number): Promise<OutboxMessage[]> {
    const rows = await this.manager
      .createQueryBuilder(OutboxMessageEntity, 'o')
      .where("o.status IN ('pending', 'sending')")
      .andWhere('o.nextAttemptAt <= :now', { now: now.getTime() })
      .orderBy('o.nextAttemptAt', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toDomain);
  }

  async lease(id: string, now: Date, leaseUntil: Date): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .update(OutboxMessageEntity)
      .set({ status: 'sending', nextAttemptAt: leaseUntil, attempts: () => 'attempts + 1' })
      .where('id = :id', { id })
      .andWhere(new Brackets((w) => w.where("status = 'pending'").orWhere("status = 'sending'")))
      .andWhere('next_attempt_at <= :now', { now: now.getTime() })
      .execute();
    return result.affected === 1;
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.manager.update(OutboxMessageEntity, { id }, { status: 'sent', sentAt: at, lastError: null });
  }

  async markAttemptFailed(id: string, error: string, nextAttemptAt: Date | null): Promise<void> {
    await this.manager.update(
      OutboxMessageEntity,
      { id },
      nextAttemptAt
        ? { status: 'pending', nextAttemptAt, lastError: error.slice(0, 2000) }
        : { status: 'failed', lastError: error.slice(0, 2000) },
    );
  }

  async findById(id: string): Promise<OutboxMessage | null> {
    const e = await this.manager.findOneBy(OutboxMessageEntity, { id });
    return e ? toDomain(e) : null;
  }

  async list(status: OutboxStatus | null, limit: number): Promise<OutboxMessage[]> {
    const rows = await this.manager.find(OutboxMessageEntity, {
      where: status ? { status } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    return rows.map(toDomain);
  }

  async requeue(id: string, now: Date): Promise<boolean> {
    const result = await this.manager.update(
      OutboxMessageEntity,
      { id, status: 'failed' },
      { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null },
    );
    return result.affected === 1;
  }
}
