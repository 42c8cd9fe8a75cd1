import { ActingRelation, CaseParticipant, CompactDeadlines, Payload, PayloadSchema } from '@compact/domain';
import type { DeadlineClock, DeadlineRule } from '@compact/calendar';
import type { AnyStateMachine } from 'xstate';

/** Stamped on every event the engine feeds into a workflow machine. */
export interface EventMeta {
  /** ISO-8601 instant the event was accepted. */
  at: string;
  by: ActingRelation;
}

/** One event a workflow accepts: its payload, who may send it, and how it is shown. */
export interface EventDefinition<TContext> {
  type: string;
  label: string;
  description: string;
  schema: PayloadSchema;
  /** A valid payload; used to ask the machine whether the event is possible now, and in the API docs. */
  example: Payload;
  /** Whether an actor standing in `relation` to the case may send it given the case's context. */
  mayBeSentBy(relation: ActingRelation, context: TContext): boolean;
  /** Who may send it, in words, for refusals and documentation. */
  senders: string;
  /**
   * Fields the event needs in the case's present context beyond the schema's own `required`, each
   * with the reason in words (e.g. a reason for skipping mediation, needed only before mediation).
   * The one statement of such a rule: the engine enforces it and the pages mark those fields required.
   */
  requiredWhen?(context: TContext): Record<string, string>;
}

/** A deadline (or reminder) the machine schedules with a delayed raise of id `key`. */
export interface DeadlineDefinition<TContext> {
  key: string;
  /** The named delay the machine uses for it. */
  delay: string;
  purpose: 'deadline' | 'reminder';
  event: string;
  label: string;
  /** Counted from the event that set it, or from the date the claimant became aware of the matter. */
  anchor: 'event' | 'became-aware';
  rule(deadlines: CompactDeadlines): DeadlineRule;
  /** For reminders anchored on a time limit: the offset before the limit. */
  before?(deadlines: CompactDeadlines): DeadlineRule;
  /** The parts of the case that must act before it passes. */
  mustAct(context: TContext): Array<CaseParticipant['part']>;
}

export interface WorkflowInput {
  kind: 'breach' | 'disagreement';
  becameAwareOn: string;
  at: string;
}

export interface DelayEnvironment {
  clock: DeadlineClock;
  deadlines: CompactDeadlines;
}

export interface WorkflowDefinition<TContext = any> {
  name: string;
  version: number;
  title: string;
  topLevelStates: readonly string[];
  /** States in which the case is over; no event is accepted there. */
  finalStates: readonly string[];
  machine: AnyStateMachine;
  events: Record<string, EventDefinition<TContext>>;
  deadlines: Record<string, DeadlineDefinition<TContext>>;
  /** Organisations taking part according to the context (e.g. the mediator a case was referred to). */
  mediatorOf(context: TContext): string | null;
  /** Words for a state path, for people (`negotiation.proposalPending` -> `Negotiation: proposal awaiting an answer`). */
  describeState(path: string): string;
}

/** The event's schema as it applies in this context: fields `requiredWhen` names become required. */
export function schemaInContext<TContext>(def: EventDefinition<TContext>, context: TContext): PayloadSchema {
  const extra = def.requiredWhen?.(context) ?? {};
  if (Object.keys(extra).length === 0) return def.schema;
  return Object.fromEntries(Object.entries(def.schema).map(([name, spec]) => [name, name in extra ? { ...spec, required: true } : spec]));
}
