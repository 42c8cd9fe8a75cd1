import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** One-time sign-in links and browser sessions for the web pages. */
export class WebSignIn1764200000000 implements MigrationInterface {
  name = 'WebSignIn1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const user = { columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' as const };
    await q.createTable(
      new Table({
        name: 'sign_in_links',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'used_at', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        uniques: [{ name: 'uq_sign_in_links_token', columnNames: ['token_hash'] }],
        foreignKeys: [user],
        indices: [{ name: 'ix_sign_in_links_expires', columnNames: ['expires_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'web_sessions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'csrf_token', type: 'varchar', length: '64' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'created_at', type: 'bigint' },
        ],
        uniques: [{ name: 'uq_web_sessions_token', columnNames: ['token_hash'] }],
        foreignKeys: [user],
        indices: [{ name: 'ix_web_sessions_expires', columnNames: ['expires_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('web_sessions', true);
    await q.dropTable('sign_in_links', true);
  }
}
