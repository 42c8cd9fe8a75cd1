import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases keep the rules they were raised under (deadline lengths and calendar), and a summary of
 * what the board and the lists ask of them (outcome, deadlines met and missed, when and at which
 * stage resolved), written in the same transaction as each change. Timers count the working days
 * an agreed extension added. Plain ADD COLUMNs on both dialects, so SQLite adds them in place; the
 * values of the rows already there are filled in at start-up by the application (it knows the
 * configuration in force and each case's workflow), before anything reads them.
 */
export class CaseRulesAndSummary1764700000000 implements MigrationInterface {
  name = 'CaseRulesAndSummary1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE cases ADD COLUMN rules text NULL');
    await q.query('ALTER TABLE cases ADD COLUMN outcome varchar(16) NULL');
    await q.query('ALTER TABLE cases ADD COLUMN deadlines_met integer NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE cases ADD COLUMN deadlines_missed integer NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE cases ADD COLUMN resolved_at bigint NULL');
    await q.query('ALTER TABLE cases ADD COLUMN resolved_stage varchar(32) NULL');
    await q.query('ALTER TABLE case_timers ADD COLUMN extended_days integer NOT NULL DEFAULT 0');
    await q.query('CREATE INDEX ix_cases_outcome ON cases (outcome, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_cases_outcome');
    for (const column of ['rules', 'outcome', 'deadlines_met', 'deadlines_missed', 'resolved_at', 'resolved_stage']) {
      await q.query(`ALTER TABLE cases DROP COLUMN ${column}`);
    }
    await q.query('ALTER TABLE case_timers DROP COLUMN extended_days');
  }
}
