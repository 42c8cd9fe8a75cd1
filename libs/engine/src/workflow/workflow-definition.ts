import { ActingRelation, CaseOutcome, CaseParticipant, CaseTimer, CompactDeadlines, FieldError, Payload, PayloadSchema } from '@compact/domain';
import type { DeadlineClock, DeadlineRule } from '@compact/calendar';
import type { AnyStateMachine } from 'xstate';

/** Stamped on every event the engine feeds into a workflow machine. */
export interface EventMeta {
  /** ISO-8601 instant the event was accepted. */
  at: string;
  by: ActingRelation;
  /** For an event the system sends when a timer falls due: that timer's key (e.g. `action.due/a2`). */
  timer?: string;
}

/** What the engine knows of a case beyond its snapshot, for rules that need it. */
export interface CaseFacts {
  /** The case's pending timers. */
  timers: ReadonlyArray<Pick<CaseTimer, 'key' | 'purpose' | 'dueAt' | 'dueDate' | 'extendedDays'>>;
  /** The deadline lengths the case was raised under. */
  deadlines: CompactDeadlines;
}

/** One event a workflow accepts: its payload, who may send it, and how it is shown. */
export interface EventDefinition<TContext> {
  type: string;
  label: string;
  description: string;
  schema: PayloadSchema;
  /** A valid payload; used to ask the machine whether the event is possible now, and in the API docs. */
  example: Payload;
  /**
   * For an event whose possibility depends on its payload (which agreed action it is about): the
   * payloads worth trying for this sender now. The event is possible when the machine takes one.
   */
  candidates?(relation: ActingRelation, context: TContext): Payload[];
  /**
   * Whether an actor standing in `relation` to the case may send it given the case's context; with
   * `payload`, whether they may send this one (e.g. only the party that owes an action reports it
   * done). Asked without a payload first (may they send it at all), then with it.
   */
  mayBeSentBy(relation: ActingRelation, context: TContext, payload?: Record<string, unknown>): boolean;
  /** The options of a `choice` field for this sender now (e.g. the agreed actions they owe), for forms and documentation. */
  choices?(field: string, relation: ActingRelation, context: TContext, facts: CaseFacts): Array<{ value: string; text: string }>;
  /** Whether the event is worth offering now given the case's facts (e.g. more time needs a deadline to extend). */
  offeredWhen?(relation: ActingRelation, context: TContext, facts: CaseFacts): boolean;
  /** Checks of the payload against the context and the case's facts (its pending timers, its deadline lengths). */
  checkWith?(payload: Record<string, unknown>, context: TContext, facts: CaseFacts, relation: ActingRelation): FieldError[];
  /** Who may send it, in words, for refusals and documentation. */
  senders: string;
  /**
   * Fields the event needs in the case's present context beyond the schema's own `required`, each
   * with the reason in words (e.g. a reason for skipping mediation, needed only before mediation).
   * The one statement of such a rule: the engine enforces it and the pages mark those fields required.
   */
  requiredWhen?(context: TContext): Record<string, string>;
}

/**
 * A deadline (or reminder) the machine schedules with a delayed raise of id `key`; or, for a
 * `family`, one per instance with ids `${key}/${instance}` (e.g. one for each agreed action).
 */
export interface DeadlineDefinition<TContext> {
  key: string;
  family?: boolean;
  /** The named delay the machine uses for it. */
  delay: string;
  purpose: 'deadline' | 'reminder';
  event: string;
  label: string;
  /**
   * Counted from the event that set it, from the date the claimant became aware of the matter, or
   * from the date of the decision the case is about.
   */
  anchor: 'event' | 'became-aware' | 'decision';
  rule(deadlines: CompactDeadlines, context?: TContext, instance?: string): DeadlineRule;
  /** For reminders anchored on a time limit: the offset before the limit. */
  before?(deadlines: CompactDeadlines): DeadlineRule;
  /** The parts of the case that must act before it passes. */
  mustAct(context: TContext, instance?: string): Array<CaseParticipant['part']>;
  /** The party that must act may ask for more time (up to the Compact file's cap per deadline). */
  extendable?: boolean;
  /** What an instance of a family is about, in words (e.g. the agreed action). */
  describe?(context: TContext, instance: string): string;
  /** For a time-limit reminder: what the mail tells the claimant beyond the date (e.g. that negotiating does not stop the clock). */
  notice?: readonly string[];
}

export interface WorkflowInput {
  kind: 'breach' | 'disagreement';
  becameAwareOn: string;
  /** The date of the decision the case is about, if any (versions that count a time limit from it). */
  decisionDate?: string | null;
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

/** The definition a timer key belongs to (`action.due/a2` -> the `action.due` family), and its instance. */
export function deadlineOf<TContext>(
  definition: Pick<WorkflowDefinition<TContext>, 'deadlines'>,
  key: string,
): { def: DeadlineDefinition<TContext>; instance: string | undefined } | undefined {
  const slash = key.indexOf('/');
  const base = slash < 0 ? key : key.slice(0, slash);
  const def = Object.prototype.hasOwnProperty.call(definition.deadlines, base) ? definition.deadlines[base] : undefined;
  if (!def || Boolean(def.family) !== slash >= 0) return undefined;
  return { def, instance: slash < 0 ? undefined : key.slice(slash + 1) };
}


/**
 * How people and boards read one workflow version: its stages in the order of the escalation path,
 * what each top-level state means for the case, and which events end a deadline without anyone
 * meeting or missing it. Kept beside the version in workflows/, so nothing else names its states.
 */
export interface WorkflowReading<TContext = any> {
  stages: ReadonlyArray<{ state: string; label: string; note?: string }>;
  outcomeOf(state: string, context: TContext): CaseOutcome;
  /** Events that end a deadline without meeting or missing it (a withdrawal, a declared failure). */
  neutralEvents: readonly string[];
  /** Events by a person that end a deadline as missed (a report that an agreed action was not kept). */
  missingEvents: readonly string[];
  /** Deadlines that are a period rather than something a party must do: never met or missed. */
  periods: readonly string[];
  /**
   * The events that take a case at `statePath` along the escalation path, the next step first:
   * what the pages offer as the main action when no deadline asks something else of the person.
   */
  pathSteps?(statePath: string): readonly string[];
  /** Events that record something without moving the case on (a note, a meeting): never the main action while another is possible. */
  sideEvents?: readonly string[];
  /**
   * What a form says to the person about to send the event, by event type, in the second person
   * with the organisations' names (where the released description speaks of parties in the abstract).
   */
  formHelp?: Readonly<Record<string, (context: TContext, names: PartyNames) => string>>;
  /**
   * What each deadline asks of whoever must meet it, in words for people (by deadline key, a
   * family's by its base key): what to do, what happens if they do not, and the events that do it.
   */
  moves: Readonly<Record<string, MovePhrases<TContext>>>;
  /**
   * What the case page shows in full near the top, in words for people: a pending proposal, an
   * agreement and its actions, for a case at `statePath`. `dueDateOf` answers the due date
   * (YYYY-MM-DD) of a pending timer.
   */
  inFull?(context: TContext, statePath: string, names: PartyNames, dueDateOf: (timerKey: string) => string | null): FullText[];
  /**
   * Whether, at `statePath`, the mediator and each party may exchange confidential notes (while
   * the mediator is mediating). Absent: never.
   */
  confidentialExchange?(statePath: string): boolean;
  /** The formal route the case went to, in words for the body receiving it, once it has (null before). */
  formalRoute?(context: TContext): FormalRouteText | null;
}

/** Where a case went on the formal route: the route in words, the body, and the body's reference. */
export interface FormalRouteText {
  route: string;
  body: string;
  reference: string;
}

/** A block of the case page: a heading and its rows (a GOV.UK summary list). */
export interface FullText {
  heading: string;
  rows: ReadonlyArray<{ key: string; value: string }>;
}

/** The names of the organisations a case's phrases may mention, by their part in the case. */
export type PartyNames = Readonly<Record<'claimant' | 'respondent' | 'mediator', string>>;

/** How one deadline reads for people: "You must answer Hope Community Trust's proposal … If you do not, the case can go to mediation." */
export interface MovePhrases<TContext = any> {
  /** What the party must do, after "must" ("acknowledge the case"). */
  todo(context: TContext, names: PartyNames, instance?: string): string;
  /** What happens if they do not, after "If they do not," ("the claimant may take the case to a mediator"). */
  ifNot(context: TContext, names: PartyNames, instance?: string): string;
  /** The events that do it (the main action for the party that must act). */
  events: readonly string[];
}

/** A workflow version as installed in this release: its definition and how it is read. */
export interface InstalledWorkflow<TContext = any> extends WorkflowDefinition<TContext> {
  reading: WorkflowReading<TContext>;
}

/**
 * How running cases move from one released version to another, declared beside the newer one:
 * each state path of the old version that may move, to a state path of the new one, and how the
 * context carries over. A case in a state the mapping does not name is refused, by name.
 */
export interface WorkflowMigration<TFrom = any, TTo = any> {
  from: { name: string; version: number };
  to: { name: string; version: number };
  states: Readonly<Record<string, string>>;
  /** Why each mapping (or each state left out) is as it is, in words: for the dry run and the docs. */
  reasons: Readonly<Record<string, string>>;
  context(from: TFrom): TTo;
}
