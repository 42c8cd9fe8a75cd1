import { randomUUID } from 'node:crypto';
import { Actor, CaseRecord, CaseTimer, DomainError, ErrorCode, Repositories } from '@compact/domain';
import { sealAuditEntry, TimerPlan, Transitioned, WorkflowRuntime } from '@compact/engine';

/** Deletes the timers the step cancelled (and their reminders), then writes the ones it set. */
export async function writeTimerPlan(repos: Repositories, caseId: string, plan: TimerPlan, at: Date): Promise<void> {
  await repos.timers.cancel(caseId, plan.cancel);
  const rows: CaseTimer[] = plan.set.map((t) => ({ ...t, id: randomUUID(), caseId, createdAt: at }));
  await repos.timers.insert(rows);
}

export interface AuditFacts {
  caseId: string;
  at: Date;
  actor: Actor;
  eventType: string;
  fromState: string | null;
  toState: string;
  payload: Record<string, unknown>;
}

/** Appends the next link of the case's hash chain. */
export async function appendAudit(repos: Repositories, facts: AuditFacts): Promise<void> {
  const previous = await repos.audit.last(facts.caseId);
  await repos.audit.append(sealAuditEntry({ ...facts, at: facts.at.toISOString() }, previous));
}

export interface TransitionCommit {
  record: CaseRecord;
  runtime: WorkflowRuntime;
  eventType: string;
  payload: Record<string, unknown>;
  fromPath: string;
  next: Transitioned;
  actor: Actor;
  at: Date;
}

/**
 * Writes one accepted event inside the caller's transaction: the new snapshot under an optimistic
 * version check, any new participant, the timer rows, and the audit entry. Returns the saved case.
 */
export async function commitTransition(repos: Repositories, c: TransitionCommit): Promise<CaseRecord> {
  const { record, next } = c;
  const mediator = c.runtime.definition.mediatorOf(next.snapshot.context);
  const updated: CaseRecord = {
    ...record,
    snapshot: next.persisted,
    stateValue: next.stateValue,
    state: next.state,
    statePath: next.path,
    mediatorOrganisationId: mediator,
    version: record.version + 1,
    updatedAt: c.at,
  };
  if (!(await repos.cases.update(updated, record.version))) {
    throw new DomainError(ErrorCode.VERSION_CONFLICT, `Case ${record.reference} changed while this event was applied; retry`);
  }
  if (mediator && !record.participants.some((p) => p.part === 'mediator' && p.organisationId === mediator)) {
    updated.participants = [...record.participants, { organisationId: mediator, part: 'mediator' }];
    await repos.cases.addParticipants(record.id, [{ organisationId: mediator, part: 'mediator' }]);
  }
  await writeTimerPlan(repos, record.id, next.timers, c.at);
  await appendAudit(repos, {
    caseId: record.id,
    at: c.at,
    actor: c.actor,
    eventType: c.eventType,
    fromState: c.fromPath,
    toState: next.path,
    payload: c.payload,
  });
  return updated;
}
