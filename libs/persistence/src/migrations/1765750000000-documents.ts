import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Evidence documents, in the database (backed up with it, shared by every instance):
 *
 * documents: one row per distinct content, keyed by its sha256 (stored once however often it is
 * attached), with its size and how many pieces it is stored in. document_pieces: the bytes, in
 * pieces of 256 KiB, so that no document is ever read or written whole. case_documents: each
 * attachment of a content to a case, with the name it was given, who attached it, and the seq of
 * the audit entry whose event cited it (null while pending; pending ones go after a day), and,
 * for one cited in a confidential note, who may see it.
 */
export class Documents1765750000000 implements MigrationInterface {
  name = 'Documents1765750000000';

  async up(q: QueryRunner): Promise<void> {
    const bytes = q.connection.options.type === 'postgres' ? 'bytea' : 'blob';
    await q.createTable(
      new Table({
        name: 'documents',
        columns: [
          { name: 'sha256', type: 'varchar', length: '64', isPrimary: true },
          { name: 'size', type: 'bigint' },
          { name: 'pieces', type: 'integer' },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document_pieces',
        columns: [
          { name: 'sha256', type: 'varchar', length: '64', isPrimary: true },
          { name: 'n', type: 'integer', isPrimary: true },
          { name: 'content', type: bytes },
        ],
        foreignKeys: [{ columnNames: ['sha256'], referencedTableName: 'documents', referencedColumnNames: ['sha256'], onDelete: 'CASCADE' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_documents',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'case_id', type: 'varchar', length: '36' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'name', type: 'varchar', length: '255' },
          { name: 'size', type: 'bigint' },
          { name: 'content_type', type: 'varchar', length: '100' },
          { name: 'attached_by_user_id', type: 'varchar', length: '36' },
          { name: 'attached_by_organisation_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'attached_at', type: 'bigint' },
          { name: 'cited_seq', type: 'integer', isNullable: true },
          // Cited in confidence: the relations to the case that may see it, comma-separated; null: every reader.
          { name: 'audience', type: 'varchar', length: '64', isNullable: true },
        ],
        foreignKeys: [
          { columnNames: ['case_id'], referencedTableName: 'cases', referencedColumnNames: ['id'] },
          // No cascade: bytes an attachment uses cannot be deleted under it.
          { columnNames: ['sha256'], referencedTableName: 'documents', referencedColumnNames: ['sha256'] },
        ],
        indices: [
          { name: 'ix_case_documents_case', columnNames: ['case_id', 'attached_at'] },
          { name: 'ix_case_documents_sha256', columnNames: ['sha256'] },
          { name: 'ix_case_documents_pending', columnNames: ['cited_seq', 'attached_at'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('case_documents', true);
    await q.dropTable('document_pieces', true);
    await q.dropTable('documents', true);
  }
}
