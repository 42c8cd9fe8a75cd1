import { WorkingDayCalendar, WorkingDayDeadlineClock } from '@compact/calendar';
import { ActingRelation, DEFAULT_COMPACT_DEADLINES } from '@compact/domain';
import { statePath, WorkflowRuntime } from '@compact/engine';
import { compactDisputeV1 } from '@compact/workflows';
import type { AnyMachineSnapshot } from 'xstate';
import { getSimplePaths } from 'xstate/graph';

const NO_CONTEXT = { proposal: null } as never;

/** The events of compact-dispute v1 that only the system (a timer) may send, read from their declared permissions. */
export const SYSTEM_EVENTS = Object.values(compactDisputeV1.events)
  .filter((def) => def.mayBeSentBy('system', NO_CONTEXT))
  .map((def) => def.type);

/** The runtime the engine builds for the Southampton Compact's deadlines on the England & Wales calendar. */
export function localRuntime(): WorkflowRuntime {
  const clock = new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] }));
  return new WorkflowRuntime(compactDisputeV1, { clock, deadlines: DEFAULT_COMPACT_DEADLINES });
}

export interface PathEvent {
  type: string;
  by: ActingRelation;
  payload: Record<string, string>;
  /** The state path the machine is in after this event. */
  after: string;
}

export interface WorkflowPath {
  /** `ACKNOWLEDGE(respondent) > PROPOSE_RESOLUTION(claimant) > ...`; `(raised)` for the empty path. */
  name: string;
  initial: string;
  events: PathEvent[];
  /** The state path the machine predicts at the end. */
  finalPath: string;
}

const ACTING_ORDER: ActingRelation[] = ['claimant', 'respondent', 'mediator', 'admin', 'system'];
type Party = 'claimant' | 'respondent';

/**
 * The events to offer the traversal from a snapshot: each event's declared `example`, sent by the
 * first relation its permission allows now (`proposers` for PROPOSE_RESOLUTION, since who proposes
 * changes behaviour), keeping only those the machine takes.
 */
function candidateEvents(snapshot: AnyMachineSnapshot, at: string, proposers: readonly Party[]) {
  const out: Array<Record<string, unknown> & { type: string }> = [];
  for (const def of Object.values(compactDisputeV1.events)) {
    const senders = ACTING_ORDER.filter((r) => def.mayBeSentBy(r, snapshot.context));
    const chosen = def.type === 'PROPOSE_RESOLUTION' ? senders.filter((r) => proposers.includes(r as Party)) : senders.slice(0, 1);
    for (const by of chosen) out.push({ type: def.type, ...def.example, meta: { at, by } });
  }
  return out.filter((event) => snapshot.can(event as never));
}

/** The state value plus the context fields that change how the machine behaves (the rest only counts or records). */
export function serializeDisputeState(snapshot: AnyMachineSnapshot): string {
  const c = snapshot.context;
  return JSON.stringify({
    path: statePath(snapshot.value),
    status: snapshot.status,
    unlocked: c.referralUnlockedBy !== null,
    proposer: c.proposal?.by ?? null,
    mediation: c.mediationOutcome,
  });
}

/** Every simple path of compact-dispute v1 from a raised breach, as xstate/graph's `getSimplePaths` finds it. */
export function simpleWorkflowPaths(proposers: readonly Party[], at = '2026-12-01T10:00:00.000Z'): WorkflowPath[] {
  const runtime = localRuntime();
  const paths = getSimplePaths(runtime.machine, {
    input: { kind: 'breach', becameAwareOn: '2026-11-20', at },
    events: (snapshot: AnyMachineSnapshot) => candidateEvents(snapshot, at, proposers),
    serializeState: (snapshot: AnyMachineSnapshot) => serializeDisputeState(snapshot),
  } as never);
  return paths.map((p) => {
    const steps = p.steps as unknown as Array<{ state: AnyMachineSnapshot; event: { type: string; meta?: { by: ActingRelation } } }>;
    const events = steps
      .filter((s) => !s.event.type.startsWith('xstate.'))
      .map((s) => {
        const { type, meta, ...payload } = s.event as { type: string; meta: { by: ActingRelation } } & Record<string, string>;
        return { type, by: meta.by, payload, after: statePath(s.state.value) };
      });
    return {
      name: events.map((e) => `${e.type}(${e.by})`).join(' > ') || '(raised)',
      initial: statePath(steps[0].state.value),
      events,
      finalPath: statePath(p.state.value),
    };
  });
}

/** Paths by name, without duplicates, in a stable order. */
export function uniquePaths(...sets: WorkflowPath[][]): WorkflowPath[] {
  const byName = new Map<string, WorkflowPath>();
  for (const path of sets.flat()) byName.set(path.name, path);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The paths that are not the beginning of another path. Replaying these and checking the state
 * and the audit trail after every step replays every path end to end: each shorter path is the
 * prefix of one of them.
 */
export function maximalPaths(paths: WorkflowPath[]): WorkflowPath[] {
  const names = new Set(paths.map((p) => p.name));
  const prefixes = new Set<string>();
  for (const p of paths) {
    for (let i = 1; i < p.events.length; i++) prefixes.add(p.events.slice(0, i).map((e) => `${e.type}(${e.by})`).join(' > '));
  }
  if (paths.some((p) => p.events.length > 0)) prefixes.add('(raised)');
  return paths.filter((p) => names.has(p.name) && !prefixes.has(p.name));
}
