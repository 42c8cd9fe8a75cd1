import { londonMidnight, toLondonDate } from '@compact/calendar';
import type { TimeBucket, TimeWindow } from '@compact/domain';

/** The year (Europe/London) an instant falls in. */
export function londonYearOf(instant: Date): number {
  return Number(toLondonDate(instant).slice(0, 4));
}

const startOf = (year: number, month: number) => londonMidnight(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`);

/** A calendar year, from 00:00 London time on 1 January to the next. */
export function yearWindow(year: number): TimeBucket {
  return { key: String(year), from: startOf(year, 1), to: startOf(year + 1, 1) };
}

/** The four quarters of a year (January–March …), keyed `2026-Q1` …. */
export function quarterBuckets(year: number): TimeBucket[] {
  return [1, 2, 3, 4].map((q) => ({
    key: `${year}-Q${q}`,
    from: startOf(year, q * 3 - 2),
    to: q === 4 ? startOf(year + 1, 1) : startOf(year, q * 3 + 1),
  }));
}

/** Every moment a case can have (the register over all time). */
export const ALL_TIME: TimeWindow = { from: new Date(0), to: new Date(8.64e15) };
