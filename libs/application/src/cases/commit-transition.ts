import { randomUUID } from 'node:crypto';
import { Actor, AuditEntry, CaseRecord, CaseTimer, DomainError, ErrorCode, Repositories } from '@compact/domain';
import { ChainHead, sealAuditEntry, TimerPlan, Transitioned, WorkflowRuntime } from '@compact/engine';

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

/** The chain head a case records (null before its first entry). */
export function chainHead(record: Pick<CaseRecord, 'auditSeq' | 'auditHead'>): ChainHead | null {
  return record.auditSeq > 0 ? { seq: record.auditSeq, hash: record.auditHead } : null;
}

export function sealFacts(record: Pick<CaseRecord, 'auditSeq' | 'auditHead'>, facts: AuditFacts): AuditEntry {
  return sealAuditEntry({ ...facts, at: facts.at.toISOString() }, chainHead(record));
}

/**
 * Appends an entry that does not change the case (a reminder sent) to its chain, and records the
 * new head on the case. `record` must have been loaded (locked) in this transaction.
 */
export async function appendAudit(repos: Repositories, record: CaseRecord, facts: AuditFacts): Promise<void> {
  const entry = sealFacts(record, facts);
  await repos.audit.append(entry);
  await repos.cases.setAuditHead(record.id, entry.seq, entry.hash);
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
  const entry = sealFacts(record, {
    caseId: record.id,
    at: c.at,
    actor: c.actor,
    eventType: c.eventType,
    fromState: c.fromPath,
    toState: next.path,
    payload: c.payload,
  });
  const mediator = c.runtime.definition.mediatorOf(next.snapshot.context);
  const updated: CaseRecord = {
    ...record,
    snapshot: next.persisted,
    stateValue: next.stateValue,
    state: next.state,
    statePath: next.path,
    mediatorOrganisationId: mediator,
    version: record.version + 1,
    auditSeq: entry.seq,
    auditHead: entry.hash,
    updatedAt: c.at,
  };
  const joining = mediator && !record.participants.some((p) => p.part === 'mediator' && p.organisationId === mediator);
  if (joining) updated.participants = [...record.participants, { organisationId: mediator, part: 'mediator' }];
  if (!(await repos.cases.update(updated, record.version))) {
    throw new DomainError(ErrorCode.VERSION_CONFLICT, `Case ${record.reference} changed while this event was applied; retry`);
  }
  if (joining) await repos.cases.addParticipants(record.id, [{ organisationId: mediator, part: 'mediator' }]);
  await writeTimerPlan(repos, record.id, next.timers, c.at);
  await repos.audit.append(entry);
  return updated;
}
