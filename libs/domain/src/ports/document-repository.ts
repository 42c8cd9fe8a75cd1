import { CaseRelation } from '../cases/case-relation';
import { CaseDocument } from '../documents/case-document';

/**
 * Documents in the database: the bytes once per sha256, in pieces of DOCUMENT_CHUNK_BYTES, and
 * each attachment of them to a case.
 */
export abstract class DocumentRepository {
  /**
   * Inside a write: stores the bytes under their sha256 unless they are there already (then the
   * pieces are not read at all). Answers whether they were written now.
   */
  abstract putContent(sha256: string, size: number, pieces: () => AsyncIterable<Buffer>, at: Date): Promise<boolean>;
  abstract insert(document: CaseDocument): Promise<void>;
  abstract findById(id: string): Promise<CaseDocument | null>;
  /** The case's documents (pending ones included), oldest first. */
  abstract listByCase(caseId: string): Promise<CaseDocument[]>;
  /** The bytes attached to the case so far (pending documents included). */
  abstract bytesOfCase(caseId: string): Promise<number>;
  /** Inside a write: records the audit entry that cited these pending documents, and who may see them (null: every reader of the case). */
  abstract markCited(ids: string[], seq: number, audience: CaseRelation[] | null): Promise<void>;
  /** How many pieces the bytes of this sha256 are stored in; null when they are not stored. */
  abstract pieceCount(sha256: string): Promise<number | null>;
  /** One piece of the bytes (0-based); null when it is missing. */
  abstract piece(sha256: string, n: number): Promise<Buffer | null>;
  /**
   * Inside a write: removes attachments no event cited that were made before `before`, and then
   * the bytes no attachment uses any more. Answers how many attachments went.
   */
  abstract purgePending(before: Date): Promise<number>;
}
