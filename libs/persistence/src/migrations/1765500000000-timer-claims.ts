import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Due timers are claimed in batches: each poll marks the timers it takes with its instance and a
 * lease end, so that instances polling at once take disjoint work. The claim is only a hint
 * (exactly-once still comes from deleting the timer in the transaction that applies it); a claim
 * whose lease ended is free again. Plain ADD COLUMNs, so SQLite adds them in place.
 */
export class TimerClaims1765500000000 implements MigrationInterface {
  name = 'TimerClaims1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_timers ADD COLUMN claimed_by varchar(80) NULL');
    await q.query('ALTER TABLE case_timers ADD COLUMN claimed_until bigint NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_timers DROP COLUMN claimed_until');
    await q.query('ALTER TABLE case_timers DROP COLUMN claimed_by');
  }
}
