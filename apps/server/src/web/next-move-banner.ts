import { CaseView, nextMove, type NextMove, PendingMove } from '@compact/application';
import { formatLongDate, toLondonDate, WorkingDayDeadlineClock, type DeadlineClock } from '@compact/calendar';
import type { InstalledWorkflow } from '@compact/engine';

/** The banner at the top of a case page: what the person looking must do, or whom the case waits for. */
export interface NextMoveBanner {
  /** `act`: the person's own move; `wait`: someone else's; `free`: nobody must act, the person may; `none`: nothing to do. */
  kind: 'act' | 'wait' | 'free' | 'none';
  text: string;
  /** The main thing to do now, as a button that opens its form. */
  action: { label: string; href: string; event: string } | null;
}

/** "A", "A and B", "A, B and C". */
export const joined = (names: string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** "(10 working days left)", "(today is the last day)", on the demonstration clock in seconds. */
function timeLeft(move: PendingMove, clock: DeadlineClock, now: Date): string {
  if (!(clock instanceof WorkingDayDeadlineClock)) return `(${Math.max(0, Math.round((Date.parse(move.dueAt) - now.getTime()) / 1000))} s left on the demonstration clock)`;
  const today = toLondonDate(now);
  if (move.dueDate < today) return '(the date has passed)';
  if (move.dueDate === today) return '(today is the last day)';
  const days = clock.calendar.workingDaysBetween(today, move.dueDate);
  return `(${days} working day${days === 1 ? '' : 's'} left)`;
}

/** The case's pending moves for the person looking, as its own workflow says them (read once for the banner and the deadlines). */
export function movesOf(c: CaseView, wf: InstalledWorkflow): NextMove {
  const humanEvents = c.allowedEvents.filter((t) => wf.events[t] && !wf.events[t].senders.startsWith('the system'));
  return nextMove({
    workflow: wf,
    context: c.details,
    timers: c.deadlines.map((d) => ({ key: d.key, purpose: d.purpose, dueAt: new Date(d.dueAt), dueDate: d.dueDate })),
    names: { claimant: c.parties.claimant.name, respondent: c.parties.respondent.name, mediator: c.parties.mediator?.name ?? 'the mediator' },
    relation: c.yourPart,
    allowedEvents: humanEvents,
    statePath: c.statePath,
    endingEvents: c.endingEvents,
  });
}

/**
 * What each pending deadline asks, by timer key, naming who must meet it: "Hope Community Trust
 * must answer Southampton City Council's proposal" (the workflow's own phrases; a period that
 * nobody meets has none).
 */
export function deadlineDuties(move: NextMove): ReadonlyMap<string, string> {
  return new Map([...move.yours, ...move.theirs].map((m) => [m.deadlineKey, `${joined(m.who)} must ${m.todo}`]));
}

/**
 * Derived from the case's own workflow (its pending deadlines, who must meet each, and what the
 * person may do now: `nextMove`), for every version alike; nothing here names a state.
 */
export function nextMoveBanner(c: CaseView, wf: InstalledWorkflow, clock: DeadlineClock, now: Date, move: NextMove = movesOf(c, wf)): NextMoveBanner {
  const action = move.mainEvent && wf.events[move.mainEvent]
    ? { label: wf.events[move.mainEvent].label, href: `/cases/${c.id}?act=${move.mainEvent}#action-${move.mainEvent.toLowerCase()}`, event: move.mainEvent }
    : null;
  const [mine] = move.yours;
  if (mine) {
    return {
      kind: 'act',
      text: `You must ${mine.todo} by ${formatLongDate(mine.dueDate)} ${timeLeft(mine, clock, now)}. If you do not, ${mine.ifNot}.`,
      action,
    };
  }
  const [theirs] = move.theirs;
  if (theirs) {
    const also = move.mayDo.some((e) => e !== 'ADD_NOTE') && action ? ' Meanwhile you may act below.' : '';
    return { kind: 'wait', text: `Waiting for ${joined(theirs.who)} to ${theirs.todo}, by ${formatLongDate(theirs.dueDate)}.${also}`, action: also ? action : null };
  }
  if (move.mayDo.length > 0) {
    const labels = move.mayDo.map((e) => wf.events[e]?.label ?? e).map((l) => l.charAt(0).toLowerCase() + l.slice(1));
    return { kind: 'free', text: `Nobody has to act by a deadline now. You may: ${joined(labels)}.`, action };
  }
  return { kind: 'none', text: 'Nobody has to act on this case now.', action: null };
}
