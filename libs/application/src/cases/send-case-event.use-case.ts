import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, OrganisationKind, Store } from '@compact/domain';
import { CONFIDENTIAL_NOTE, organisationReferences, stepCase } from '@compact/engine';
import { APP_CONFIG } from '../application.tokens';
import { actorOf, Caller } from '../auth/caller';
import { AppConfig } from '../config/app-config';
import { citedDocuments } from '../documents/cited-documents';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { CaseChangeWriter } from './case-change.writer';
import { CaseView } from './case-view';
import { loadVisibleCase, viewCase } from './visible-case';

/**
 * Applies one event to one case in ONE transaction: load (locked) -> decide purely -> write the
 * change (CaseChangeWriter: snapshot under a version check, timers, audit entry, mail). With `expectedVersion`
 * (If-Match) the event applies only to that version. The documents it cites become part of the
 * case in the same transaction, their sha256 recorded in its audit entry.
 */
@Injectable()
export class SendCaseEventUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    private readonly writer: CaseChangeWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(caller: Caller, caseId: string, body: unknown, expectedVersion?: number): Promise<CaseView> {
    // Any event may cite documents attached to the case; the workflow decides on the rest.
    const { type, payload: { documents: cited, ...payload } } = splitEventBody(body);
    return this.store.write(async (repos) => {
      const { record, relation } = await loadVisibleCase(repos, caller, caseId, true);
      if (expectedVersion !== undefined && expectedVersion !== record.version) {
        throw new DomainError(
          ErrorCode.VERSION_CONFLICT,
          `The case is at version ${record.version}, not ${expectedVersion}; reload it and decide again`,
          { currentVersion: record.version },
        );
      }
      const confidential = type === CONFIDENTIAL_NOTE;
      const limit = this.config.documentLimits.filesPerEvent;
      const documents = await citedDocuments(repos, caller, relation, { caseId: record.id, confidential }, cited, limit);
      const runtime = this.registry.runtimeFor(record);
      const at = this.clock.now();
      const timers = await repos.timers.listByCase(record.id);
      const referenced = organisationReferences(runtime, type, payload);
      const organisations = new Map<string, OrganisationKind>(
        (await repos.organisations.findByIds(referenced)).map((o) => [o.id, o.kind]),
      );
      const facts = { timers, deadlines: record.rules.deadlines };
      const step = stepCase({ runtime, snapshot: runtime.restore(record.snapshot), relation, type, payload, at, organisations, facts });
      const saved = await this.writer.apply(repos, record, {
        runtime,
        eventType: type,
        payload: step.recorded ?? payload,
        fromPath: step.fromPath,
        next: step.next,
        actor: actorOf(caller),
        at,
        cause: { kind: 'event' },
        documents,
      });
      // An event that set, cancelled and moved no deadline (a note, most often) left the timers as
      // read above: the view answers with those rather than reading them again.
      const plan = step.next.timers;
      const unchanged = plan.set.length === 0 && plan.cancel.length === 0 && plan.extend.length === 0;
      return viewCase(repos, this.registry, saved, relation, at, step.next.snapshot, unchanged ? timers : undefined);
    });
  }
}

/** `{ "type": "...", ...payload }` -> its parts, or VALIDATION_FAILED. */
export function splitEventBody(body: unknown): { type: string; payload: Record<string, unknown> } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw DomainError.validation([{ field: '(body)', message: 'must be a JSON object { "type": "...", ...fields }' }]);
  }
  const { type, ...payload } = body as Record<string, unknown>;
  if (typeof type !== 'string' || type === '') {
    throw DomainError.validation([{ field: 'type', message: 'is required: the name of the event, e.g. ACKNOWLEDGE' }]);
  }
  return { type, payload };
}
