import { Injectable } from '@nestjs/common';
import { CaseDocument, DomainError, Store } from '@compact/domain';
import { Caller } from '../auth/caller';
import { loadVisibleCase } from '../cases/visible-case';
import { documentPieces } from './document-content';

/** A document to send: what it is, and its bytes piece by piece. */
export interface DocumentDownload {
  document: CaseDocument;
  pieces: AsyncIterable<Buffer>;
}

/** Whether the caller may see this attachment: a cited one with its case, a pending one only by the person who attached it. */
export const maySeeDocument = (caller: Caller, d: CaseDocument): boolean => d.citedSeq !== null || d.attachedBy.userId === caller.user.id;

/**
 * One document of a case, for a person who may see the case (NOT_FOUND otherwise, as for a
 * document of another case or one pending for someone else).
 */
@Injectable()
export class GetDocumentUseCase {
  constructor(private readonly store: Store) {}

  async execute(caller: Caller, caseId: string, documentId: string): Promise<DocumentDownload> {
    const document = await this.store.read(async (repos) => {
      await loadVisibleCase(repos, caller, caseId);
      const found = await repos.documents.findById(documentId);
      return found && found.caseId === caseId && maySeeDocument(caller, found) ? found : null;
    });
    const pieces = document ? await documentPieces(this.store, document.sha256) : null;
    if (!document || !pieces) throw DomainError.notFound('Document', documentId);
    return { document, pieces };
  }
}

/** The documents of a case the caller may see (those events cited, and their own pending ones), oldest first. */
@Injectable()
export class ListCaseDocumentsUseCase {
  constructor(private readonly store: Store) {}

  execute(caller: Caller, caseId: string): Promise<CaseDocument[]> {
    return this.store.read(async (repos) => {
      await loadVisibleCase(repos, caller, caseId);
      return (await repos.documents.listByCase(caseId)).filter((d) => maySeeDocument(caller, d));
    });
  }
}
