import { CaseParticipant, CaseRelation, CaseTimer } from '@compact/domain';
import { deadlineOf, InstalledWorkflow, PartyNames } from '@compact/engine';

type Part = CaseParticipant['part'];

/** One move a case is waiting for: who must do what, by when, and what happens if they do not. */
export interface PendingMove {
  deadlineKey: string;
  /** The parts of the case that must act (one, or both parties). */
  parts: Part[];
  /** Their organisations' names, in the order of `parts`. */
  who: string[];
  /** What they must do, after "must": "answer Hope Community Trust's proposal". */
  todo: string;
  /** What happens if they do not, after "If they do not,": "the case can go to mediation". */
  ifNot: string;
  /** The last day on which it is in time (Europe/London), and the instant it passes. */
  dueDate: string;
  dueAt: string;
  /** The events that make the move. */
  events: readonly string[];
}

/** Whose turn it is on a case, for one person looking at it. */
export interface NextMove {
  /** Moves the person's own part must make, soonest first. */
  yours: PendingMove[];
  /** Moves others must make, soonest first. */
  theirs: PendingMove[];
  /** The main thing the person can do now: the first event of their most urgent move, else their first allowed event. */
  mainEvent: string | null;
  /** What the person may do (their allowed events, the main one first). */
  mayDo: string[];
}

export interface NextMoveInputs {
  workflow: InstalledWorkflow;
  context: unknown;
  timers: ReadonlyArray<Pick<CaseTimer, 'key' | 'purpose' | 'dueAt' | 'dueDate'>>;
  names: PartyNames;
  relation: CaseRelation;
  allowedEvents: readonly string[];
  /** Where the case is (`negotiation.failed`), for the workflow's next step along the path. */
  statePath?: string;
  /** Those of `allowedEvents` that would end the case: never the main action while another is possible. */
  endingEvents?: readonly string[];
}

/**
 * Whose move it is, derived (never typed per state) from the case's own workflow: its pending
 * deadlines, who must meet each (`mustAct`), how each reads for people (the version's reading),
 * and what the person may do now. The case page's banner, the hand-off emails and the case list
 * all ask this one function.
 */
export function nextMove(inputs: NextMoveInputs): NextMove {
  const { workflow, context, names, relation } = inputs;
  const moves: PendingMove[] = [];
  for (const timer of [...inputs.timers].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())) {
    if (timer.purpose !== 'deadline') continue;
    const found = deadlineOf(workflow, timer.key);
    const phrases = found && !workflow.reading.periods.includes(found.def.key) ? workflow.reading.moves[found.def.key] : undefined;
    if (!found || !phrases) continue;
    const parts = found.def.mustAct(context, found.instance);
    moves.push({
      deadlineKey: timer.key,
      parts,
      who: parts.map((p) => names[p]),
      todo: phrases.todo(context, names, found.instance),
      ifNot: phrases.ifNot(context, names, found.instance),
      dueDate: timer.dueDate,
      dueAt: timer.dueAt.toISOString(),
      events: phrases.events,
    });
  }
  const mine = (m: PendingMove) => (relation === 'claimant' || relation === 'respondent' || relation === 'mediator') && m.parts.includes(relation);
  const yours = moves.filter(mine);
  const allowed = inputs.allowedEvents;
  // What a deadline asks of the person first; else the next step along the path; else anything
  // that is not a side note or an act that ends the case; else whatever is left.
  const side = new Set(['ADD_NOTE', ...(workflow.reading.sideEvents ?? []), ...(inputs.endingEvents ?? [])]);
  const mainEvent =
    yours.flatMap((m) => m.events.filter((e) => allowed.includes(e)))[0] ??
    (workflow.reading.pathSteps?.(inputs.statePath ?? '') ?? []).find((e) => allowed.includes(e)) ??
    allowed.find((e) => !side.has(e)) ??
    allowed[0] ??
    null;
  return {
    yours,
    theirs: moves.filter((m) => !mine(m)),
    mainEvent,
    mayDo: mainEvent ? [mainEvent, ...allowed.filter((e) => e !== mainEvent)] : [...allowed],
  };
}
