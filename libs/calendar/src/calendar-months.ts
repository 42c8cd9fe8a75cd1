import { assertInteger } from './count-guards';
import { LocalDate, daysInMonth, formatLocalDate, parseLocalDate } from './local-date';

/**
 * Adds (or, for negative n, subtracts) calendar months, keeping the day of the month and
 * clamping it to the last day of a shorter month: 2027-01-31 + 1 month = 2027-02-28,
 * 2028-01-31 + 1 month = 2028-02-29, 2026-03-31 - 1 month = 2026-02-28.
 */
export function addMonths(date: LocalDate, n: number): LocalDate {
  assertInteger(n, 'n (months)');
  const { year, month, day } = parseLocalDate(date);
  const monthIndex = year * 12 + (month - 1) + n;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  if (newYear < 1 || newYear > 9999) {
    throw new RangeError(`${date} + ${n} months is outside the supported range (years 0001-9999)`);
  }
  return formatLocalDate({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}
