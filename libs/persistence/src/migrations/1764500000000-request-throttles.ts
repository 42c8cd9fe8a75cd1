import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Throttle counters (sign-in mail per address and per client, unknown API tokens per client), in
 * the database so that every instance sharing it counts together. Keys are sha256 hashes: no email
 * or client address is stored.
 */
export class RequestThrottles1764500000000 implements MigrationInterface {
  name = 'RequestThrottles1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'request_throttles',
        columns: [
          { name: 'key_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'hits', type: 'integer' },
          { name: 'window_ends_at', type: 'bigint' },
          { name: 'blocked_until', type: 'bigint' },
          { name: 'expires_at', type: 'bigint' },
        ],
        indices: [{ name: 'ix_request_throttles_expires', columnNames: ['expires_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('request_throttles', true);
  }
}
