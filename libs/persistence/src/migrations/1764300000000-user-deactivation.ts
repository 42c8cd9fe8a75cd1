import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Users an administrator deactivated: when (null while active). */
export class UserDeactivation1764300000000 implements MigrationInterface {
  name = 'UserDeactivation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn({ name: 'deactivated_at', type: 'bigint', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'deactivated_at');
  }
}
