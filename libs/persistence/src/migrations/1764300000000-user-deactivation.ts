import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users an administrator deactivated: when (null while active). A plain ADD COLUMN on both
 * dialects, so SQLite adds the column in place instead of TypeORM rebuilding the table (copy,
 * drop, rename) that sessions, tokens, cases and audit entries point at.
 */
export class UserDeactivation1764300000000 implements MigrationInterface {
  name = 'UserDeactivation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users ADD COLUMN deactivated_at bigint NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE users DROP COLUMN deactivated_at');
  }
}
