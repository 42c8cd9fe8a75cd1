import { caseSearchDocument } from '@compact/domain';
import { MigrationInterface, QueryRunner } from 'typeorm';

const BATCH = 500;

/**
 * The text index of the cases (reference, title and summary), one entry per case in `case_search`:
 * on PostgreSQL a table with a tsvector under a GIN index, on SQLite an FTS5 virtual table (the
 * SQLite that better-sqlite3 bundles is built with FTS5). Entries are written with their case by
 * the case repository; this migration fills them in for the cases already there, a batch at a
 * time in id order, with the same document builder the repository uses.
 */
export class CaseSearch1765650000000 implements MigrationInterface {
  name = 'CaseSearch1765650000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.options.type === 'postgres';
    if (postgres) {
      await q.query(`CREATE TABLE case_search (
        case_id varchar(36) PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        document tsvector NOT NULL)`);
      await q.query('CREATE INDEX ix_case_search_document ON case_search USING gin (document)');
    } else {
      await q.query("CREATE VIRTUAL TABLE case_search USING fts5(case_id UNINDEXED, document, tokenize = 'unicode61 remove_diacritics 2')");
    }
    const p = (n: number) => (postgres ? `$${n}` : '?');
    const insert = postgres
      ? "INSERT INTO case_search (case_id, document) VALUES ($1, to_tsvector('simple', $2))"
      : 'INSERT INTO case_search (case_id, document) VALUES (?, ?)';
    let after = '';
    for (;;) {
      const rows: Array<{ id: string; reference: string; title: string; summary: string }> = await q.query(
        `SELECT id, reference, title, summary FROM cases WHERE id > ${p(1)} ORDER BY id LIMIT ${p(2)}`,
        [after, BATCH],
      );
      for (const row of rows) await q.query(insert, [row.id, caseSearchDocument(row)]);
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_search');
  }
}
