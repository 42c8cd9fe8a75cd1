import { randomUUID } from 'node:crypto';
import { CaseDocument, DomainError, ErrorCode, Repositories } from '@compact/domain';
import { megabytes, PreparedDocument } from './prepare-document';
import { piecesOf } from './uploaded-file';

/** A prepared file and the attachment row it becomes. */
export interface Attachment {
  prepared: PreparedDocument;
  document: CaseDocument;
}

/**
 * The attachments of prepared files to a case, each with a new id: by whom and when, and the seq
 * of the audit entry that cites them (null: pending until an event does). Nothing is written yet,
 * so a change can cite them (citationOf) before they are stored.
 */
export function attachmentsOf(
  prepared: readonly PreparedDocument[],
  caseId: string,
  attachedBy: CaseDocument['attachedBy'],
  at: Date,
  citedSeq: number | null,
): Attachment[] {
  return prepared.map((p) => ({
    prepared: p,
    document: { id: randomUUID(), caseId, sha256: p.sha256, name: p.name, size: p.size, contentType: p.contentType, attachedBy, attachedAt: at, citedSeq, audience: null },
  }));
}

/**
 * Inside a write, after the case row: refuses (CASE_DOCUMENTS_FULL) attachments that would take
 * the case past `caseBytes` (pending documents included), else stores each one's bytes (once per
 * sha256) and its attachment row.
 */
export async function storeDocuments(repos: Repositories, attachments: readonly Attachment[], caseBytes: number): Promise<void> {
  if (attachments.length === 0) return;
  let held = await repos.documents.bytesOfCase(attachments[0].document.caseId);
  for (const { prepared, document } of attachments) {
    if (held + prepared.size > caseBytes) {
      throw new DomainError(
        ErrorCode.CASE_DOCUMENTS_FULL,
        `A case may hold at most ${megabytes(caseBytes)} of documents; this one holds ${megabytes(held)}, and ${prepared.name} is ${megabytes(prepared.size)}`,
      );
    }
    held += prepared.size;
    await repos.documents.putContent(prepared.sha256, prepared.size, () => piecesOf(prepared.file), document.attachedAt);
    await repos.documents.insert(document);
  }
}
