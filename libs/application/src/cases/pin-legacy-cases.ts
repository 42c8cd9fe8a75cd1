import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ActingRelation, AuditEntry, Repositories, Store } from '@compact/domain';
import { InstalledWorkflow, WorkflowRuntime } from '@compact/engine';
import type { AnyMachineSnapshot } from 'xstate';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { KeptSummary, OPEN_SUMMARY, summaryAfter, tallyChange } from './case-summary';

const BATCH = 200;

/** The relation an audit entry's actor stood in, as the machine was told it. */
function relationOf(entry: AuditEntry, claimant: unknown): ActingRelation {
  if (entry.actor.type === 'system') return 'system';
  if (entry.actor.type === 'cli') return 'admin';
  if (entry.actor.role === 'admin') return 'admin';
  if (entry.actor.role === 'mediator') return 'mediator';
  return entry.actor.organisationId === claimant ? 'claimant' : 'respondent';
}

/**
 * A case's summary replayed from its audit trail through its own workflow version, exactly as the
 * one path of every change would have kept it: each recorded event is applied again (purely) and
 * the deadlines it set, cancelled or let pass are counted the same way.
 */
export function summariseHistory(runtime: WorkflowRuntime, entries: AuditEntry[]): KeptSummary {
  const workflow = runtime.definition as InstalledWorkflow;
  let summary = OPEN_SUMMARY;
  let snapshot: AnyMachineSnapshot | null = null;
  let claimant: unknown = null;
  const pending = new Set<string>();
  for (const entry of entries) {
    let next;
    if (entry.eventType === 'CASE_RAISED') {
      const p = entry.payload;
      claimant = p.claimantOrganisationId;
      next = runtime.start({ kind: p.kind as 'breach', becameAwareOn: String(p.becameAwareOn), decisionDate: (p.decisionDate as string) ?? null, at: entry.at });
    } else if (snapshot && Object.hasOwn(workflow.events, entry.eventType)) {
      const by = relationOf(entry, claimant);
      const timer = by === 'system' ? String(entry.payload.timer) : undefined;
      const payload = by === 'system' ? {} : entry.payload;
      next = runtime.apply(snapshot, { type: entry.eventType, ...payload, meta: { at: entry.at, by, ...(timer ? { timer } : {}) } });
    } else {
      continue;
    }
    const ended = next.timers.cancel.filter((key) => pending.has(key));
    for (const key of next.timers.cancel) pending.delete(key);
    for (const t of next.timers.set) if (t.purpose === 'deadline') pending.add(t.key);
    const isSystem = entry.actor.type === 'system';
    const tally =
      entry.eventType === 'CASE_RAISED'
        ? { met: 0, missed: 0 }
        : tallyChange(workflow, { by: isSystem ? 'deadline' : 'person', eventType: entry.eventType, timerKey: isSystem ? String(entry.payload.timer) : undefined, ended });
    summary = summaryAfter(summary, workflow.reading.outcomeOf(next.state, next.snapshot.context), tally, new Date(entry.at), entry.fromState);
    snapshot = next.snapshot;
  }
  return summary;
}

/**
 * Cases written before cases recorded their rules and summary get them once, when the service (or
 * the CLI) starts, before anything else reads them: the rules in force at that start (the best
 * that is known of when they were raised) and the summary replayed from their audit trail.
 */
@Injectable()
export class PinLegacyCases implements OnModuleInit {
  private readonly logger = new Logger('Upgrade');

  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    let pinned = 0;
    for (;;) {
      const done = await this.store.write((repos) => this.pinBatch(repos));
      pinned += done;
      if (done < BATCH) break;
    }
    if (pinned > 0) this.logger.log(`Recorded the rules and summary of ${pinned} case(s) written by an earlier release`);
  }

  private async pinBatch(repos: Repositories): Promise<number> {
    const rules = this.registry.rulesInForce();
    const cases = await repos.cases.listUnpinned(BATCH);
    for (const c of cases) {
      const runtime = this.registry.runtime(c.workflowName, c.workflowVersion, rules);
      await repos.cases.pin(c.id, rules, summariseHistory(runtime, await repos.audit.listByCase(c.id)));
    }
    return cases.length;
  }
}
