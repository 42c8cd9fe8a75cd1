import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: name === 'id' });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, primary = false): TableColumnOptions => ({ name, type: 'integer', isPrimary: primary });
const instant = (name: string): TableColumnOptions => ({ name, type: 'bigint' });

const fk = (column: string, table: string) => ({
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete: 'RESTRICT' as const,
});

/**
 * The case engine's schema, written with TypeORM's portable Table API so the same migration
 * runs on SQLite and PostgreSQL; only the audit triggers differ per dialect.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'organisations',
        columns: [id(), str('name', 200), str('name_key', 200), str('kind', 16), instant('created_at')],
        uniques: [{ name: 'uq_organisations_name_key', columnNames: ['name_key'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [id(), str('name', 200), str('email', 320), str('role', 16), ref('organisation_id', true), instant('created_at')],
        uniques: [{ name: 'uq_users_email', columnNames: ['email'] }],
        foreignKeys: [fk('organisation_id', 'organisations')],
        indices: [{ name: 'ix_users_organisation', columnNames: ['organisation_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'api_tokens',
        columns: [id(), ref('user_id'), str('token_hash', 64), str('label', 100), instant('created_at')],
        uniques: [{ name: 'uq_api_tokens_hash', columnNames: ['token_hash'] }],
        foreignKeys: [fk('user_id', 'users')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cases',
        columns: [
          id(),
          str('reference', 40),
          str('compact_id', 64),
          str('workflow_name', 64),
          int('workflow_version'),
          str('kind', 16),
          str('title', 200),
          text('summary'),
          text('desired_outcome', true),
          str('became_aware_on', 10),
          ref('claimant_org_id'),
          ref('respondent_org_id'),
          ref('mediator_org_id', true),
          text('undertaking_ids'),
          str('state', 32),
          str('state_path', 100),
          text('snapshot'),
          int('version'),
          int('audit_seq'),
          str('audit_head', 64),
          text('participants'),
          ref('created_by'),
          instant('created_at'),
          instant('updated_at'),
        ],
        uniques: [{ name: 'uq_cases_reference', columnNames: ['reference'] }],
        foreignKeys: [
          fk('claimant_org_id', 'organisations'),
          fk('respondent_org_id', 'organisations'),
          fk('mediator_org_id', 'organisations'),
          fk('created_by', 'users'),
        ],
        indices: [
          { name: 'ix_cases_created', columnNames: ['created_at', 'id'] },
          { name: 'ix_cases_state', columnNames: ['state', 'created_at'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_participants',
        columns: [
          { ...id('case_id'), isPrimary: true },
          { ...id('organisation_id'), isPrimary: true },
          { ...str('part', 16), isPrimary: true },
        ],
        foreignKeys: [fk('case_id', 'cases'), fk('organisation_id', 'organisations')],
        indices: [{ name: 'ix_case_participants_org', columnNames: ['organisation_id', 'part'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_undertakings',
        columns: [
          { ...id('case_id'), isPrimary: true },
          { ...str('undertaking_id', 16), isPrimary: true },
        ],
        foreignKeys: [fk('case_id', 'cases')],
        indices: [{ name: 'ix_case_undertakings_undertaking', columnNames: ['undertaking_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          { ...id('case_id'), isPrimary: true },
          int('seq', true),
          str('at', 30),
          str('actor_type', 8),
          ref('actor_user_id', true),
          ref('actor_org_id', true),
          str('actor_role', 16, true),
          str('event_type', 64),
          str('from_state', 100, true),
          str('to_state', 100),
          text('payload'),
          str('prev_hash', 64),
          str('hash', 64),
        ],
        foreignKeys: [fk('case_id', 'cases')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_timers',
        columns: [
          id(),
          ref('case_id'),
          str('timer_key', 100),
          str('purpose', 16),
          str('event_type', 64),
          instant('due_at'),
          str('due_date', 10),
          str('rule', 200),
          str('calendar_id', 200),
          str('deadline_key', 100, true),
          instant('created_at'),
        ],
        uniques: [{ name: 'uq_case_timers_key', columnNames: ['case_id', 'timer_key'] }],
        foreignKeys: [fk('case_id', 'cases')],
        // Fired and cancelled timers are deleted, so this index only ever holds pending ones.
        indices: [{ name: 'ix_case_timers_due', columnNames: ['due_at', 'id'] }],
      }),
    );
    await q.createTable(
      new Table({ name: 'reference_counters', columns: [{ ...str('scope', 80), isPrimary: true }, int('value')] }),
    );
    await this.protectAuditTrail(q);
  }

  private async protectAuditTrail(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query(`CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP; END; $$`);
      await q.query(`CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`);
      await q.query(`CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
        FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`);
    } else {
      await q.query(`CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: UPDATE refused'); END`);
      await q.query(`CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
        BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only: DELETE refused'); END`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'reference_counters',
      'case_timers',
      'audit_entries',
      'case_undertakings',
      'case_participants',
      'cases',
      'api_tokens',
      'users',
      'organisations',
    ]) {
      await q.dropTable(table, true);
    }
    if (q.connection.options.type === 'postgres') await q.query('DROP FUNCTION IF EXISTS audit_entries_append_only()');
  }
}
