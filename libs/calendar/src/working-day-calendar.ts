import { CalendarConfig, CalendarRegion, assertCalendarConfig, canonicalClosures, closuresFingerprint } from './calendar-config';
import { assertNonNegativeInteger } from './count-guards';
import {
  BankHoliday,
  DATE_HOLIDAYS_VERSION,
  EnglandAndWalesBankHolidays,
  sharedEnglandAndWalesBankHolidays,
} from './england-and-wales-bank-holidays';
import {
  LocalDate,
  dayNumberToLocalDate,
  isWeekendDayNumber,
  localDateToDayNumber,
  partsToDayNumber,
} from './local-date';

/** Day number of 9999-12-31: stepping past it would leave the supported date range. */
const LAST_SUPPORTED_DAY = partsToDayNumber(9999, 12, 31);
const FIRST_SUPPORTED_DAY = partsToDayNumber(1, 1, 1);

/**
 * Working days in England & Wales: Monday to Friday, except bank holidays (from date-holidays,
 * including substitute days, Good Friday and Easter Monday) and the configured extra closures.
 */
export class WorkingDayCalendar {
  /** e.g. 'england-and-wales/date-holidays@3.37.0/closures:none'; stable for the same config. */
  readonly id: string;
  readonly region: CalendarRegion;
  /** The configured closures, sorted and de-duplicated. */
  readonly extraClosures: readonly LocalDate[];
  private readonly closureDays: ReadonlySet<number>;
  private readonly holidays: EnglandAndWalesBankHolidays;

  constructor(config: CalendarConfig) {
    assertCalendarConfig(config);
    this.region = config.region;
    this.extraClosures = Object.freeze(canonicalClosures(config.extraClosures));
    this.closureDays = new Set(this.extraClosures.map((date) => localDateToDayNumber(date)));
    this.holidays = sharedEnglandAndWalesBankHolidays();
    this.id = `${this.region}/date-holidays@${DATE_HOLIDAYS_VERSION}/closures:${closuresFingerprint(this.extraClosures)}`;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.isWorkingDayNumber(localDateToDayNumber(date));
  }

  /** Why a day is not a working day: 'weekend', the bank holiday's name, or 'closure'; null on a working day. */
  nonWorkingReason(date: LocalDate): string | null {
    const day = localDateToDayNumber(date);
    if (isWeekendDayNumber(day)) return 'weekend';
    const holiday = this.holidays.nameOnDayNumber(day);
    if (holiday !== null) return holiday;
    if (this.closureDays.has(day)) return 'closure';
    return null;
  }

  /**
   * Day-zero rule: `date` is day 0, day 1 is the first working day after it, and the result is
   * the n-th working day. n = 0 returns `date` unchanged (even if it is not a working day).
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    assertNonNegativeInteger(n, 'n (working days)');
    let day = localDateToDayNumber(date);
    for (let counted = 0; counted < n; ) {
      day++;
      if (day > LAST_SUPPORTED_DAY) throw new RangeError(`${date} + ${n} working days is after 9999-12-31`);
      if (this.isWorkingDayNumber(day)) counted++;
    }
    return dayNumberToLocalDate(day);
  }

  /** The working day that is n working days before `date` (not counting `date`); n = 0 returns `date`. */
  workingDaysBefore(date: LocalDate, n: number): LocalDate {
    assertNonNegativeInteger(n, 'n (working days)');
    let day = localDateToDayNumber(date);
    for (let counted = 0; counted < n; ) {
      day--;
      if (day < FIRST_SUPPORTED_DAY) throw new RangeError(`${date} - ${n} working days is before 0001-01-01`);
      if (this.isWorkingDayNumber(day)) counted++;
    }
    return dayNumberToLocalDate(day);
  }

  /** Working days after `from` up to and including `to`; 0 when `to` is on or before `from`. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    const first = localDateToDayNumber(from, 'from');
    const last = localDateToDayNumber(to, 'to');
    let count = 0;
    for (let day = first + 1; day <= last; day++) {
      if (this.isWorkingDayNumber(day)) count++;
    }
    return count;
  }

  /**
   * The bank holidays that close offices in a year, as gov.uk lists them: weekday dates only, so a
   * nominal holiday on a weekend is left out and its substitute day is listed instead.
   */
  bankHolidays(year: number): BankHoliday[] {
    if (!Number.isSafeInteger(year) || year < 1 || year > 9999) {
      throw new RangeError(`year must be an integer from 1 to 9999, got ${String(year)}`);
    }
    return this.holidays.inYear(year).filter((h) => !isWeekendDayNumber(localDateToDayNumber(h.date)));
  }

  private isWorkingDayNumber(day: number): boolean {
    return !isWeekendDayNumber(day) && !this.closureDays.has(day) && this.holidays.nameOnDayNumber(day) === null;
  }
}
