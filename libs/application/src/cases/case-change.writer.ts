import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, CaseDocument, CaseParticipant, CaseRecord, CaseTimer, citationOf, DomainError, ErrorCode, Repositories } from '@compact/domain';
import { InstalledWorkflow, TimerPlan, Transitioned, WorkflowRuntime } from '@compact/engine';
import { audienceOf } from '../confidential/confidential-entries';
import { FeedbackInvitationPlanner } from '../feedback/feedback-invitation-planner';
import { CaseMailPlanner } from '../mail/case-mail-planner';
import { sealFacts } from './audit-facts';
import { whoMissed } from '../board/missed-deadlines';
import { endedDeadlines, summaryAfter } from './case-summary';
import { moveTimers } from './timer-extensions';

/** The top-level stage of a state path (`negotiation` of `negotiation.discussing`), as the board counts stays in it. */
const stageOf = (path: string) => path.split('.')[0];

/** What made the case change: a person's event, a deadline passing, the case being raised, or a migration. */
export type ChangeCause =
  | { kind: 'event' }
  | { kind: 'deadline'; timer: CaseTimer }
  | { kind: 'raised'; raisedBy: string }
  | { kind: 'migration'; keep: ReadonlyMap<string, CaseTimer> };

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
  /** Documents attached to the case that the event cites (recorded in its audit entry by sha256). */
  documents?: CaseDocument[];
}

/**
 * The one path by which a case changes (a person's event, a deadline that passed, the case being
 * raised, a migration to another workflow version): inside the caller's transaction it writes the
 * snapshot (a new row, or an update under an optimistic version check), any new participant, the
 * timer plan (including agreed extensions), the audit entry with the chain head, the case's summary
 * for the board and lists (and, when it moves to another top-level stage, the stay it ends; when it lets a deadline
 * pass, who had to meet it), and the mail the change causes (with, when it ends the case, the
 * invitations to give feedback), and the documents the change cites. Decisions are made before, purely.
 */
@Injectable()
export class CaseChangeWriter {
  constructor(
    private readonly mail: CaseMailPlanner,
    private readonly feedback: FeedbackInvitationPlanner,
  ) {}

  /** Raises a case: `record` is the new case (version 1, no audit entry yet) at its first state. */
  async start(repos: Repositories, record: CaseRecord, change: CaseChange): Promise<CaseRecord> {
    const entry = this.seal(record, change, change.payload);
    const started = { ...this.advance(record, change, { met: 0, missed: 0 }), version: 1, auditSeq: entry.seq, auditHead: entry.hash };
    await repos.cases.insert(started);
    await this.insertTimers(repos, started.id, change.next.timers.set, change.at, new Map());
    await repos.audit.append(entry);
    await repos.board.enterStage(started.id, stageOf(started.statePath), entry.seq, change.at, { raised: true });
    await this.mail.caseChanged(repos, null, started, change);
    return started;
  }

  /** Applies a change to a case loaded (locked) in this transaction; VERSION_CONFLICT if it moved meanwhile. */
  async apply(repos: Repositories, record: CaseRecord, change: CaseChange): Promise<CaseRecord> {
    const plan = change.next.timers;
    const cancelled = await repos.timers.cancel(record.id, plan.cancel);
    const moved = await moveTimers(repos, record, change.runtime, plan.extend, change.at);
    const keep = change.cause.kind === 'migration' ? change.cause.keep : new Map<string, CaseTimer>();
    await this.insertTimers(repos, record.id, plan.set, change.at, keep);
    const documents = change.documents ?? [];
    const withMoves = moved.length > 0 ? { ...change.payload, deadlinesMoved: moved } : change.payload;
    const payload = documents.length > 0 ? { ...withMoves, documents: documents.map(citationOf) } : withMoves;
    const entry = this.seal(record, change, payload);
    const ended = this.ended(change, cancelled);
    const tally = { met: ended.met.length, missed: ended.missed.length };
    const updated = { ...this.advance(record, change, tally), version: record.version + 1, auditSeq: entry.seq, auditHead: entry.hash };
    const joining = updated.participants.filter((p) => !record.participants.some((q) => q.part === p.part && q.organisationId === p.organisationId));
    if (!(await repos.cases.update(updated, record.version))) {
      throw new DomainError(ErrorCode.VERSION_CONFLICT, `Case ${record.reference} changed while this event was applied; retry`);
    }
    await repos.cases.addParticipants(record.id, joining);
    await repos.audit.append(entry);
    await repos.documents.markCited(documents.filter((d) => d.citedSeq === null).map((d) => d.id), entry.seq, audienceOf(entry));
    if (ended.missed.length > 0) {
      // Who had to meet them: the case's own workflow asked of the case as it was before this change.
      const parties = { claimant: record.claimantOrganisationId, respondent: record.respondentOrganisationId, mediator: record.mediatorOrganisationId };
      const context = (record.snapshot as { context?: unknown }).context;
      await repos.board.recordMissedDeadlines(record.id, entry.seq, change.at, whoMissed(change.runtime.definition as InstalledWorkflow, ended.missed, context, parties));
    }
    if (stageOf(updated.statePath) !== stageOf(record.statePath)) {
      await repos.board.enterStage(record.id, stageOf(updated.statePath), entry.seq, change.at, { raised: false });
    }
    await this.mail.caseChanged(repos, record, updated, change);
    await this.feedback.caseChanged(repos, record, updated, change);
    return updated;
  }

  private seal(record: CaseRecord, change: CaseChange, payload: Record<string, unknown>) {
    return sealFacts(record, {
      caseId: record.id,
      at: change.at,
      actor: change.actor,
      eventType: change.eventType,
      fromState: change.fromPath,
      toState: change.next.path,
      payload,
    });
  }

  /** Deadlines this change met and missed, as the case's own workflow reads them. */
  private ended(change: CaseChange, cancelled: Array<Pick<CaseTimer, 'key' | 'purpose'>>): { met: string[]; missed: string[] } {
    const by = change.cause.kind === 'event' ? 'person' : change.cause.kind === 'deadline' ? 'deadline' : 'other';
    const timerKey = change.cause.kind === 'deadline' ? change.cause.timer.key : undefined;
    const ended = cancelled.filter((t) => t.purpose === 'deadline').map((t) => t.key);
    return endedDeadlines(change.runtime.definition as InstalledWorkflow, { by, eventType: change.eventType, timerKey, ended });
  }

  /** The record at the new state: snapshot, derived fields, its summary, and the mediator who joined (if any). */
  private advance(record: CaseRecord, change: CaseChange, tally: { met: number; missed: number }): CaseRecord {
    const { next, runtime } = change;
    const workflow = runtime.definition as InstalledWorkflow;
    const mediator = workflow.mediatorOf(next.snapshot.context);
    const participants: CaseParticipant[] =
      mediator && !record.participants.some((p) => p.part === 'mediator' && p.organisationId === mediator)
        ? [...record.participants, { organisationId: mediator, part: 'mediator' }]
        : record.participants;
    const outcome = workflow.reading.outcomeOf(next.state, next.snapshot.context);
    const summary = summaryAfter(record, outcome, tally, change.at, change.fromPath);
    return {
      ...record,
      workflowName: workflow.name,
      workflowVersion: workflow.version,
      snapshot: next.persisted,
      stateValue: next.stateValue,
      state: next.state,
      statePath: next.path,
      mediatorOrganisationId: mediator,
      participants,
      ...summary,
      updatedAt: change.at,
    };
  }

  /** Writes the timers the step set; on a migration a deadline already given keeps its due time. */
  private async insertTimers(repos: Repositories, caseId: string, set: TimerPlan['set'], at: Date, keep: ReadonlyMap<string, CaseTimer>): Promise<void> {
    const rows: CaseTimer[] = set.map((t) => {
      const given = keep.get(t.key);
      const timing = given
        ? { dueAt: given.dueAt, dueDate: given.dueDate, rule: given.rule, calendarId: given.calendarId, extendedDays: given.extendedDays }
        : {};
      return { ...t, ...timing, id: randomUUID(), caseId, createdAt: given?.createdAt ?? at };
    });
    await repos.timers.insert(rows);
  }
}
