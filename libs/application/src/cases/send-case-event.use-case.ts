import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, OrganisationKind, Store } from '@compact/domain';
import { organisationReferences, stepCase } from '@compact/engine';
import { actorOf, Caller } from '../auth/caller';
import { CaseMailPlanner } from '../mail/case-mail-planner';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { CaseView } from './case-view';
import { commitTransition } from './commit-transition';
import { loadVisibleCase, viewCase } from './visible-case';

/**
 * Applies one event to one case in ONE transaction: load (locked) -> decide purely -> save the
 * snapshot under a version check, timers and audit entry together. With `expectedVersion`
 * (If-Match) the event applies only to that version.
 */
@Injectable()
export class SendCaseEventUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    private readonly mail: CaseMailPlanner,
  ) {}

  async execute(caller: Caller, caseId: string, body: unknown, expectedVersion?: number): Promise<CaseView> {
    const { type, payload } = splitEventBody(body);
    return this.store.write(async (repos) => {
      const { record, relation } = await loadVisibleCase(repos, caller, caseId, true);
      if (expectedVersion !== undefined && expectedVersion !== record.version) {
        throw new DomainError(
          ErrorCode.VERSION_CONFLICT,
          `The case is at version ${record.version}, not ${expectedVersion}; reload it and decide again`,
          { currentVersion: record.version },
        );
      }
      const runtime = this.registry.get(record.workflowName, record.workflowVersion);
      const at = this.clock.now();
      const referenced = organisationReferences(runtime, type, payload);
      const organisations = new Map<string, OrganisationKind>(
        (await repos.organisations.findByIds(referenced)).map((o) => [o.id, o.kind]),
      );
      const step = stepCase({ runtime, snapshot: runtime.restore(record.snapshot), relation, type, payload, at, organisations });
      const saved = await commitTransition(repos, {
        record,
        runtime,
        eventType: type,
        payload,
        fromPath: step.fromPath,
        next: step.next,
        actor: actorOf(caller),
        at,
      });
      if (saved.state !== record.state) {
        await this.mail.stageChanged(repos, saved, { from: record.state, eventLabel: runtime.definition.events[type].label }, at);
      }
      return viewCase(repos, this.registry, saved, relation, at, step.next.snapshot);
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
