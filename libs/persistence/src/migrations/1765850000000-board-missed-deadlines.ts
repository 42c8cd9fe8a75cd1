import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * What the board's new figures need:
 * - case_missed_deadlines: each deadline a case let pass, with each organisation that had to meet
 *   it (one row per organisation), so that "missed deadlines by organisation" is an aggregate over
 *   an index and never a walk through every trail. From now on the one path of every change writes
 *   them in the transaction of the change. Who had to meet a deadline is the case's own workflow's
 *   answer (`mustAct`, on the case as it was), which SQL cannot give: the cases that already
 *   missed one (and those written before cases kept their summary, whose count is not known yet)
 *   are listed in case_missed_deadlines_pending, and the application fills their rows in once at
 *   start-up, from their trails, before it takes them off that list.
 * - ix_cases_resolved_stage: the count of resolved cases by the stage they were resolved at, and
 *   the case list filtered on it, read from an index.
 */
export class BoardMissedDeadlines1765850000000 implements MigrationInterface {
  name = 'BoardMissedDeadlines1765850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'case_missed_deadlines',
        columns: [
          { name: 'case_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'deadline_key', type: 'varchar', length: '100', isPrimary: true },
          { name: 'organisation_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'missed_at', type: 'bigint' },
        ],
        foreignKeys: [
          { columnNames: ['case_id'], referencedTableName: 'cases', referencedColumnNames: ['id'] },
          { columnNames: ['organisation_id'], referencedTableName: 'organisations', referencedColumnNames: ['id'] },
        ],
        indices: [{ name: 'ix_case_missed_deadlines_org', columnNames: ['organisation_id', 'case_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_missed_deadlines_pending',
        columns: [{ name: 'case_id', type: 'varchar', length: '36', isPrimary: true }],
        foreignKeys: [{ columnNames: ['case_id'], referencedTableName: 'cases', referencedColumnNames: ['id'] }],
      }),
    );
    await q.query('INSERT INTO case_missed_deadlines_pending (case_id) SELECT id FROM cases WHERE deadlines_missed > 0 OR outcome IS NULL');
    await q.query('CREATE INDEX ix_cases_resolved_stage ON cases (resolved_stage, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_cases_resolved_stage');
    await q.dropTable('case_missed_deadlines_pending', true);
    await q.dropTable('case_missed_deadlines', true);
  }
}
