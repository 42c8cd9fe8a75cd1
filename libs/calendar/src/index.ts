// Public API of @compact/calendar: a pure England & Wales working-day calendar and deadline clocks.
export type { LocalDate, DateParts } from './local-date';
export {
  isLocalDate,
  assertLocalDate,
  parseLocalDate,
  addDays,
  compareLocalDates,
  dayOfWeek,
  daysInMonth,
  isLeapYear,
} from './local-date';
export { addMonths } from './calendar-months';
export { LONDON_TIME_ZONE, toLondonDate, londonMidnight, endOfLondonDay, londonOffsetMs } from './london-time';
export { formatLongDate } from './long-date-format';
export type { CalendarConfig, CalendarRegion } from './calendar-config';
export { SUPPORTED_REGIONS } from './calendar-config';
export type { BankHoliday } from './england-and-wales-bank-holidays';
export { DATE_HOLIDAYS_VERSION } from './england-and-wales-bank-holidays';
export { WorkingDayCalendar } from './working-day-calendar';
export type { DeadlineRule } from './deadline-rule';
export { describeDeadlineRule, assertDeadlineRule, isDurationRule } from './deadline-rule';
export type { Deadline, DeadlineClock } from './deadline-clock';
export { WorkingDayDeadlineClock } from './working-day-deadline-clock';
export type { CompressedDeadlineClockOptions } from './compressed-deadline-clock';
export { CompressedDeadlineClock } from './compressed-deadline-clock';
export type { NoticeResult, ConsultationResult } from './compact-calculators';
export { checkNotice, checkConsultation, checkCalculatorDate, CALCULATOR_DATES, isCalculatorDateInRange, CalculatorInputError, NOTICE_MONTHS, CONSULTATION_WEEKS } from './compact-calculators';
