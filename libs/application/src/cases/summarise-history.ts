import { ActingRelation, AuditEntry } from '@compact/domain';
import { InstalledWorkflow, WorkflowRuntime } from '@compact/engine';
import type { AnyMachineSnapshot } from 'xstate';
import { endedDeadlines, KeptSummary, OPEN_SUMMARY, summaryAfter } from './case-summary';

/** The relation an audit entry's actor stood in, as the machine was told it. */
function relationOf(entry: AuditEntry, claimant: unknown): ActingRelation {
  if (entry.actor.type === 'system') return 'system';
  if (entry.actor.type === 'cli') return 'admin';
  if (entry.actor.role === 'admin') return 'admin';
  if (entry.actor.role === 'mediator') return 'mediator';
  return entry.actor.organisationId === claimant ? 'claimant' : 'respondent';
}

/** Told, for each recorded change replayed, the deadlines it let pass and the case's context (and mediator) just before it. */
export type ReplayObserver = (entry: AuditEntry, missed: readonly string[], before: { context: unknown; mediator: string | null }) => void;

/**
 * A case's summary replayed from its audit trail through its own workflow version, exactly as the
 * one path of every change would have kept it: each recorded event is applied again (purely) and
 * the deadlines it set, cancelled or let pass are counted the same way (and shown to `observe`).
 */
export function summariseHistory(runtime: WorkflowRuntime, entries: AuditEntry[], observe?: ReplayObserver): KeptSummary {
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
    const keys =
      entry.eventType === 'CASE_RAISED'
        ? { met: [], missed: [] }
        : endedDeadlines(workflow, { by: isSystem ? 'deadline' : 'person', eventType: entry.eventType, timerKey: isSystem ? String(entry.payload.timer) : undefined, ended });
    const tally = { met: keys.met.length, missed: keys.missed.length };
    if (observe && snapshot && keys.missed.length > 0) observe(entry, keys.missed, { context: snapshot.context, mediator: workflow.mediatorOf(snapshot.context) });
    summary = summaryAfter(summary, workflow.reading.outcomeOf(next.state, next.snapshot.context), tally, new Date(entry.at), entry.fromState);
    snapshot = next.snapshot;
  }
  return summary;
}
