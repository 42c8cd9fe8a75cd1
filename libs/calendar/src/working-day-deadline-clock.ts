import { addMonths } from './calendar-months';
import { Deadline, DeadlineClock, assertDeadline } from './deadline-clock';
import { DeadlineRule, describeDeadlineRule, isDurationRule } from './deadline-rule';
import { LocalDate, addDays } from './local-date';
import { endOfLondonDay, londonMidnight, toLondonDate } from './london-time';
import type { WorkingDayCalendar } from './working-day-calendar';

/**
 * The real clock: working-day rules follow the day-zero rule on the calendar, month rules add
 * calendar months (clamped to month end); every deadline ends at the London midnight after dueDate.
 */
export class WorkingDayDeadlineClock implements DeadlineClock {
  readonly id: string;

  constructor(readonly calendar: WorkingDayCalendar) {
    // Duck-typed rather than instanceof, so a second copy of this module (e.g. via a path alias) still works.
    if (typeof calendar?.addWorkingDays !== 'function' || typeof calendar.workingDaysBefore !== 'function') {
      throw new RangeError('WorkingDayDeadlineClock needs a WorkingDayCalendar');
    }
    this.id = calendar.id;
  }

  deadlineFrom(start: Date, rule: DeadlineRule): Deadline {
    return this.deadlineFromDate(toLondonDate(start), rule);
  }

  deadlineFromDate(start: LocalDate, rule: DeadlineRule): Deadline {
    const description = describeDeadlineRule(rule);
    const dueDate =
      rule.kind === 'working-days'
        ? this.calendar.addWorkingDays(start, rule.days)
        : rule.kind === 'months'
          ? addMonths(start, rule.months)
          : rule.date;
    return { dueAt: endOfLondonDay(dueDate), dueDate, rule: description, calendarId: this.id };
  }

  /** The deadline moved on by `rule` from its own due date (an agreed extension): 3 working days more end 3 working days after dueDate. */
  extend(deadline: Deadline, rule: DeadlineRule): Deadline {
    if (!isDurationRule(rule)) throw new RangeError('a deadline is extended by a length of time, not to a date');
    assertDeadline(deadline);
    const moved = this.deadlineFromDate(deadline.dueDate, rule);
    return { ...moved, rule: `${deadline.rule}, extended by ${describeDeadlineRule(rule)}` };
  }

  /**
   * Working days: London midnight starting the working day n working days before dueDate.
   * Months: London midnight of (dueDate + 1 day) minus the months (clamped to month end).
   */
  before(deadline: Deadline, rule: DeadlineRule): Date {
    describeDeadlineRule(rule);
    assertDeadline(deadline);
    if (!isDurationRule(rule)) throw new RangeError('a reminder comes a length of time before a deadline, not on a date');
    if (rule.kind === 'working-days') {
      return londonMidnight(this.calendar.workingDaysBefore(deadline.dueDate, rule.days));
    }
    return londonMidnight(addMonths(addDays(deadline.dueDate, 1), -rule.months));
  }
}
