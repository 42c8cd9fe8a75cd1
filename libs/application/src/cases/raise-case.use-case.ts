import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CaseKind,
  CaseRecord,
  checkCitations,
  citationOf,
  checkSides,
  DomainError,
  ErrorCode,
  FieldError,
  sideOfKind,
  Store,
} from '@compact/domain';
import { toLondonDate } from '@compact/calendar';
import { APP_CONFIG } from '../application.tokens';
import { actorOf, Caller } from '../auth/caller';
import { AppConfig } from '../config/app-config';
import { prepareDocuments } from '../documents/prepare-document';
import { attachmentsOf, storeDocuments } from '../documents/store-documents';
import { UploadedFile } from '../documents/uploaded-file';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { CaseChangeWriter } from './case-change.writer';
import { CaseView } from './case-view';
import { viewCase } from './visible-case';
import { answer, CalculatorQuestion, evidenceOf } from '../tools/calculator-answers';

export interface RaiseCaseInput {
  respondentOrganisationId: string;
  kind: CaseKind;
  title: string;
  summary: string;
  desiredOutcome?: string | null;
  becameAwareOn: string;
  /** The date of the decision the case is about, if it is about one (workflows that count judicial review's time limit from it). */
  decisionDate?: string | null;
  undertakings: string[];
  /**
   * The calculator the case comes from (the pages' "raise a case about this"), with its dates only:
   * the result is worked out again here and recorded in the first audit entry as evidence.
   */
  calculator?: CalculatorQuestion | null;
}

/**
 * A party raises a breach or disagreement against another organisation; the case starts its
 * workflow. Files given with it (the pages' form) are judged as any attachment is, and become part
 * of the case in the same transaction, cited by its first audit entry.
 */
@Injectable()
export class RaiseCaseUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    private readonly writer: CaseChangeWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(caller: Caller, input: RaiseCaseInput, files: readonly UploadedFile[] = []): Promise<CaseView> {
    const { user } = caller;
    if (user.role !== 'party' || !user.organisationId) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only a party (a user acting for a VCS organisation or a public body) raises cases');
    }
    const claimantId = user.organisationId;
    const now = this.clock.now();
    const compact = this.registry.compact;
    const workflow = this.registry.default;
    const rules = this.registry.rulesInForce();
    const runtime = this.registry.runtime(workflow.name, workflow.version, rules);
    // Never the client's result: only its dates, checked and computed again.
    const calculator = input.calculator ? evidenceOf(answer(compact, input.calculator, 'calculator.')) : null;
    const limits = this.config.documentLimits;
    const prepared = await prepareDocuments(files, limits);
    return this.store.write(async (repos) => {
      const respondent = await repos.organisations.findById(input.respondentOrganisationId);
      const errors: FieldError[] = [];
      if (input.becameAwareOn > toLondonDate(now)) errors.push({ field: 'becameAwareOn', message: 'must not be in the future' });
      if (input.decisionDate && input.decisionDate > toLondonDate(now)) errors.push({ field: 'decisionDate', message: 'must not be in the future' });
      const respondentSide = respondent ? sideOfKind(respondent.kind) : null;
      if (!respondent) {
        errors.push({ field: 'respondentOrganisationId', message: `no organisation has the id '${input.respondentOrganisationId}'` });
      } else if (respondent.id === claimantId) {
        errors.push({ field: 'respondentOrganisationId', message: 'a case is raised against another organisation, not your own' });
      } else if (!respondentSide) {
        errors.push({ field: 'respondentOrganisationId', message: 'a mediator organisation cannot be a respondent' });
      } else {
        const claimant = await repos.organisations.findById(claimantId);
        errors.push(...checkSides(input.kind, claimant ? sideOfKind(claimant.kind) : null, respondentSide));
        errors.push(...checkCitations(compact, input.kind, respondentSide, input.undertakings));
      }
      if (errors.length > 0) throw DomainError.validation(errors);

      const year = Number(toLondonDate(now).slice(0, 4));
      const number = await repos.cases.nextReferenceNumber(compact.catalog.id, year);
      const started = runtime.start({
        kind: input.kind,
        becameAwareOn: input.becameAwareOn,
        decisionDate: input.decisionDate ?? null,
        at: now.toISOString(),
      });
      const record: CaseRecord = {
        id: randomUUID(),
        reference: `${compact.catalog.id.toUpperCase()}-${year}-${String(number).padStart(4, '0')}`,
        compactId: compact.catalog.id,
        workflowName: runtime.definition.name,
        workflowVersion: runtime.definition.version,
        kind: input.kind,
        title: input.title.trim(),
        summary: input.summary,
        desiredOutcome: input.desiredOutcome ?? null,
        becameAwareOn: input.becameAwareOn,
        claimantOrganisationId: claimantId,
        respondentOrganisationId: respondent!.id,
        mediatorOrganisationId: null,
        undertakingIds: input.undertakings,
        state: started.state,
        statePath: started.path,
        stateValue: started.stateValue,
        snapshot: started.persisted,
        version: 1,
        auditSeq: 0,
        auditHead: '',
        participants: [
          { organisationId: claimantId, part: 'claimant' },
          { organisationId: respondent!.id, part: 'respondent' },
        ],
        rules,
        outcome: 'open',
        deadlinesMet: 0,
        deadlinesMissed: 0,
        resolvedAt: null,
        resolvedStage: null,
        createdByUserId: user.id,
        createdAt: now,
        updatedAt: now,
      };
      // Cited by the first entry (seq 1), so stored only once the case row is there.
      const attachments = attachmentsOf(prepared, record.id, { userId: user.id, organisationId: claimantId }, now, 1);
      const raised = await this.writer.start(repos, record, {
        runtime,
        eventType: 'CASE_RAISED',
        payload: {
          reference: record.reference,
          kind: record.kind,
          title: record.title,
          summary: record.summary,
          desiredOutcome: record.desiredOutcome,
          becameAwareOn: record.becameAwareOn,
          ...(input.decisionDate ? { decisionDate: input.decisionDate } : {}),
          claimantOrganisationId: claimantId,
          respondentOrganisationId: record.respondentOrganisationId,
          undertakings: record.undertakingIds,
          workflow: runtime.key,
          rules,
          ...(calculator ? { calculator } : {}),
          ...(attachments.length > 0 ? { documents: attachments.map((a) => citationOf(a.document)) } : {}),
        },
        fromPath: null,
        next: started,
        actor: actorOf(caller),
        at: now,
        cause: { kind: 'raised', raisedBy: user.name },
      });
      await storeDocuments(repos, attachments, limits.caseBytes);
      return viewCase(repos, this.registry, raised, 'claimant', now);
    });
  }
}
