/**
 * A calendar date in Europe/London, written `YYYY-MM-DD` (years 0001-9999, proleptic Gregorian).
 *
 * Internally dates are handled as "day numbers": whole days since 1970-01-01 (which is day 0),
 * so that stepping through days is integer arithmetic with no Date allocations.
 */
export type LocalDate = string;

export interface DateParts {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

// Module-local aliases: hot paths then avoid global lookups (which are slow inside Jest's vm sandbox).
const floor = Math.floor;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;
const DAYS_PER_400_YEARS = 146097;
/** Days from 0000-03-01 (start of the shifted calendar used below) to 1970-01-01. */
const EPOCH_SHIFT = 719468;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseOrNull(value: unknown): DateParts | null {
  if (typeof value !== 'string') return null;
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return null;
  const year = +match[1];
  const month = +match[2];
  const day = +match[3];
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isLocalDate(value: unknown): value is LocalDate {
  return parseOrNull(value) !== null;
}

/** Splits a LocalDate into numbers; throws a RangeError for anything that is not a real `YYYY-MM-DD` date. */
export function parseLocalDate(value: LocalDate, name = 'date'): DateParts {
  const parts = parseOrNull(value);
  if (!parts) {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    throw new RangeError(`${name} must be a real calendar date written YYYY-MM-DD, got ${shown}`);
  }
  return parts;
}

/** Throws a RangeError unless `value` is a valid LocalDate. */
export function assertLocalDate(value: LocalDate, name = 'date'): void {
  parseLocalDate(value, name);
}

/** Whole days since 1970-01-01 for a (valid) year/month/day. */
export function partsToDayNumber(year: number, month: number, day: number): number {
  // Count from 1 March so that the leap day is the last day of the (shifted) year.
  const y = month <= 2 ? year - 1 : year;
  const era = floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9; // March = 0 ... February = 11
  const dayOfYear = floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + floor(yearOfEra / 4) - floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_400_YEARS + dayOfEra - EPOCH_SHIFT;
}

/** The inverse of partsToDayNumber. */
export function dayNumberToParts(dayNumber: number): DateParts {
  const shifted = dayNumber + EPOCH_SHIFT;
  const era = floor(shifted / DAYS_PER_400_YEARS);
  const dayOfEra = shifted - era * DAYS_PER_400_YEARS;
  const yearOfEra = floor(
    (dayOfEra - floor(dayOfEra / 1460) + floor(dayOfEra / 36524) - floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + floor(yearOfEra / 4) - floor(yearOfEra / 100));
  const shiftedMonth = floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** The calendar year that a day number falls in. */
export function yearOfDayNumber(dayNumber: number): number {
  return dayNumberToParts(dayNumber).year;
}

/** Day number of 1 January of `year`. */
export function firstDayNumberOfYear(year: number): number {
  return partsToDayNumber(year, 1, 1);
}

function pad(value: number, width: number): string {
  return `${value}`.padStart(width, '0');
}

/** Formats parts as a LocalDate; throws a RangeError if the year is outside 0001-9999. */
export function formatLocalDate(parts: DateParts): LocalDate {
  if (parts.year < MIN_YEAR || parts.year > MAX_YEAR) {
    throw new RangeError(`date out of the supported range (years ${MIN_YEAR}-${MAX_YEAR}): year ${parts.year}`);
  }
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

export function localDateToDayNumber(date: LocalDate, name = 'date'): number {
  const { year, month, day } = parseLocalDate(date, name);
  return partsToDayNumber(year, month, day);
}

export function dayNumberToLocalDate(dayNumber: number): LocalDate {
  return formatLocalDate(dayNumberToParts(dayNumber));
}

/** 0 = Sunday, 1 = Monday ... 6 = Saturday. */
export function dayOfWeekOfDayNumber(dayNumber: number): number {
  // 1970-01-01 (day 0) was a Thursday.
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** 0 = Sunday, 1 = Monday ... 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return dayOfWeekOfDayNumber(localDateToDayNumber(date));
}

export function isWeekendDayNumber(dayNumber: number): boolean {
  const weekday = dayOfWeekOfDayNumber(dayNumber);
  return weekday === 0 || weekday === 6;
}

/** Adds (or, for negative n, subtracts) whole calendar days. */
export function addDays(date: LocalDate, n: number): LocalDate {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new RangeError(`n must be an integer number of days, got ${String(n)}`);
  }
  return dayNumberToLocalDate(localDateToDayNumber(date) + n);
}

/** Negative if a < b, 0 if equal, positive if a > b. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return localDateToDayNumber(a, 'a') - localDateToDayNumber(b, 'b');
}
