import { GENESIS_HASH } from '@compact/domain';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * The administration trail: what administrators (and the command line, and the start-up from
 * ADMIN_TOKEN) did, as one hash chain for the whole deployment, and the head of that chain in a
 * one-row table (so that entries cut off the end are detected, as a case's audit_seq/audit_head
 * does for its trail). Triggers make the entries append-only, as for audit_entries, and let the
 * head only move forward one entry at a time.
 */
export class AdminAudit1764600000000 implements MigrationInterface {
  name = 'AdminAudit1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.options.type === 'postgres';
    await q.createTable(
      new Table({
        name: 'admin_audit_entries',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'at', type: 'varchar', length: '30' },
          { name: 'actor_type', type: 'varchar', length: '8' },
          { name: 'actor_user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'actor_org_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'actor_role', type: 'varchar', length: '16', isNullable: true },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'subject_type', type: 'varchar', length: '32' },
          { name: 'subject_id', type: 'varchar', length: '36' },
          { name: 'details', type: 'text' },
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'admin_audit_head',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'seq', type: 'integer' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    await q.query(`INSERT INTO admin_audit_head (id, seq, hash) VALUES (${postgres ? '$1, $2, $3' : '?, ?, ?'})`, [1, 0, GENESIS_HASH]);
    if (postgres) await this.protectOnPostgres(q);
    else await this.protectOnSqlite(q);
  }

  private async protectOnPostgres(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION admin_audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'admin_audit_entries is append-only: % refused', TG_OP; END; $$`);
    await q.query(`CREATE TRIGGER admin_audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON admin_audit_entries
      FOR EACH ROW EXECUTE FUNCTION admin_audit_entries_append_only()`);
    await q.query(`CREATE TRIGGER admin_audit_entries_no_truncate BEFORE TRUNCATE ON admin_audit_entries
      FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_entries_append_only()`);
    await q.query(`CREATE FUNCTION admin_audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.id = OLD.id AND NEW.seq = OLD.seq + 1 THEN RETURN NEW; END IF;
        END IF;
        RAISE EXCEPTION 'admin_audit_head only moves forward, one entry at a time: % refused', TG_OP;
      END; $$`);
    await q.query(`CREATE TRIGGER admin_audit_head_guard BEFORE INSERT OR UPDATE OR DELETE ON admin_audit_head
      FOR EACH ROW EXECUTE FUNCTION admin_audit_head_forward_only()`);
    await q.query(`CREATE TRIGGER admin_audit_head_no_truncate BEFORE TRUNCATE ON admin_audit_head
      FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_head_forward_only()`);
  }

  private async protectOnSqlite(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TRIGGER admin_audit_entries_no_update BEFORE UPDATE ON admin_audit_entries
      BEGIN SELECT RAISE(ABORT, 'admin_audit_entries is append-only: UPDATE refused'); END`);
    await q.query(`CREATE TRIGGER admin_audit_entries_no_delete BEFORE DELETE ON admin_audit_entries
      BEGIN SELECT RAISE(ABORT, 'admin_audit_entries is append-only: DELETE refused'); END`);
    await q.query(`CREATE TRIGGER admin_audit_head_forward_only BEFORE UPDATE ON admin_audit_head
      WHEN NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
      BEGIN SELECT RAISE(ABORT, 'admin_audit_head only moves forward, one entry at a time: UPDATE refused'); END`);
    await q.query(`CREATE TRIGGER admin_audit_head_no_insert BEFORE INSERT ON admin_audit_head
      BEGIN SELECT RAISE(ABORT, 'admin_audit_head only moves forward, one entry at a time: INSERT refused'); END`);
    await q.query(`CREATE TRIGGER admin_audit_head_no_delete BEFORE DELETE ON admin_audit_head
      BEGIN SELECT RAISE(ABORT, 'admin_audit_head only moves forward, one entry at a time: DELETE refused'); END`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Dropping a table drops its triggers.
    await q.dropTable('admin_audit_head', true);
    await q.dropTable('admin_audit_entries', true);
    if (q.connection.options.type === 'postgres') {
      await q.query('DROP FUNCTION IF EXISTS admin_audit_head_forward_only()');
      await q.query('DROP FUNCTION IF EXISTS admin_audit_entries_append_only()');
    }
  }
}
