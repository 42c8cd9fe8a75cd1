import { ActingRelation, CaseTimer } from '@compact/domain';
import { ActorScope, AnyMachineSnapshot, AnyStateMachine, createActor, StateValue } from 'xstate';
import { describeDeadlineRule } from '@compact/calendar';
import { resolveDeadline } from './deadline-resolver';
import { statePath, topLevelState } from './state-path';
import type { DelayEnvironment, EventMeta, WorkflowDefinition, WorkflowInput } from './workflow-definition';

/** A timer the step wants written (ids and creation time are given by whoever stores it). */
export type PlannedTimer = Omit<CaseTimer, 'id' | 'caseId' | 'createdAt'>;

export interface TimerPlan {
  /** Keys whose rows (and their reminders) are deleted first. */
  cancel: string[];
  set: PlannedTimer[];
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
        return resolveDeadline(def, env, context, at).dueAt.getTime() - Date.parse(at);
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

  /** The events a caller standing in `relation` could send now (permission and state both allow). */
  allowedEvents(snapshot: AnyMachineSnapshot, relation: ActingRelation, at: string): string[] {
    if (snapshot.status !== 'active') return [];
    const listened = this.eventsByPath.get(statePath(snapshot.value));
    return Object.values(this.definition.events)
      .filter((def) => listened?.has(def.type) ?? true)
      .filter((def) => def.mayBeSentBy(relation, snapshot.context))
      .filter((def) => snapshot.can({ type: def.type, ...def.example, meta: { at, by: relation } }))
      .map((def) => def.type);
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
    for (const action of actions) {
      if (action.type === 'xstate.cancel') {
        const key = String(action.params.sendId);
        cancel.add(key);
        set.delete(key);
      } else if (action.type === 'xstate.raise' && action.params?.delay !== undefined) {
        const key = String(action.params.id);
        const def = this.definition.deadlines[key];
        if (!def) throw new Error(`${this.key}: delayed raise '${key}' has no deadline definition`);
        const deadline = resolveDeadline(def, this.env, context, at);
        cancel.add(key);
        set.set(key, {
          key,
          purpose: def.purpose,
          eventType: action.params.event.type,
          dueAt: deadline.dueAt,
          dueDate: deadline.dueDate,
          rule: deadline.rule,
          calendarId: deadline.calendarId,
          deadlineKey: null,
        });
        if (def.purpose === 'deadline') {
          const lead = { kind: 'working-days' as const, days: this.env.deadlines.reminderWorkingDaysBefore };
          const remindAt = this.env.clock.before(deadline, lead);
          if (remindAt.getTime() > Date.parse(at)) {
            set.set(`${key}:reminder`, {
              key: `${key}:reminder`,
              purpose: 'reminder',
              eventType: REMINDER_EVENT,
              dueAt: remindAt,
              dueDate: deadline.dueDate,
              rule: `${describeDeadlineRule(lead)} before a deadline of ${deadline.rule}`,
              calendarId: deadline.calendarId,
              deadlineKey: key,
            });
          }
        }
      }
    }
    this.dropPastTimeLimitReminders(set, context, at);
    return { cancel: [...cancel], set: [...set.values()] };
  }

  /**
   * Time-limit reminders counted from an old date may already be due when set. Of those, only the
   * latest is kept (due now) while the limit itself is still ahead; none once it has passed.
   */
  private dropPastTimeLimitReminders(set: Map<string, PlannedTimer>, context: any, at: string): void {
    const now = Date.parse(at);
    const past = [...set.values()].filter((t) => {
      const def = this.definition.deadlines[t.key];
      return def?.anchor === 'became-aware' && def.before && t.dueAt.getTime() <= now;
    });
    if (past.length === 0) return;
    past.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    const latest = past[past.length - 1];
    const limit = resolveDeadline({ ...this.definition.deadlines[latest.key], before: undefined }, this.env, context, at);
    for (const t of past) set.delete(t.key);
    if (limit.dueAt.getTime() > now) set.set(latest.key, { ...latest, dueAt: new Date(now) });
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
