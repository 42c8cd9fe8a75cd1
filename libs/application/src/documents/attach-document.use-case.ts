import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ActingRelation, CaseDocument, cleanDocumentName, DocumentCitation, DomainError, ErrorCode, Repositories, Store } from '@compact/domain';
import { APP_CONFIG } from '../application.tokens';
import { Caller } from '../auth/caller';
import { AppConfig } from '../config/app-config';
import { loadVisibleCase } from '../cases/visible-case';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { judgeDocumentType } from './document-type';
import { headOf, piecesOf, sha256Of, UploadedFile } from './uploaded-file';

const ACCEPTED = 'a PDF, Word, Excel, OpenDocument, text, CSV, PNG, JPEG or email (.eml) file';
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Attaches an uploaded file to a case, pending until an event cites it: the type judged from the
 * content, the limits checked, the bytes stored once under their sha256, in one transaction. A
 * refusal writes nothing. Only a person who may send an event on the case now may attach.
 */
@Injectable()
export class AttachDocumentUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(caller: Caller, caseId: string, file: UploadedFile): Promise<DocumentCitation> {
    const limits = this.config.documentLimits;
    if (file.size > limits.fileBytes) {
      throw new DomainError(ErrorCode.DOCUMENT_TOO_LARGE, `A document may be at most ${mb(limits.fileBytes)}; this one is larger`);
    }
    const name = cleanDocumentName(file.originalName);
    const contentType = file.size === 0 ? null : await judgeDocumentType(await headOf(file), name);
    const { sha256, size } = await sha256Of(file);
    return this.store.write(async (repos) => {
      // The case is checked first: to someone who may not see it, the case is not there.
      await this.mayAttach(repos, caller, caseId);
      if (file.size === 0) throw DomainError.validation([{ field: 'file', message: 'is empty: choose a file that has something in it' }]);
      if (!contentType) throw new DomainError(ErrorCode.DOCUMENT_TYPE_NOT_ALLOWED, `${name} is not ${ACCEPTED}`);
      const held = await repos.documents.bytesOfCase(caseId);
      if (held + size > limits.caseBytes) {
        throw new DomainError(
          ErrorCode.CASE_DOCUMENTS_FULL,
          `A case may hold at most ${mb(limits.caseBytes)} of documents; this one holds ${mb(held)}, and the file is ${mb(size)}`,
        );
      }
      const at = this.clock.now();
      await repos.documents.putContent(sha256, size, () => piecesOf(file), at);
      const document: CaseDocument = {
        id: randomUUID(),
        caseId,
        sha256,
        name,
        size,
        contentType,
        attachedBy: { userId: caller.user.id, organisationId: caller.user.organisationId },
        attachedAt: at,
        citedSeq: null,
        audience: null,
      };
      await repos.documents.insert(document);
      return { id: document.id, sha256, name, size, contentType };
    });
  }

  private async mayAttach(repos: Repositories, caller: Caller, caseId: string): Promise<void> {
    const { record, relation } = await loadVisibleCase(repos, caller, caseId, true);
    const acting = relation === 'claimant' || relation === 'respondent' || relation === 'mediator' || relation === 'admin';
    const runtime = this.registry.runtimeFor(record);
    const facts = { timers: await repos.timers.listByCase(caseId), deadlines: record.rules.deadlines };
    const allowed = acting ? runtime.allowedEvents(runtime.restore(record.snapshot), relation as ActingRelation, this.clock.now().toISOString(), facts) : [];
    if (allowed.length === 0) {
      throw new DomainError(ErrorCode.FORBIDDEN, `You cannot act on case ${record.reference} now, so you cannot attach documents to it`);
    }
  }
}
