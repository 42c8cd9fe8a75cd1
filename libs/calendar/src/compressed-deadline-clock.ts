import { assertPositiveFiniteNumber } from './count-guards';
import { Deadline, DeadlineClock, assertDeadline } from './deadline-clock';
import { DeadlineRule, describeDeadlineRule, isDurationRule } from './deadline-rule';
import { LocalDate } from './local-date';
import { endOfLondonDay, londonMidnight, toLondonDate } from './london-time';

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
    // An agreed date is a real date even on the demonstration clock: the end of that London day.
    if (rule.kind === 'on') return { dueAt: endOfLondonDay(rule.date), dueDate: rule.date, rule: description, calendarId: this.id };
    const dueAt = new Date(startMs + this.durationMs(rule));
    return { dueAt, dueDate: toLondonDate(dueAt), rule: description, calendarId: this.id };
  }

  /** Moved on from its own due instant by the compressed length of `rule`. */
  extend(deadline: Deadline, rule: DeadlineRule): Deadline {
    if (!isDurationRule(rule)) throw new RangeError('a deadline is extended by a length of time, not to a date');
    assertDeadline(deadline);
    const moved = this.deadlineFrom(deadline.dueAt, rule);
    return { ...moved, rule: `${deadline.rule}, extended by ${describeDeadlineRule(rule)}` };
  }

  /** A local date has no instant of its own: it is counted from its London midnight. */
  deadlineFromDate(start: LocalDate, rule: DeadlineRule): Deadline {
    describeDeadlineRule(rule);
    return this.deadlineFrom(londonMidnight(start), rule);
  }

  before(deadline: Deadline, rule: DeadlineRule): Date {
    describeDeadlineRule(rule);
    assertDeadline(deadline);
    if (!isDurationRule(rule)) throw new RangeError('a reminder comes a length of time before a deadline, not on a date');
    return new Date(deadline.dueAt.getTime() - this.durationMs(rule));
  }

  private durationMs(rule: Exclude<DeadlineRule, { kind: 'on' }>): number {
    const seconds =
      rule.kind === 'working-days' ? rule.days * this.secondsPerWorkingDay : rule.months * this.secondsPerMonth;
    return Math.round(seconds * 1000);
  }
}
