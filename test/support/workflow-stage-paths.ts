import { statePath, topLevelState, WorkflowDefinition, WorkflowRuntime } from '@compact/engine';
import type { AnyMachineSnapshot } from 'xstate';
import { getAdjacencyMap, getShortestPaths, getSimplePaths } from 'xstate/graph';
import { candidateEvents, eventLabel, localRuntime, Party, PathEvent, TraversalOptions, WorkflowPath } from './workflow-paths';

/*
 * Simple paths stage by stage, for a workflow whose simple paths from end to end are too many to
 * replay (a stage reached again after an agreement is broken multiplies every stage before it by
 * every stage after it). A stage is a top-level state (raised, negotiation, mediation, ...).
 *
 * For every way into a stage (each move from another stage, and the start) there is one lead: the
 * shortest path to the state the move leaves from, then the move. From there every simple path
 * inside the stage is taken, up to and including the move out of it; a move back to the state a
 * stage was entered in (which closes a cycle, so no simple path from there takes it) gets a path of
 * its own. Every move the traversal offers anywhere is then on some path, every way through a stage
 * is taken from every way into it, and a case reopened by a later stage goes on through the stage
 * it reopens (so no path reopens a case twice). The paths' states are those of the real snapshots
 * along them; a move the machine does not take there throws (the state key missed something).
 */

export interface StagedTraversalOptions extends TraversalOptions {
  /**
   * The traversal's state: the state path and the context that the machine's guards and the
   * offered events read in that state. Two snapshots with the same key must behave alike.
   */
  stateKey: (snapshot: AnyMachineSnapshot) => string;
}

export interface StagePath extends WorkflowPath {
  /** The stage this path runs through; its first `lead` events lead into it. */
  stage: string;
  lead: number;
  /** The traversal's state key before the first event and after each. */
  keys: string[];
}

export interface StagedPaths {
  paths: StagePath[];
  /** Every move between two different state keys the traversal offers (`key --EVENT(by)--> key`). */
  edges: string[];
}

const INPUT = (at: string) => ({ kind: 'breach', becameAwareOn: '2026-11-20', at });
type Step = { state: AnyMachineSnapshot; event: { type: string } & Record<string, any> };
type SentEvent = { type: string; meta: { at: string; by: any; timer?: string } } & Record<string, unknown>;

const stageOf = (snapshot: AnyMachineSnapshot) => topLevelState(statePath(snapshot.value));
const sentEvents = (steps: Step[]): SentEvent[] => steps.map((s) => s.event as SentEvent).filter((e) => !e.type.startsWith('xstate.'));

function toPathEvent(event: SentEvent, after: AnyMachineSnapshot): PathEvent {
  const { type, meta, ...payload } = event;
  return { type, by: meta.by, payload, after: statePath(after.value) };
}

export function edgeName(definition: WorkflowDefinition, from: string, event: PathEvent, to: string): string {
  return `${from} --${eventLabel(definition, event)}--> ${to}`;
}

/** The events applied one by one to the real snapshots (not the traversal's representatives): the states they reach. */
function walk(runtime: WorkflowRuntime, start: AnyMachineSnapshot, events: SentEvent[]): AnyMachineSnapshot[] {
  const states = [start];
  for (const event of events) {
    const before = states[states.length - 1];
    if (!runtime.accepts(before, event)) {
      throw new Error(`traversal: ${event.type}(${event.meta.by}) is not taken in ${statePath(before.value)}: the state key misses something`);
    }
    states.push(runtime.apply(before, event).snapshot);
  }
  return states;
}

/** Every simple path of every stage, from every way into it, as `proposers` make the proposals. */
export function stagedWorkflowPaths(
  definition: WorkflowDefinition,
  proposers: readonly Party[],
  at: string,
  options: StagedTraversalOptions,
): StagedPaths {
  const runtime = localRuntime(definition);
  const key = options.stateKey;
  const traversal = {
    events: (snapshot: AnyMachineSnapshot) => candidateEvents(definition, snapshot, at, proposers, options),
    serializeState: (snapshot: AnyMachineSnapshot) => key(snapshot),
  };
  const start = runtime.start(INPUT(at) as never).snapshot;

  const adjacency = getAdjacencyMap(runtime.machine, { ...traversal, input: INPUT(at) } as never) as Record<
    string,
    { state: AnyMachineSnapshot; transitions: Record<string, { event: SentEvent; state: AnyMachineSnapshot }> }
  >;
  const moves: Array<{ from: string; event: SentEvent; name: string; entry: boolean }> = [];
  for (const [from, { state, transitions }] of Object.entries(adjacency)) {
    for (const { event, state: next } of Object.values(transitions)) {
      const to = key(next);
      if (to === from) continue;
      moves.push({ from, event, name: edgeName(definition, from, toPathEvent(event, next), to), entry: stageOf(next) !== stageOf(state) });
    }
  }

  const shortest = new Map<string, SentEvent[]>();
  for (const p of getShortestPaths(runtime.machine, { ...traversal, input: INPUT(at) } as never)) {
    shortest.set(key(p.state as AnyMachineSnapshot), sentEvents(p.steps as unknown as Step[]));
  }
  const leads: SentEvent[][] = [[], ...moves.filter((m) => m.entry).map(({ from, event }) => [...shortest.get(from)!, event])];

  const paths: StagePath[] = [];
  const pathOf = (events: SentEvent[], stage: string, lead: number, states: AnyMachineSnapshot[]): StagePath => {
    const steps = events.map((e, i) => toPathEvent(e, states[i + 1]));
    return {
      name: steps.map((e) => eventLabel(definition, e)).join(' > ') || '(raised)',
      initial: statePath(start.value),
      events: steps,
      finalPath: statePath(states[states.length - 1].value),
      stage,
      lead,
      keys: states.map(key),
    };
  };
  for (const lead of leads) {
    const led = walk(runtime, start, lead);
    const entered = led[led.length - 1];
    const stage = stageOf(entered);
    const inside = getSimplePaths(runtime.machine, {
      ...traversal,
      fromState: entered,
      stopWhen: (snapshot: AnyMachineSnapshot) => stageOf(snapshot) !== stage,
    } as never);
    for (const segment of inside) {
      const more = sentEvents(segment.steps as unknown as Step[]);
      // A way into a stage it leaves at once (a case closed, say) is the last move of the stage before.
      if (more.length === 0 && lead.length > 0) continue;
      paths.push(pathOf([...lead, ...more], stage, lead.length, [...led, ...walk(runtime, entered, more).slice(1)]));
    }
  }
  // A move back to the state the stage was entered in closes a cycle, which no simple path from
  // there takes: each such move gets its own path, the shortest way to where it starts, then it.
  const taken = new Set(paths.flatMap((p) => edgesOf(definition, p)));
  for (const { from, event } of moves.filter((m) => !taken.has(m.name))) {
    const events = [...shortest.get(from)!, event];
    const states = walk(runtime, start, events);
    paths.push(pathOf(events, stageOf(states[states.length - 2]), events.length - 1, states));
  }
  return { paths, edges: moves.map((m) => m.name) };
}

/** The moves (`key --EVENT(by)--> key`) a path takes, self-loops left out. */
export function edgesOf(definition: WorkflowDefinition, path: StagePath): string[] {
  return path.events
    .map((e, i) => (path.keys[i] === path.keys[i + 1] ? null : edgeName(definition, path.keys[i], e, path.keys[i + 1])))
    .filter((e): e is string => e !== null);
}
