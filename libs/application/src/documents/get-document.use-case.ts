import { Injectable } from '@nestjs/common';
import { CaseDocument, CaseRelation, DomainError, Store } from '@compact/domain';
import { mayRead } from '../confidential/confidential-entries';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { Caller } from '../auth/caller';
import { loadVisibleCase } from '../cases/visible-case';
import { documentPieces } from './document-content';

/** A document to send: what it is, and its bytes piece by piece. */
export interface DocumentDownload {
  document: CaseDocument;
  pieces: AsyncIterable<Buffer>;
}

/**
 * Whether the caller may see this attachment: a cited one with its case (one cited in confidence
 * only by the two sides of that exchange), a pending one only by the person who attached it.
 */
export const maySeeDocument = (caller: Caller, relation: CaseRelation, d: CaseDocument, adminsSeeContent = false): boolean =>
  d.citedSeq === null ? d.attachedBy.userId === caller.user.id : mayRead(relation, d.audience, adminsSeeContent);

/**
 * One document of a case, for a person who may see the case (NOT_FOUND otherwise, as for a
 * document of another case or one pending for someone else).
 */
@Injectable()
export class GetDocumentUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  async execute(caller: Caller, caseId: string, documentId: string): Promise<DocumentDownload> {
    const adminsSeeContent = this.registry.compact.catalog.confidentiality.adminsSeeContent;
    const document = await this.store.read(async (repos) => {
      const { relation } = await loadVisibleCase(repos, caller, caseId);
      const found = await repos.documents.findById(documentId);
      return found && found.caseId === caseId && maySeeDocument(caller, relation, found, adminsSeeContent) ? found : null;
    });
    const pieces = document ? await documentPieces(this.store, document.sha256) : null;
    if (!document || !pieces) throw DomainError.notFound('Document', documentId);
    return { document, pieces };
  }
}

/** The documents of a case the caller may see (those events cited, and their own pending ones), oldest first. */
@Injectable()
export class ListCaseDocumentsUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  execute(caller: Caller, caseId: string): Promise<CaseDocument[]> {
    const adminsSeeContent = this.registry.compact.catalog.confidentiality.adminsSeeContent;
    return this.store.read(async (repos) => {
      const { relation } = await loadVisibleCase(repos, caller, caseId);
      return (await repos.documents.listByCase(caseId)).filter((d) => maySeeDocument(caller, relation, d, adminsSeeContent));
    });
  }
}
