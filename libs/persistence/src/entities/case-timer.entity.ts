import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMillis } from './column-types';

@Entity('case_timers')
export class CaseTimerEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id!: string;

  @Column('varchar', { name: 'case_id', length: 36 })
  caseId!: string;

  @Column('varchar', { name: 'timer_key', length: 100 })
  key!: string;

  @Column('varchar', { length: 16 })
  purpose!: string;

  @Column('varchar', { name: 'event_type', length: 64 })
  eventType!: string;

  @Column('bigint', { name: 'due_at', transformer: epochMillis })
  dueAt!: Date;

  @Column('varchar', { name: 'due_date', length: 10 })
  dueDate!: string;

  @Column('varchar', { length: 200 })
  rule!: string;

  @Column('varchar', { name: 'calendar_id', length: 200 })
  calendarId!: string;

  @Column('varchar', { name: 'deadline_key', length: 100, nullable: true })
  deadlineKey!: string | null;

  @Column('integer', { name: 'extended_days', default: 0 })
  extendedDays!: number;

  @Column('bigint', { name: 'created_at', transformer: epochMillis })
  createdAt!: Date;

  /** The instance whose poll has claimed it, until `claimedUntil` (a hint that shares work; see TimerClaims1765500000000). */
  @Column('varchar', { name: 'claimed_by', length: 80, nullable: true })
  claimedBy!: string | null;

  @Column('bigint', { name: 'claimed_until', nullable: true, transformer: epochMillis })
  claimedUntil!: Date | null;
}
