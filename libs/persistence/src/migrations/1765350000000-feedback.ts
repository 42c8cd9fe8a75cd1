import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Feedback after a case, in tables of its own, apart from the audit trail: opinions about the
 * process are not evidence about the case, so they are neither hashed into its chain nor protected
 * by its append-only triggers, and can be kept or deleted on their own terms.
 *
 * feedback_invitations: one row per person asked, with no person in it (no user id, no address):
 * the case, the side they took part on, the stage the case ended from, the year it ended, and the
 * sha256 of the one-use token the email carried. feedback_responses: one answer per invitation.
 */
export class Feedback1765350000000 implements MigrationInterface {
  name = 'Feedback1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'feedback_invitations',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'case_id', type: 'varchar', length: '36' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'stage', type: 'varchar', length: '64', isNullable: true },
          { name: 'ended_year', type: 'integer' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'expires_at', type: 'bigint' },
          { name: 'used_at', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        foreignKeys: [{ columnNames: ['case_id'], referencedTableName: 'cases', referencedColumnNames: ['id'] }],
        indices: [
          { name: 'ux_feedback_invitations_token', columnNames: ['token_hash'], isUnique: true },
          { name: 'ix_feedback_invitations_case', columnNames: ['case_id'] },
          { name: 'ix_feedback_invitations_year', columnNames: ['ended_year'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'feedback_responses',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'invitation_id', type: 'varchar', length: '36' },
          { name: 'case_id', type: 'varchar', length: '36' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'stage', type: 'varchar', length: '64', isNullable: true },
          { name: 'ended_year', type: 'integer' },
          { name: 'fair', type: 'integer' },
          { name: 'understood', type: 'integer' },
          { name: 'timely', type: 'integer' },
          { name: 'use_again', type: 'integer' },
          { name: 'comment', type: 'text', isNullable: true },
          { name: 'submitted_at', type: 'bigint' },
        ],
        foreignKeys: [
          { columnNames: ['invitation_id'], referencedTableName: 'feedback_invitations', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
        indices: [
          // One answer per invitation, whatever the application does.
          { name: 'ux_feedback_responses_invitation', columnNames: ['invitation_id'], isUnique: true },
          { name: 'ix_feedback_responses_case', columnNames: ['case_id'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('feedback_responses', true);
    await q.dropTable('feedback_invitations', true);
  }
}
