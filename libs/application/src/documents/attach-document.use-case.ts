import { Inject, Injectable } from '@nestjs/common';
import { ActingRelation, citationOf, DocumentCitation, DomainError, ErrorCode, Repositories, Store } from '@compact/domain';
import { APP_CONFIG } from '../application.tokens';
import { Caller } from '../auth/caller';
import { AppConfig } from '../config/app-config';
import { loadVisibleCase } from '../cases/visible-case';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { prepareDocuments } from './prepare-document';
import { attachmentsOf, storeDocuments } from './store-documents';
import { UploadedFile } from './uploaded-file';

/**
 * Attaches uploaded files to a case, pending until an event cites them: each judged and its
 * limits checked (prepareDocument), then the bytes stored once under their sha256 and the
 * attachments written, all in one transaction. A refusal of any file writes nothing. Only a person
 * who may send an event on the case now may attach.
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
    const [attached] = await this.executeAll(caller, caseId, [file]);
    return attached;
  }

  /** Several files at once (a page's form): all attached, or, at the first refusal, none. */
  async executeAll(caller: Caller, caseId: string, files: readonly UploadedFile[]): Promise<DocumentCitation[]> {
    const limits = this.config.documentLimits;
    const prepared = await prepareDocuments(files, limits);
    return this.store.write(async (repos) => {
      await this.mayAttach(repos, caller, caseId);
      const attachments = attachmentsOf(prepared, caseId, { userId: caller.user.id, organisationId: caller.user.organisationId }, this.clock.now(), null);
      await storeDocuments(repos, attachments, limits.caseBytes);
      return attachments.map((a) => citationOf(a.document));
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
