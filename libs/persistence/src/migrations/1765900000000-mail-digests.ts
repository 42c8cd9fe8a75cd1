import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Daily email digests:
 * - mail_preferences: each person's choice of every email (`every`) or one a day (`daily`); a
 *   person with no row gets every email. A digest being composed locks its person's row, so two
 *   instances never send the same person two digests at once.
 * - held_mail: the case emails held back for a person's next digest, each with the time that
 *   digest is due (`due_at`), so the schedule lives here and survives a restart. The digest poll
 *   reads them through ix_held_mail_due, and a person's own through ix_held_mail_user.
 */
export class MailDigests1765900000000 implements MigrationInterface {
  name = 'MailDigests1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'mail_preferences',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'frequency', type: 'varchar', length: '12' },
          { name: 'updated_at', type: 'bigint' },
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] }],
        checks: [{ name: 'ck_mail_preferences_frequency', expression: "frequency IN ('every', 'daily')" }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'held_mail',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'case_id', type: 'varchar', length: '36' },
          { name: 'case_reference', type: 'varchar', length: '40' },
          { name: 'case_title', type: 'text' },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'summary', type: 'text' },
          { name: 'detail', type: 'text', isNullable: true },
          { name: 'held_at', type: 'bigint' },
          { name: 'due_at', type: 'bigint' },
        ],
        foreignKeys: [
          { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
          { columnNames: ['case_id'], referencedTableName: 'cases', referencedColumnNames: ['id'] },
        ],
        indices: [
          { name: 'ix_held_mail_due', columnNames: ['due_at', 'user_id'] },
          { name: 'ix_held_mail_user', columnNames: ['user_id', 'due_at'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('held_mail', true);
    await q.dropTable('mail_preferences', true);
  }
}
