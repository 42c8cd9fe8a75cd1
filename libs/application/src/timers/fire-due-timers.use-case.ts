import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CaseRecord, CaseTimer, DomainError, ErrorCode, SYSTEM_ACTOR, Store } from '@compact/domain';
import { REMINDER_EVENT, StepResult, stepCase, WorkflowRuntime } from '@compact/engine';
import { APP_CONFIG } from '../application.tokens';
import { CaseChangeWriter } from '../cases/case-change.writer';
import { AppConfig } from '../config/app-config';
import { CaseMailPlanner } from '../mail/case-mail-planner';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';

/**
 * The workflow's decision on a due deadline, through the same pure step as a person's event (the
 * system as sender, no payload); null when the case no longer takes it (its state was left).
 */
function decideTimer(runtime: WorkflowRuntime, record: CaseRecord, timer: CaseTimer, at: Date): StepResult | null {
  try {
    const snapshot = runtime.restore(record.snapshot);
    return stepCase({ runtime, snapshot, relation: 'system', type: timer.eventType, payload: {}, at, organisations: new Map(), timer: timer.key });
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.TRANSITION_NOT_ALLOWED) return null;
    throw error;
  }
}

/** Cases whose due timers are applied at the same time. */
const CONCURRENT_CASES = 16;

function groupByCase(timers: CaseTimer[]): Map<string, CaseTimer[]> {
  const chains = new Map<string, CaseTimer[]>();
  for (const t of timers) chains.set(t.caseId, [...(chains.get(t.caseId) ?? []), t]);
  return chains;
}

export type TimerOutcome = 'fired' | 'reminded' | 'stale' | 'gone' | 'busy';

export interface TimerRunReport {
  fired: number;
  reminded: number;
  stale: number;
  /** Timers left for a later poll because their case was busy (an event or another instance held it). */
  busy: number;
  /** Timers claimed that had already been applied or cancelled elsewhere (work another instance did). */
  gone: number;
  errors: number;
}

/**
 * Applies due timers, oldest first (in due order within each case). Each timer is claimed, applied and deleted in ONE transaction,
 * through the same path as any event (CaseChangeWriter; the actor is the system): it takes effect at most once, and a
 * crash before the commit leaves it to fire after restart. A timer whose event the case no longer
 * accepts (its state was left) is deleted and recorded nowhere.
 */
@Injectable()
export class FireDueTimersUseCase {
  private readonly logger = new Logger('Timers');

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    private readonly mail: CaseMailPlanner,
    private readonly writer: CaseChangeWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The owner of this poller's claims: unique to it, and readable by an operator (host and process). */
  readonly instanceId = `${hostname().slice(0, 30)}:${process.pid}:${randomUUID().slice(0, 8)}`;

  /** How long a claim holds (TIMER_CLAIM_MS): far longer than applying a batch takes, short enough that a dead instance's timers are soon taken up. */
  private get leaseMs(): number {
    return this.config.timerClaimMs;
  }

  /**
   * One poll: claims batches of due timers for this instance (other instances polling at the same
   * time claim others) and applies them, until none is due. Timers left for later (their case
   * busy, or an error) are freed for the next poll when the run ends. Once `stopping()` answers
   * true (the instance shuts down), the run finishes the batch it has claimed and claims no more.
   */
  async runOnce(stopping: () => boolean = () => false): Promise<TimerRunReport> {
    const report: TimerRunReport = { fired: 0, reminded: 0, stale: 0, busy: 0, gone: 0, errors: 0 };
    const batch = this.config.timerBatchSize;
    try {
      for (;;) {
        if (stopping()) return report;
        const now = this.clock.now();
        const due = await this.store.write((r) => r.timers.claimDue(now, batch, this.instanceId, new Date(now.getTime() + this.leaseMs)));
        if (due.length === 0) return report;
        // One chain per case, in due order; different cases go ahead together (on SQLite their
        // transactions are then committed as one group), at most CONCURRENT_CASES at a time.
        const chains = [...groupByCase(due).values()];
        let next = 0;
        const worker = async () => {
          while (next < chains.length) {
            for (const timer of chains[next++]) await this.fireCounted(timer, report);
          }
        };
        await Promise.all(Array.from({ length: Math.min(CONCURRENT_CASES, chains.length) }, worker));
        if (due.length < batch) return report;
      }
    } finally {
      if (report.busy + report.errors > 0) await this.store.write((r) => r.timers.releaseClaims(this.instanceId));
    }
  }

  /** At shutdown: the claims this instance still holds are freed, so other instances take those timers at once. */
  async releaseOwnClaims(): Promise<number> {
    return this.store.write((r) => r.timers.releaseClaims(this.instanceId));
  }

  /** At start-up: claims are only hints, so those left by instances that stopped (this one's last run included) are freed at once. */
  async releaseAllClaims(): Promise<number> {
    return this.store.write((r) => r.timers.releaseClaims(null));
  }

  private async fireCounted(timer: CaseTimer, report: TimerRunReport): Promise<void> {
    try {
      report[await this.fire(timer)] += 1;
    } catch (error) {
      report.errors += 1;
      this.logger.error(`Timer ${timer.key} of case ${timer.caseId} failed and stays queued: ${(error as Error).stack}`);
    }
  }

  /**
   * Claims one timer and applies it; `gone` when it already fired or was cancelled; `busy` (left
   * for the next poll) when its case or its row is held by an event or by another instance, so no
   * worker ever waits behind another. Locks are taken in the same order as
   * an event's (case, then timers).
   */
  fire(due: Pick<CaseTimer, 'id' | 'caseId'>): Promise<TimerOutcome> {
    return this.store.write(async (repos) => {
      const locked = await repos.cases.lockIfFree(due.caseId);
      if (locked === 'busy') return 'busy';
      const record = locked;
      const timer = await repos.timers.claim(due.id);
      if (!timer) return 'gone';
      if (timer === 'locked') return 'busy';
      // An earlier timer of this case is being applied by another poll: this one follows it, later.
      if (await repos.timers.earlierHeldElsewhere(timer, this.instanceId, this.clock.now())) return 'busy';
      await repos.timers.delete(timer.id);
      if (!record) return 'gone';
      const at = this.clock.now();
      if (timer.eventType === REMINDER_EVENT) {
        await this.mail.deadlineReminder(repos, record, timer, at);
        return 'reminded';
      }
      const runtime = this.registry.runtimeFor(record);
      const step = decideTimer(runtime, record, timer, at);
      if (!step) return 'stale';
      await this.writer.apply(repos, record, {
        runtime,
        eventType: timer.eventType,
        payload: { timer: timer.key, dueAt: timer.dueAt.toISOString(), dueDate: timer.dueDate, rule: timer.rule, calendarId: timer.calendarId },
        fromPath: step.fromPath,
        next: step.next,
        actor: SYSTEM_ACTOR,
        at,
        cause: { kind: 'deadline', timer },
      });
      return 'fired';
    });
  }
}
