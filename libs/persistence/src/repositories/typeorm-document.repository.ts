import { CaseDocument, CaseRelation, DocumentRepository } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { inList, Sql } from '../data-source/sql';

type Num = string | number;

interface CaseDocumentRow {
  id: string;
  case_id: string;
  sha256: string;
  name: string;
  size: Num;
  content_type: string;
  attached_by_user_id: string;
  attached_by_organisation_id: string | null;
  attached_at: Num;
  cited_seq: Num | null;
  audience: string | null;
}

const COLUMNS =
  'id, case_id, sha256, name, size, content_type, attached_by_user_id, attached_by_organisation_id, attached_at, cited_seq, audience';

const fromRow = (r: CaseDocumentRow): CaseDocument => ({
  id: r.id,
  caseId: r.case_id,
  sha256: r.sha256,
  name: r.name,
  size: Number(r.size),
  contentType: r.content_type,
  attachedBy: { userId: r.attached_by_user_id, organisationId: r.attached_by_organisation_id },
  attachedAt: new Date(Number(r.attached_at)),
  citedSeq: r.cited_seq === null ? null : Number(r.cited_seq),
  audience: r.audience === null ? null : (r.audience.split(',') as CaseRelation[]),
});

export class TypeOrmDocumentRepository extends DocumentRepository {
  private readonly sql: Sql;

  constructor(manager: EntityManager) {
    super();
    this.sql = new Sql(manager, manager.connection.options.type === 'postgres');
  }

  async putContent(sha256: string, size: number, pieces: () => AsyncIterable<Buffer>, at: Date): Promise<boolean> {
    // Two uploads of the same bytes at once: the unique key makes the second wait for the first
    // and then write nothing.
    const claimed = await this.sql.returning<{ sha256: string }>(
      'INSERT INTO documents (sha256, size, pieces, created_at) VALUES (?, ?, 0, ?) ON CONFLICT (sha256) DO NOTHING RETURNING sha256',
      [sha256, size, at.getTime()],
    );
    if (claimed.length === 0) return false;
    let n = 0;
    for await (const piece of pieces()) {
      await this.sql.run('INSERT INTO document_pieces (sha256, n, content) VALUES (?, ?, ?)', [sha256, n, piece]);
      n++;
    }
    await this.sql.run('UPDATE documents SET pieces = ? WHERE sha256 = ?', [n, sha256]);
    return true;
  }

  async insert(d: CaseDocument): Promise<void> {
    await this.sql.run(`INSERT INTO case_documents (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      d.id,
      d.caseId,
      d.sha256,
      d.name,
      d.size,
      d.contentType,
      d.attachedBy.userId,
      d.attachedBy.organisationId,
      d.attachedAt.getTime(),
      d.citedSeq,
      d.audience?.join(',') ?? null,
    ]);
  }

  async findById(id: string): Promise<CaseDocument | null> {
    const row = await this.sql.one<CaseDocumentRow>(`SELECT ${COLUMNS} FROM case_documents WHERE id = ?`, [id]);
    return row ? fromRow(row) : null;
  }

  async listByCase(caseId: string): Promise<CaseDocument[]> {
    const rows = await this.sql.rows<CaseDocumentRow>(`SELECT ${COLUMNS} FROM case_documents WHERE case_id = ? ORDER BY attached_at, id`, [caseId]);
    return rows.map(fromRow);
  }

  async bytesOfCase(caseId: string): Promise<number> {
    const row = await this.sql.one<{ total: Num | null }>('SELECT SUM(size) AS total FROM case_documents WHERE case_id = ?', [caseId]);
    return Number(row?.total ?? 0);
  }

  async markCited(ids: string[], seq: number, audience: CaseRelation[] | null): Promise<void> {
    if (ids.length === 0) return;
    await this.sql.run(`UPDATE case_documents SET cited_seq = ?, audience = ? WHERE cited_seq IS NULL AND id IN ${inList(ids.length)}`, [
      seq,
      audience?.join(',') ?? null,
      ...ids,
    ]);
  }

  async pieceCount(sha256: string): Promise<number | null> {
    const row = await this.sql.one<{ pieces: Num }>('SELECT pieces FROM documents WHERE sha256 = ?', [sha256]);
    return row ? Number(row.pieces) : null;
  }

  async piece(sha256: string, n: number): Promise<Buffer | null> {
    const row = await this.sql.one<{ content: Buffer }>('SELECT content FROM document_pieces WHERE sha256 = ? AND n = ?', [sha256, n]);
    // better-sqlite3 and node-postgres both answer a blob as a Buffer: no copy.
    return row ? (Buffer.isBuffer(row.content) ? row.content : Buffer.from(row.content)) : null;
  }

  async purgePending(before: Date): Promise<number> {
    const gone = await this.sql.run('DELETE FROM case_documents WHERE cited_seq IS NULL AND attached_at < ?', [before.getTime()]);
    if (gone === 0) return 0;
    const unused = 'NOT EXISTS (SELECT 1 FROM case_documents c WHERE c.sha256 = documents.sha256)';
    await this.sql.run(`DELETE FROM document_pieces WHERE sha256 IN (SELECT sha256 FROM documents WHERE ${unused})`);
    await this.sql.run(`DELETE FROM documents WHERE ${unused}`);
    return gone;
  }
}
