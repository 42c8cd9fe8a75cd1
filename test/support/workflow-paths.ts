import { WorkingDayCalendar, WorkingDayDeadlineClock } from '@compact/calendar';
import { ActingRelation, DEFAULT_COMPACT_DEADLINES } from '@compact/domain';
import { statePath, WorkflowDefinition, WorkflowRuntime } from '@compact/engine';
import { compactDisputeV1 } from '@compact/workflows';
import type { AnyMachineSnapshot } from 'xstate';
import { getSimplePaths } from 'xstate/graph';

/** The events of compact-dispute v1 that only the system (a timer) may send, read from their declared permissions. */
export const SYSTEM_EVENTS = systemEventsOf(compactDisputeV1);

/** The runtime the engine builds for the Southampton Compact's deadlines on the England & Wales calendar. */
export function localRuntime(definition: WorkflowDefinition = compactDisputeV1): WorkflowRuntime {
  const clock = new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] }));
  return new WorkflowRuntime(definition, { clock, deadlines: DEFAULT_COMPACT_DEADLINES });
}

/** The events of a workflow version that only the system (a timer) may send, read from their declared permissions in a new case. */
export function systemEventsOf(definition: WorkflowDefinition): string[] {
  const context = localRuntime(definition).start({ kind: 'breach', becameAwareOn: '2026-11-20', at: '2026-12-01T10:00:00.000Z' }).snapshot.context;
  return Object.values(definition.events)
    .filter((def) => def.mayBeSentBy('system', context))
    .map((def) => def.type);
}

/**
 * How a traversal offers the events of a version: events left out (those whose possibility needs
 * facts the machine does not hold, e.g. pending timers for more time; they have their own suites),
 * extra payloads to try beside the declared example, and the timer a system event is fed with.
 */
export interface TraversalOptions {
  exclude?: readonly string[];
  variants?: Record<string, Array<Record<string, unknown>>>;
  timerFor?: Record<string, string>;
}

export interface PathEvent {
  type: string;
  by: ActingRelation;
  payload: Record<string, unknown>;
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
export type Party = 'claimant' | 'respondent';

/**
 * The events to offer the traversal from a snapshot: each event's declared `example`, sent by the
 * first relation its permission allows now (`proposers` for PROPOSE_RESOLUTION, since who proposes
 * changes behaviour), keeping only those the machine takes.
 */
export function candidateEvents(definition: WorkflowDefinition, snapshot: AnyMachineSnapshot, at: string, proposers: readonly Party[], options: TraversalOptions) {
  const out: Array<Record<string, unknown> & { type: string }> = [];
  for (const def of Object.values(definition.events)) {
    if (options.exclude?.includes(def.type)) continue;
    const senders = ACTING_ORDER.filter((r) => def.mayBeSentBy(r, snapshot.context));
    const chosen = def.type === 'PROPOSE_RESOLUTION' ? senders.filter((r) => proposers.includes(r as Party)) : senders.slice(0, 1);
    const timer = options.timerFor?.[def.type];
    for (const by of chosen) {
      const payloads = [def.candidates ? def.candidates(by, snapshot.context)[0] ?? def.example : def.example, ...(options.variants?.[def.type] ?? [])];
      for (const payload of payloads) {
        if (def.candidates && !def.mayBeSentBy(by, snapshot.context, payload)) continue;
        out.push({ type: def.type, ...payload, meta: timer ? { at, by, timer } : { at, by } });
      }
    }
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
    // v2: whether the pending proposal carries actions, and where the agreement stands.
    terms: c.proposal?.terms?.length ?? null,
    agreement: c.agreement ? { via: c.agreement.via, actions: c.agreement.actions.map((a: any) => `${a.status}${a.overdue ? '!' : ''}`) } : null,
  });
}

/** Every simple path of compact-dispute v1 from a raised breach, as xstate/graph's `getSimplePaths` finds it. */
export function simpleWorkflowPaths(
  proposers: readonly Party[],
  at = '2026-12-01T10:00:00.000Z',
  definition: WorkflowDefinition = compactDisputeV1,
  options: TraversalOptions = {},
): WorkflowPath[] {
  const runtime = localRuntime(definition);
  const paths = getSimplePaths(runtime.machine, {
    input: { kind: 'breach', becameAwareOn: '2026-11-20', at },
    events: (snapshot: AnyMachineSnapshot) => candidateEvents(definition, snapshot, at, proposers, options),
    serializeState: (snapshot: AnyMachineSnapshot) => serializeDisputeState(snapshot),
  } as never);
  const label = (e: PathEvent) => eventLabel(definition, e);
  return paths.map((p) => {
    const steps = p.steps as unknown as Array<{ state: AnyMachineSnapshot; event: { type: string; meta?: { by: ActingRelation } } }>;
    const events = steps
      .filter((s) => !s.event.type.startsWith('xstate.'))
      .map((s) => {
        const { type, meta, ...payload } = s.event as { type: string; meta: { by: ActingRelation } } & Record<string, any>;
        return { type, by: meta.by, payload, after: statePath(s.state.value) };
      });
    return {
      name: events.map(label).join(' > ') || '(raised)',
      initial: statePath(steps[0].state.value),
      events,
      finalPath: statePath(p.state.value),
    };
  });
}

/** `PROPOSE_RESOLUTION(claimant)`, with `[other]` after it for a payload variant: the steps of a path's name. */
export function eventLabel(definition: WorkflowDefinition, e: PathEvent): string {
  return `${e.type}(${e.by})${variantMark(definition, e)}`;
}

/** `[other]` when the event carries a payload other than its declared example (a variant offered to the traversal). */
function variantMark(definition: WorkflowDefinition, e: PathEvent): string {
  const def = definition.events[e.type];
  if (def.candidates || Object.keys(e.payload).length === 0) return '';
  return JSON.stringify(e.payload) === JSON.stringify(def.example) ? '' : '[other]';
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
    const steps = p.name.split(' > ');
    for (let i = 1; i < p.events.length; i++) prefixes.add(steps.slice(0, i).join(' > '));
  }
  if (paths.some((p) => p.events.length > 0)) prefixes.add('(raised)');
  return paths.filter((p) => names.has(p.name) && !prefixes.has(p.name));
}
