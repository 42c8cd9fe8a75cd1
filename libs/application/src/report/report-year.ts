import { toLondonDate } from '@compact/calendar';
import { DomainError } from '@compact/domain';

/** No report covers a year before this one, whatever the database holds. */
export const EARLIEST_REPORT_YEAR = 2000;

const londonYear = (instant: Date) => Number(toLondonDate(instant).slice(0, 4));

export interface ReportYearBounds {
  now: Date;
  /** When the first case was raised; null when there is none yet. */
  firstCaseAt: Date | null;
}

/** The years a report can be written for: from the first case's year (this year with none) to this year, in London. */
export function reportYearRange(bounds: ReportYearBounds): { first: number; last: number } {
  const last = londonYear(bounds.now);
  const first = Math.max(EARLIEST_REPORT_YEAR, Math.min(last, bounds.firstCaseAt ? londonYear(bounds.firstCaseAt) : last));
  return { first, last };
}

/**
 * The year asked for (this year when none is given), or a VALIDATION_FAILED error naming `year`:
 * four digits, not before the first case, not after this year.
 */
export function parseReportYear(input: unknown, bounds: ReportYearBounds): number {
  const { first, last } = reportYearRange(bounds);
  if (input === undefined || input === null || input === '') return last;
  const text = typeof input === 'number' ? String(input) : input;
  const refuse = (message: string) => DomainError.validation([{ field: 'year', message }], message);
  if (typeof text !== 'string' || !/^\d{4}$/.test(text)) throw refuse(`The year must be 4 digits, like ${last}`);
  const year = Number(text);
  if (year > last) throw refuse(`There is no report for ${year} yet: the latest is for ${last}`);
  if (year < first) throw refuse(`There is no report for ${year}: the first is for ${first}, the year of the first case`);
  return year;
}
