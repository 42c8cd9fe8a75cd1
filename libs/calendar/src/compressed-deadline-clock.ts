import { assertPositiveFiniteNumber } from './count-guards';
import { Deadline, DeadlineClock, assertDeadline } from './deadline-clock';
import { DeadlineRule, describeDeadlineRule } from './deadline-rule';
import { LocalDate } from './local-date';
import { londonMidnight, toLondonDate } from './london-time';

export interface CompressedDeadlineClockOptions {
  /** Seconds per working day (default 1). */
  secondsPerWorkingDay?: number;
  /** Seconds per calendar month (default 20). */
  secondsPerMonth?: number;
}

/**
 * For demos and black-box tests: time is compressed so that a working day lasts
 * `secondsPerWorkingDay` seconds and a month `secondsPerMonth` seconds, counted exactly from the
 * start instant (no weekends, holidays or midnights). dueDate is the London date of dueAt.
 */
export class CompressedDeadlineClock implements DeadlineClock {
  readonly id: string;
  readonly secondsPerWorkingDay: number;
  readonly secondsPerMonth: number;

  constructor(opts: CompressedDeadlineClockOptions = {}) {
    this.secondsPerWorkingDay = opts.secondsPerWorkingDay ?? 1;
    this.secondsPerMonth = opts.secondsPerMonth ?? 20;
    assertPositiveFiniteNumber(this.secondsPerWorkingDay, 'secondsPerWorkingDay');
    assertPositiveFiniteNumber(this.secondsPerMonth, 'secondsPerMonth');
    this.id = `compressed:${this.secondsPerWorkingDay}s-per-working-day:${this.secondsPerMonth}s-per-month`;
  }

  deadlineFrom(start: Date, rule: DeadlineRule): Deadline {
    const description = describeDeadlineRule(rule);
    const startMs = start instanceof Date ? start.getTime() : Number.NaN;
    if (Number.isNaN(startMs)) throw new RangeError(`start must be a valid Date, got ${String(start)}`);
    const dueAt = new Date(startMs + this.durationMs(rule));
    return { dueAt, dueDate: toLondonDate(dueAt), rule: description, calendarId: this.id };
  }

  /** A local date has no instant of its own: it is counted from its London midnight. */
  deadlineFromDate(start: LocalDate, rule: DeadlineRule): Deadline {
    describeDeadlineRule(rule);
    return this.deadlineFrom(londonMidnight(start), rule);
  }

  before(deadline: Deadline, rule: DeadlineRule): Date {
    describeDeadlineRule(rule);
    assertDeadline(deadline);
    return new Date(deadline.dueAt.getTime() - this.durationMs(rule));
  }

  private durationMs(rule: DeadlineRule): number {
    const seconds =
      rule.kind === 'working-days' ? rule.days * this.secondsPerWorkingDay : rule.months * this.secondsPerMonth;
    return Math.round(seconds * 1000);
  }
}
