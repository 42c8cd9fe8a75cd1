import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, CaseParticipant, CaseRecord, CaseTimer, DomainError, ErrorCode, Repositories } from '@compact/domain';
import { TimerPlan, Transitioned, WorkflowRuntime } from '@compact/engine';
import { CaseMailPlanner } from '../mail/case-mail-planner';
import { sealFacts } from './audit-facts';

/** What made the case change: a person's event, a deadline passing, or the case being raised. */
export type ChangeCause = { kind: 'event' } | { kind: 'deadline'; timer: CaseTimer } | { kind: 'raised'; raisedBy: string };

/** One decided change of a case, ready to be written. */
export interface CaseChange {
  runtime: WorkflowRuntime;
  /** The event recorded in the audit trail (`CASE_RAISED` when the case starts). */
  eventType: string;
  payload: Record<string, unknown>;
  /** Null when the case is being raised. */
  fromPath: string | null;
  next: Transitioned;
  actor: Actor;
  at: Date;
  cause: ChangeCause;
}

/**
 * The one path by which a case changes (a person's event, a deadline that passed, the case being
 * raised): inside the caller's transaction it writes the snapshot (a new row, or an update under an
 * optimistic version check), any new participant, the timer plan, the audit entry with the chain
 * head, and the mail the change causes. Decisions are made before, purely, by the workflow.
 */
@Injectable()
export class CaseChangeWriter {
  constructor(private readonly mail: CaseMailPlanner) {}

  /** Raises a case: `record` is the new case (version 1, no audit entry yet) at its first state. */
  async start(repos: Repositories, record: CaseRecord, change: CaseChange): Promise<CaseRecord> {
    const entry = this.seal(record, change);
    const started: CaseRecord = { ...this.advance(record, change), version: 1, auditSeq: entry.seq, auditHead: entry.hash };
    await repos.cases.insert(started);
    await this.writeTimers(repos, started.id, change.next.timers, change.at);
    await repos.audit.append(entry);
    await this.mail.caseChanged(repos, null, started, change);
    return started;
  }

  /** Applies a change to a case loaded (locked) in this transaction; VERSION_CONFLICT if it moved meanwhile. */
  async apply(repos: Repositories, record: CaseRecord, change: CaseChange): Promise<CaseRecord> {
    const entry = this.seal(record, change);
    const updated: CaseRecord = { ...this.advance(record, change), version: record.version + 1, auditSeq: entry.seq, auditHead: entry.hash };
    const joining = updated.participants.filter((p) => !record.participants.some((q) => q.part === p.part && q.organisationId === p.organisationId));
    if (!(await repos.cases.update(updated, record.version))) {
      throw new DomainError(ErrorCode.VERSION_CONFLICT, `Case ${record.reference} changed while this event was applied; retry`);
    }
    await repos.cases.addParticipants(record.id, joining);
    await this.writeTimers(repos, record.id, change.next.timers, change.at);
    await repos.audit.append(entry);
    await this.mail.caseChanged(repos, record, updated, change);
    return updated;
  }

  private seal(record: CaseRecord, change: CaseChange) {
    return sealFacts(record, {
      caseId: record.id,
      at: change.at,
      actor: change.actor,
      eventType: change.eventType,
      fromState: change.fromPath,
      toState: change.next.path,
      payload: change.payload,
    });
  }

  /** The record at the new state: snapshot, derived fields, and the mediator who joined (if any). */
  private advance(record: CaseRecord, change: CaseChange): CaseRecord {
    const { next, runtime } = change;
    const mediator = runtime.definition.mediatorOf(next.snapshot.context);
    const participants: CaseParticipant[] =
      mediator && !record.participants.some((p) => p.part === 'mediator' && p.organisationId === mediator)
        ? [...record.participants, { organisationId: mediator, part: 'mediator' }]
        : record.participants;
    return {
      ...record,
      workflowName: runtime.definition.name,
      workflowVersion: runtime.definition.version,
      snapshot: next.persisted,
      stateValue: next.stateValue,
      state: next.state,
      statePath: next.path,
      mediatorOrganisationId: mediator,
      participants,
      updatedAt: change.at,
    };
  }

  /** Deletes the timers the step cancelled (and their reminders), then writes the ones it set. */
  private async writeTimers(repos: Repositories, caseId: string, plan: TimerPlan, at: Date): Promise<void> {
    await repos.timers.cancel(caseId, plan.cancel);
    const rows: CaseTimer[] = plan.set.map((t) => ({ ...t, id: randomUUID(), caseId, createdAt: at }));
    await repos.timers.insert(rows);
  }
}
