import Holidays, { HolidaysTypes } from 'date-holidays';
import dateHolidaysPackage from 'date-holidays/package.json';
import {
  LocalDate,
  dayNumberToLocalDate,
  firstDayNumberOfYear,
  localDateToDayNumber,
  yearOfDayNumber,
} from './local-date';

/** The installed date-holidays version; part of every WorkingDayCalendar id. */
export const DATE_HOLIDAYS_VERSION: string = String(dateHolidaysPackage.version);

/**
 * Only these date-holidays types close offices. 'observance' (Mother's Day, Easter Sunday, ...),
 * 'optional' and 'school' entries are ignored.
 */
const CLOSING_TYPES: ReadonlySet<HolidaysTypes.HolidayType> = new Set(['public', 'bank']);

const MS_PER_DAY = 86_400_000;

export interface BankHoliday {
  date: LocalDate;
  name: string;
}

/**
 * England & Wales bank holidays (date-holidays, country GB, state ENG: England and Wales share
 * the same list), including substitute days, cached per calendar year by day number.
 */
export class EnglandAndWalesBankHolidays {
  private holidays: Holidays | undefined;
  private readonly byYear = new Map<number, ReadonlyMap<number, string>>();
  // The year looked up last, so that stepping day by day needs no year arithmetic.
  private recentFirstDay = 1;
  private recentLastDay = 0;
  private recentMap: ReadonlyMap<number, string> = new Map();

  /** The holiday name on a day number, or null; loads and caches that day's year on first use. */
  nameOnDayNumber(dayNumber: number): string | null {
    if (dayNumber < this.recentFirstDay || dayNumber > this.recentLastDay) {
      const year = yearOfDayNumber(dayNumber);
      this.recentMap = this.yearMap(year);
      this.recentFirstDay = firstDayNumberOfYear(year);
      this.recentLastDay = firstDayNumberOfYear(year + 1) - 1;
    }
    return this.recentMap.get(dayNumber) ?? null;
  }

  nameOn(date: LocalDate): string | null {
    return this.nameOnDayNumber(localDateToDayNumber(date));
  }

  /**
   * Every public/bank holiday date date-holidays lists for the year, sorted, including a nominal
   * day that falls on a weekend (e.g. Boxing Day on Saturday 2026-12-26) next to its substitute.
   */
  inYear(year: number): BankHoliday[] {
    return [...this.yearMap(year)]
      .sort(([a], [b]) => a - b)
      .map(([dayNumber, name]) => ({ date: dayNumberToLocalDate(dayNumber), name }));
  }

  private yearMap(year: number): ReadonlyMap<number, string> {
    let map = this.byYear.get(year);
    if (!map) {
      map = this.load(year);
      this.byYear.set(year, map);
    }
    return map;
  }

  private load(year: number): ReadonlyMap<number, string> {
    this.holidays ??= new Holidays('GB', 'ENG', { languages: 'en', timezone: 'Europe/London' });
    const map = new Map<number, string>();
    for (const holiday of this.holidays.getHolidays(year, 'en')) {
      if (!CLOSING_TYPES.has(holiday.type)) continue;
      // `date` is the local start, "YYYY-MM-DD hh:mm:ss[ offset]"; England's holidays are whole days
      // but a multi-day entry would cover every day from its start until its end.
      const first = localDateToDayNumber(holiday.date.slice(0, 10), 'date-holidays date');
      const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / MS_PER_DAY));
      for (let offset = 0; offset < days; offset++) {
        const existing = map.get(first + offset);
        map.set(first + offset, existing ? `${existing} / ${holiday.name}` : holiday.name);
      }
    }
    return map;
  }
}

let shared: EnglandAndWalesBankHolidays | undefined;

/** One process-wide instance, so every calendar shares the per-year cache. */
export function sharedEnglandAndWalesBankHolidays(): EnglandAndWalesBankHolidays {
  shared ??= new EnglandAndWalesBankHolidays();
  return shared;
}
