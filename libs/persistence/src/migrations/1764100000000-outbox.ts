import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** The mail outbox: messages written in the same transaction as the event or timer that caused them. */
export class Outbox1764100000000 implements MigrationInterface {
  name = 'Outbox1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'outbox_messages',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'case_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'kind', type: 'varchar', length: '24' },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'attempts', type: 'integer' },
          { name: 'next_attempt_at', type: 'bigint' },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'topic', type: 'varchar', length: '100', isNullable: true },
          { name: 'to_addresses', type: 'text' },
          { name: 'cc_addresses', type: 'text' },
          { name: 'subject', type: 'varchar', length: '300' },
          { name: 'text_body', type: 'text' },
          { name: 'html_body', type: 'text' },
          { name: 'created_at', type: 'bigint' },
          { name: 'sent_at', type: 'bigint', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['case_id'], referencedTableName: 'cases', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }],
        indices: [
          // Partial: only messages still to send, in the order they are due (no sort, however long the history).
          { name: 'ix_outbox_ready', columnNames: ['next_attempt_at', 'id'], where: "status IN ('pending', 'sending')" },
          { name: 'ix_outbox_case', columnNames: ['case_id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('outbox_messages', true);
  }
}
