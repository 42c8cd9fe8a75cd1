import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * The board's annual report, one row a year: the lessons and the board's response it writes, who
 * last saved them, and once signed off the date, the member (id and name at the time) and the
 * whole report as signed (`snapshot`, JSON text), which is what is shown from then on. `version`
 * counts the writes, so that of two board members saving or signing at once only one succeeds.
 */
export class AnnualReports1765400000000 implements MigrationInterface {
  name = 'AnnualReports1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'annual_reports',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'year', type: 'integer' },
          { name: 'lessons', type: 'text' },
          { name: 'board_response', type: 'text' },
          { name: 'updated_at', type: 'bigint', isNullable: true },
          { name: 'updated_by_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'updated_by_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'signed_off_at', type: 'bigint', isNullable: true },
          { name: 'signed_off_by_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'signed_off_by_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'snapshot', type: 'text', isNullable: true },
          { name: 'version', type: 'integer', default: 0 },
        ],
      }),
    );
    await q.query('CREATE UNIQUE INDEX ux_annual_reports_year ON annual_reports (year)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('annual_reports', true);
  }
}
