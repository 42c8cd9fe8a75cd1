import { CaseOutcome, CaseRecord } from '@compact/domain';
import { DeadlineDefinition, deadlineOf, InstalledWorkflow } from '@compact/engine';

/** What a case keeps of its own history for the board and the lists, updated by every change. */
export type KeptSummary = Pick<CaseRecord, 'outcome' | 'deadlinesMet' | 'deadlinesMissed' | 'resolvedAt' | 'resolvedStage'>;

export const OPEN_SUMMARY: KeptSummary = { outcome: 'open', deadlinesMet: 0, deadlinesMissed: 0, resolvedAt: null, resolvedStage: null };

/** Whether a deadline of the workflow is one someone meets or misses (not a reminder, not a period that simply runs out). */
function counts(workflow: InstalledWorkflow, def: DeadlineDefinition<unknown>): boolean {
  return def.purpose === 'deadline' && !workflow.reading.periods.includes(def.key);
}

/** Whether a timer is a deadline someone meets or misses (not a reminder, not a period that simply runs out). */
export function countedDeadline(workflow: InstalledWorkflow, key: string): boolean {
  const found = deadlineOf(workflow, key);
  return found !== undefined && counts(workflow, found.def);
}

/**
 * What the deadlines met and missed are, in words, over every installed version (each deadline
 * once, as the newest version that has it words it): what a board's figure counts.
 */
export function countedDeadlineLabels(workflows: readonly InstalledWorkflow[]): string[] {
  const labels = new Map<string, string>();
  for (const workflow of [...workflows].sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version)) {
    for (const def of Object.values(workflow.deadlines)) if (counts(workflow, def)) labels.set(def.key, def.label);
  }
  return [...labels.values()];
}

/** What a change did to a case's deadlines: which it ended, as the case's own workflow reads them. */
export interface DeadlineChange {
  by: 'person' | 'deadline' | 'other';
  eventType: string;
  /** The deadline that passed (a change by a deadline). */
  timerKey?: string;
  /** The deadlines the change cancelled. */
  ended: readonly string[];
}

/**
 * The deadlines one change met and missed (their keys), as the case's own workflow reads them: a
 * deadline firing is missed; a person's event that cancels one meets it, unless the event ends it
 * without answering it (a withdrawal) or as not kept (an agreement reported broken). Raising and
 * migrating end none.
 */
export function endedDeadlines(workflow: InstalledWorkflow, change: DeadlineChange): { met: string[]; missed: string[] } {
  if (change.by === 'deadline') return { met: [], missed: change.timerKey && countedDeadline(workflow, change.timerKey) ? [change.timerKey] : [] };
  if (change.by !== 'person' || workflow.reading.neutralEvents.includes(change.eventType)) return { met: [], missed: [] };
  const ended = change.ended.filter((key) => countedDeadline(workflow, key));
  return workflow.reading.missingEvents.includes(change.eventType) ? { met: [], missed: ended } : { met: ended, missed: [] };
}

/**
 * The summary after a change that left the case with `outcome`: resolved (or settled on an agreement
 * to follow up) when it first gets there, at the stage it came from; reopened or withdrawn, it is
 * not resolved; closed afterwards, it keeps when and where.
 */
export function summaryAfter(
  before: KeptSummary,
  outcome: CaseOutcome,
  tally: { met: number; missed: number },
  at: Date,
  fromPath: string | null,
): KeptSummary {
  let { resolvedAt, resolvedStage } = before;
  if (outcome === 'open' || outcome === 'withdrawn') [resolvedAt, resolvedStage] = [null, null];
  else if ((outcome === 'monitoring' || outcome === 'resolved') && resolvedAt === null) {
    [resolvedAt, resolvedStage] = [at, fromPath ? fromPath.split('.')[0] : null];
  }
  return {
    outcome,
    deadlinesMet: before.deadlinesMet + tally.met,
    deadlinesMissed: before.deadlinesMissed + tally.missed,
    resolvedAt,
    resolvedStage,
  };
}
