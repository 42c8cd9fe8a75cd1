import { assertNonNegativeInteger } from './count-guards';

import { assertLocalDate, LocalDate } from './local-date';
import { formatLongDate } from './long-date-format';

/**
 * How long an action may take: n working days (day-zero rule), m calendar months, or until the end
 * of an agreed date (`on`, e.g. an action a party agreed to do by a given day).
 */
export type DeadlineRule =
  | { kind: 'working-days'; days: number }
  | { kind: 'months'; months: number }
  | { kind: 'on'; date: LocalDate };

/** Throws a RangeError for an unknown kind or a negative / non-integer count. */
export function assertDeadlineRule(rule: DeadlineRule): void {
  if (typeof rule !== 'object' || rule === null) {
    throw new RangeError(`deadline rule must be an object, got ${String(rule)}`);
  }
  switch (rule.kind) {
    case 'working-days':
      assertNonNegativeInteger(rule.days, 'deadline rule days');
      return;
    case 'months':
      assertNonNegativeInteger(rule.months, 'deadline rule months');
      return;
    case 'on':
      assertLocalDate(rule.date, 'deadline rule date');
      return;
    default:
      throw new RangeError(
        `deadline rule kind must be 'working-days', 'months' or 'on', got ${JSON.stringify((rule as { kind?: unknown }).kind)}`,
      );
  }
}

/** '5 working days', '1 working day', '12 months', '1 month', 'by Friday 29 January 2027'. */
export function describeDeadlineRule(rule: DeadlineRule): string {
  assertDeadlineRule(rule);
  if (rule.kind === 'working-days') return `${rule.days} working ${rule.days === 1 ? 'day' : 'days'}`;
  if (rule.kind === 'on') return `by ${formatLongDate(rule.date)}`;
  return `${rule.months} ${rule.months === 1 ? 'month' : 'months'}`;
}

/** A rule that counts a length of time (the kinds a reminder lead or an extension may have). */
export function isDurationRule(rule: DeadlineRule): rule is Exclude<DeadlineRule, { kind: 'on' }> {
  return rule.kind !== 'on';
}
