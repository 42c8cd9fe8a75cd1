import { DeadlineRule } from './deadline-rule';
import { LocalDate, assertLocalDate } from './local-date';

export interface Deadline {
  /** Exclusive end: the instant from which the deadline has passed (a London midnight for real calendars). */
  dueAt: Date;
  /** The last London-local day on which the action is in time. */
  dueDate: LocalDate;
  /** e.g. '5 working days' or '12 months'. */
  rule: string;
  /** The calendar (or compressed clock) that produced it. */
  calendarId: string;
}

/** Turns a rule into an absolute deadline, and a deadline into reminder instants. */
export interface DeadlineClock {
  readonly id: string;
  /** From an event instant; working days use the day-zero rule from the event's London date. */
  deadlineFrom(start: Date, rule: DeadlineRule): Deadline;
  /** From a London-local date (e.g. the date the claimant became aware). */
  deadlineFromDate(start: LocalDate, rule: DeadlineRule): Deadline;
  /** The instant for a reminder `rule` before the deadline. */
  before(deadline: Deadline, rule: DeadlineRule): Date;
  /** The deadline moved later by `rule` (an agreed extension), keeping its calendar. */
  extend(deadline: Deadline, rule: DeadlineRule): Deadline;
}

/** Throws a RangeError unless the deadline has a valid dueAt instant and dueDate. */
export function assertDeadline(deadline: Deadline): void {
  if (typeof deadline !== 'object' || deadline === null) {
    throw new RangeError(`deadline must be an object, got ${String(deadline)}`);
  }
  if (!(deadline.dueAt instanceof Date) || Number.isNaN(deadline.dueAt.getTime())) {
    throw new RangeError(`deadline.dueAt must be a valid Date, got ${String(deadline.dueAt)}`);
  }
  assertLocalDate(deadline.dueDate, 'deadline.dueDate');
}
