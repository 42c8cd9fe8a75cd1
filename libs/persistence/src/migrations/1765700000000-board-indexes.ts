import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes that let the board's aggregates over every case read an index instead of the cases
 * table (whose rows carry each case's snapshot, so a scan of 100,000 of them reads most of a
 * gigabyte): the counts of cases by claimant and by respondent organisation, and the sums of
 * deadlines met and missed. None of these columns changes on most events (a note changes none),
 * so the indexes cost the event path almost nothing.
 */
export class BoardIndexes1765700000000 implements MigrationInterface {
  name = 'BoardIndexes1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX ix_cases_claimant ON cases (claimant_org_id)');
    await q.query('CREATE INDEX ix_cases_respondent ON cases (respondent_org_id)');
    await q.query('CREATE INDEX ix_cases_deadline_tally ON cases (deadlines_met, deadlines_missed)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_cases_deadline_tally');
    await q.query('DROP INDEX ix_cases_respondent');
    await q.query('DROP INDEX ix_cases_claimant');
  }
}
