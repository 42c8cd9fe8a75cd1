import { ActingRelation, CaseTimer } from '@compact/domain';
import { ActorScope, AnyMachineSnapshot, AnyStateMachine, createActor, createMachine, StateValue } from 'xstate';
import { Deadline, describeDeadlineRule } from '@compact/calendar';
import { resolveDeadline } from './deadline-resolver';
import { statePath, topLevelState } from './state-path';
import { CaseFacts, deadlineOf, DelayEnvironment, EventMeta, WorkflowDefinition, WorkflowInput } from './workflow-definition';

/** A timer the step wants written (ids and creation time are given by whoever stores it). */
export type PlannedTimer = Omit<CaseTimer, 'id' | 'caseId' | 'createdAt'>;

/**
 * The custom action a workflow runs to move a deadline it agreed to extend; the engine carries it
 * out on the stored timer (`TimerPlan.extend`). Its params: `{ deadline: key, workingDays }`.
 */
export const EXTEND_DEADLINE_ACTION = 'extendDeadline';

export interface TimerPlan {
  /** Keys whose rows (and their reminders) are deleted first. */
  cancel: string[];
  set: PlannedTimer[];
  /** Pending deadlines to move later by agreed working days (with their reminders). */
  extend: Array<{ key: string; workingDays: number }>;
}

export interface Transitioned {
  snapshot: AnyMachineSnapshot;
  persisted: unknown;
  stateValue: StateValue;
  path: string;
  state: string;
  timers: TimerPlan;
}

export const REMINDER_EVENT = 'DEADLINE_REMINDER';

function eventInstant(event: { meta?: EventMeta; input?: { at?: string } } | undefined): string | undefined {
  return event?.meta?.at ?? event?.input?.at;
}

/**
 * One released workflow version bound to a deadline clock and the Compact's deadline lengths.
 * Everything here is pure: XState's `transition()` computes, nothing is executed or scheduled.
 */
export class WorkflowRuntime {
  readonly machine: AnyStateMachine;
  private readonly stateIds: Set<string>;
  /** For each state path, the event types some transition of it (or of its ancestors) listens to. */
  private readonly eventsByPath: Map<string, Set<string>>;
  private readonly scope: ActorScope<any, any>;

  constructor(
    readonly definition: WorkflowDefinition,
    readonly env: DelayEnvironment,
  ) {
    const delays: Record<string, (args: { context: any; event: any }) => number> = {};
    for (const def of Object.values(definition.deadlines)) {
      delays[def.delay] = ({ context, event }) => {
        const at = eventInstant(event);
        // XState evaluates the initial state without input on every transition(); nothing to time then.
        if (!at || !context) return 0;
        // The engine plans the timer itself (planTimers); XState only needs a number.
        return def.family ? 1 : resolveDeadline(def, env, context, at).dueAt.getTime() - Date.parse(at);
      };
    }
    this.machine = definition.machine.provide({ delays });
    this.stateIds = new Set(collectPaths(this.machine.root.states, ''));
    this.eventsByPath = eventsByStatePath(this.machine);
    this.scope = inertScope(this.machine);
  }

  /**
   * A pure transition, as XState's `transition()`: nothing is executed, the actions are collected.
   * `transition()` builds a throw-away actor (and evaluates the machine's initial state) on every
   * call; the same inert scope serves every call here (transitions are synchronous, never interleaved).
   */
  private pure<T>(step: (scope: ActorScope<any, any>) => T): [T, Array<{ type: string; params?: any }>] {
    const actions: Array<{ type: string; params?: any }> = [];
    this.scope.actionExecutor = (action: any) => void actions.push(action);
    try {
      return [step(this.scope), actions];
    } finally {
      this.scope.actionExecutor = () => {};
    }
  }

  get key(): string {
    return `${this.definition.name}/v${this.definition.version}`;
  }

  start(input: WorkflowInput): Transitioned {
    const [snapshot, actions] = this.pure((scope) => this.machine.getInitialSnapshot(scope, input));
    return this.describe(snapshot, actions, input.at);
  }

  /**
   * The case as if it had just come into `path` with `context` at `at` (a migration from another
   * version): XState enters every state from the root down to `path`, running their entry actions
   * (nothing else), so the deadlines that state sets are planned exactly as on any other entry.
   */
  enter(path: string, context: unknown, at: string): Transitioned {
    if (!this.stateIds.has(path)) throw new Error(`${this.key}: there is no state '${path}'`);
    const config = rerootedConfig(this.machine.config as Record<string, any>, path.split('.'), context);
    const entering = createMachine(config as any, this.machine.implementations as any);
    const [entered, actions] = this.pure((scope) => entering.getInitialSnapshot(scope, { at } as any));
    const snapshot = this.machine.resolveState({ value: entered.value, context: entered.context });
    return this.describe(snapshot, actions, at);
  }

  /** Rebuilds a snapshot from its persisted form; refuses one whose state this version does not have. */
  restore(persisted: unknown): AnyMachineSnapshot {
    const value = (persisted as { value?: StateValue } | null)?.value;
    if (value === undefined || !this.stateIds.has(statePath(value))) {
      throw new Error(`${this.key}: stored state ${JSON.stringify(value)} does not exist in this workflow version`);
    }
    return this.machine.resolveState(persisted as any);
  }

  /** Whether the machine would take this (complete) event now. */
  accepts(snapshot: AnyMachineSnapshot, event: { type: string }): boolean {
    return snapshot.status === 'active' && snapshot.can(event);
  }

  /**
   * The events a caller standing in `relation` could send now (permission and state both allow,
   * and, given the case's facts, the event is worth offering).
   */
  allowedEvents(snapshot: AnyMachineSnapshot, relation: ActingRelation, at: string, facts?: CaseFacts): string[] {
    if (snapshot.status !== 'active') return [];
    const listened = this.eventsByPath.get(statePath(snapshot.value));
    return Object.values(this.definition.events)
      .filter((def) => listened?.has(def.type) ?? true)
      .filter((def) => def.mayBeSentBy(relation, snapshot.context))
      .filter((def) => !facts || !def.offeredWhen || def.offeredWhen(relation, snapshot.context, facts))
      .filter((def) => this.possible(snapshot, def.type, relation, at))
      .map((def) => def.type);
  }

  /**
   * Whether the machine would take the event from this sender now with some payload worth trying
   * (for the system, the timer that fell due).
   */
  possible(snapshot: AnyMachineSnapshot, type: string, relation: ActingRelation, at: string, timer?: string): boolean {
    const def = this.definition.events[type];
    const payloads = def.candidates ? def.candidates(relation, snapshot.context) : [def.example];
    const meta: EventMeta = timer ? { at, by: relation, timer } : { at, by: relation };
    return payloads.some(
      (payload) => (!def.candidates || def.mayBeSentBy(relation, snapshot.context, payload)) && snapshot.can({ type, ...payload, meta }),
    );
  }

  /**
   * Whether sending the event now (with the payloads worth trying, as `possible` tries them) would
   * end the case: the machine would reach a final state, after which nobody can act on it again.
   * Derived from the machine, for every version alike; the pages ask for a confirmation first.
   */
  endsCase(snapshot: AnyMachineSnapshot, type: string, relation: ActingRelation, at: string): boolean {
    const def = this.definition.events[type];
    if (!def || snapshot.status !== 'active' || !def.mayBeSentBy(relation, snapshot.context)) return false;
    const payloads = def.candidates ? def.candidates(relation, snapshot.context) : [def.example];
    return payloads.some((payload) => {
      if (def.candidates && !def.mayBeSentBy(relation, snapshot.context, payload)) return false;
      const event = { type, ...payload, meta: { at, by: relation } };
      if (!snapshot.can(event)) return false;
      const [next] = this.pure((scope) => this.machine.transition(snapshot, event as any, scope));
      return next.status === 'done';
    });
  }

  /** The case as it is, nothing planned (a change that records something without moving the case). */
  unchanged(snapshot: AnyMachineSnapshot, at: string): Transitioned {
    return this.describe(snapshot, [], at);
  }

  apply(snapshot: AnyMachineSnapshot, event: { type: string; meta: EventMeta }): Transitioned {
    const [next, actions] = this.pure((scope) => this.machine.transition(snapshot, event as any, scope));
    return this.describe(next, actions, event.meta.at);
  }

  private describe(snapshot: AnyMachineSnapshot, actions: Array<{ type: string; params?: any }>, at: string): Transitioned {
    const path = statePath(snapshot.value);
    return {
      snapshot,
      persisted: this.machine.getPersistedSnapshot(snapshot),
      stateValue: snapshot.value,
      path,
      state: topLevelState(path),
      timers: this.planTimers(actions, snapshot.context, at),
    };
  }

  private planTimers(actions: Array<{ type: string; params?: any }>, context: any, at: string): TimerPlan {
    const cancel = new Set<string>();
    const set = new Map<string, PlannedTimer>();
    const extend: TimerPlan['extend'] = [];
    for (const action of actions) {
      if (action.type === 'xstate.cancel') {
        const key = String(action.params.sendId);
        cancel.add(key);
        set.delete(key);
        set.delete(`${key}:reminder`);
      } else if (action.type === 'xstate.raise' && action.params?.delay !== undefined) {
        this.planDeadline(String(action.params.id), action.params.event.type, context, at, cancel, set);
      } else if (action.type === EXTEND_DEADLINE_ACTION) {
        extend.push({ key: String(action.params.deadline), workingDays: Number(action.params.workingDays) });
      }
    }
    this.dropPastTimeLimitReminders(set, context, at);
    return { cancel: [...cancel], set: [...set.values()], extend };
  }

  /** A delayed raise of id `key`: its timer row, and a reminder before it when it is a deadline. */
  private planDeadline(key: string, eventType: string, context: any, at: string, cancel: Set<string>, set: Map<string, PlannedTimer>): void {
    const found = deadlineOf(this.definition, key);
    if (!found) throw new Error(`${this.key}: delayed raise '${key}' has no deadline definition`);
    const { def, instance } = found;
    const deadline = resolveDeadline(def, this.env, context, at, instance);
    cancel.add(key);
    const base = { dueDate: deadline.dueDate, calendarId: deadline.calendarId, extendedDays: 0 };
    set.set(key, { ...base, key, purpose: def.purpose, eventType, dueAt: deadline.dueAt, rule: deadline.rule, deadlineKey: null });
    if (def.purpose !== 'deadline') return;
    const reminder = this.reminderBefore(key, deadline, at);
    if (reminder) set.set(reminder.key, reminder);
  }

  /** The reminder of a deadline (the Compact's working days before it), or null once that moment has passed. */
  reminderBefore(key: string, deadline: Deadline, at: string): PlannedTimer | null {
    const lead = { kind: 'working-days' as const, days: this.env.deadlines.reminderWorkingDaysBefore };
    const remindAt = this.env.clock.before(deadline, lead);
    if (remindAt.getTime() <= Date.parse(at)) return null;
    return {
      key: `${key}:reminder`,
      purpose: 'reminder',
      eventType: REMINDER_EVENT,
      dueAt: remindAt,
      dueDate: deadline.dueDate,
      rule: `${describeDeadlineRule(lead)} before a deadline of ${deadline.rule}`,
      calendarId: deadline.calendarId,
      deadlineKey: key,
      extendedDays: 0,
    };
  }

  /**
   * Time-limit reminders counted from an old date may already be due when set. Of those, only the
   * latest is kept (due now) while the limit itself is still ahead; none once it has passed.
   */
  private dropPastTimeLimitReminders(set: Map<string, PlannedTimer>, context: any, at: string): void {
    const now = Date.parse(at);
    const past = [...set.values()].filter((t) => {
      const def = this.definition.deadlines[t.key];
      return def !== undefined && def.anchor !== 'event' && def.before !== undefined && t.dueAt.getTime() <= now;
    });
    // Grouped by the limit they remind of (the ombudsman's, judicial review's): each keeps its latest past one.
    const byLimit = new Map<string, PlannedTimer[]>();
    for (const t of past) {
      const def = this.definition.deadlines[t.key];
      const limitKey = `${def.anchor}:${describeDeadlineRule(def.rule(this.env.deadlines, context))}`;
      byLimit.set(limitKey, [...(byLimit.get(limitKey) ?? []), t]);
    }
    for (const group of byLimit.values()) {
      group.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      const latest = group[group.length - 1];
      const limit = resolveDeadline({ ...this.definition.deadlines[latest.key], before: undefined }, this.env, context, at);
      for (const t of group) set.delete(t.key);
      if (limit.dueAt.getTime() > now) set.set(latest.key, { ...latest, dueAt: new Date(now) });
    }
  }
}

/** An actor scope that executes nothing (the engine turns actions into rows instead). */
function inertScope(machine: AnyStateMachine): ActorScope<any, any> {
  // Never started; it only gives the scope a `self` and a `system`.
  const input: WorkflowInput = { kind: 'disagreement', becameAwareOn: '1970-01-01', at: new Date(0).toISOString() };
  const self = createActor(machine, { input });
  return {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: () => {},
  } as unknown as ActorScope<any, any>;
}

function eventsByStatePath(machine: AnyStateMachine): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const visit = (node: any, path: string, inherited: Set<string>): void => {
    const own = new Set<string>([...inherited, ...((node.transitions as Map<string, unknown>)?.keys() ?? [])]);
    if (path) out.set(path, own);
    for (const [name, child] of Object.entries(node.states ?? {})) visit(child, path ? `${path}.${name}` : name, own);
  };
  visit(machine.root, '', new Set());
  return out;
}

function collectPaths(states: Record<string, any>, prefix: string): string[] {
  return Object.entries(states).flatMap(([name, node]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return [path, ...collectPaths(node.states ?? {}, path)];
  });
}

/**
 * A copy of a machine configuration whose initial state, at every level, leads to `path`, and whose
 * context is `context`: starting it enters that state as a transition from outside would.
 */
function rerootedConfig(config: Record<string, any>, path: string[], context: unknown): Record<string, any> {
  const lead = (node: Record<string, any>, rest: string[]): Record<string, any> => {
    if (rest.length === 0) return node;
    const [head, ...tail] = rest;
    return { ...node, initial: head, states: { ...node.states, [head]: lead(node.states[head], tail) } };
  };
  return { ...lead(config, path), context };
}
