import { assertNonNegativeInteger } from './count-guards';

/** How long an action may take: n working days (day-zero rule) or m calendar months. */
export type DeadlineRule = { kind: 'working-days'; days: number } | { kind: 'months'; months: number };

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
    default:
      throw new RangeError(
        `deadline rule kind must be 'working-days' or 'months', got ${JSON.stringify((rule as { kind?: unknown }).kind)}`,
      );
  }
}

/** '5 working days', '1 working day', '12 months', '1 month'. */
export function describeDeadlineRule(rule: DeadlineRule): string {
  assertDeadlineRule(rule);
  if (rule.kind === 'working-days') return `${rule.days} working ${rule.days === 1 ? 'day' : 'days'}`;
  return `${rule.months} ${rule.months === 1 ? 'month' : 'months'}`;
}
