import { addMonths } from './calendar-months';
import { addDays, isLocalDate, LocalDate, localDateToDayNumber } from './local-date';

/** A date a calculator cannot use: missing, not a real date, or in the wrong order. `field` names it. */
export class CalculatorInputError extends RangeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'CalculatorInputError';
  }
}

/**
 * The dates a calculator takes: wide enough for any notice or consultation, and far enough inside
 * the calendar's years (0001-9999) that three months or 12 weeks either side of them are dates too.
 */
export const CALCULATOR_DATES = { first: '1900-01-01', last: '9998-12-31' } as const;

/** Whether a real date is one a calculator takes (see CALCULATOR_DATES). */
export const isCalculatorDateInRange = (date: LocalDate) => date >= CALCULATOR_DATES.first && date <= CALCULATOR_DATES.last;

/** The one rule for a calculator's date: present, a real calendar date written YYYY-MM-DD, and within CALCULATOR_DATES. */
export function checkCalculatorDate(value: unknown, field: string): LocalDate {
  if (value === undefined || value === null || value === '') throw new CalculatorInputError(field, `${field} is required, written YYYY-MM-DD`);
  if (!isLocalDate(value)) throw new CalculatorInputError(field, `${field} must be a real calendar date written YYYY-MM-DD, got "${String(value)}"`);
  if (!isCalculatorDateInRange(value)) {
    throw new CalculatorInputError(field, `${field} must be from ${CALCULATOR_DATES.first} to ${CALCULATOR_DATES.last}, got "${value}"`);
  }
  return value;
}

const daysBetween = (from: LocalDate, to: LocalDate) => localDateToDayNumber(to) - localDateToDayNumber(from);

/** Undertaking 4.5: at least three months' notice in writing of changing or ending funding. */
export const NOTICE_MONTHS = 3;

export interface NoticeResult {
  given: LocalDate;
  ends: LocalDate;
  /** Calendar days from the notice to the end of the funding. */
  noticeDays: number;
  /** The earliest end that three calendar months' notice given on `given` allows. */
  earliestEnd: LocalDate;
  /** The latest date notice could have been given for an end on `ends`. */
  noticeDueBy: LocalDate;
  enough: boolean;
  /** Days by which the notice falls short (0 when enough): from `ends` to `earliestEnd`. */
  shortfallDays: number;
}

/**
 * Calendar months, as the calendar counts them: the same day of the month three months later,
 * clamped to that month's last day (notice on 30 Nov 2026 allows an end on 28 Feb 2027; on
 * 31 Jan 2027, an end on 30 Apr 2027). Dates are calendar dates, so a clock change between them
 * changes nothing. An end before the notice is an error, not a shortfall.
 */
export function checkNotice(givenInput: unknown, endsInput: unknown): NoticeResult {
  const given = checkCalculatorDate(givenInput, 'given');
  const ends = checkCalculatorDate(endsInput, 'ends');
  if (daysBetween(given, ends) < 0) throw new CalculatorInputError('ends', `ends (${ends}) is before given (${given}): the funding must end after the notice is given`);
  const earliestEnd = addMonths(given, NOTICE_MONTHS);
  // The latest G with G + 3 months <= ends: G + 3 months never decreases as G grows, and clamping
  // makes up to three days of G reach the same month end (29, 30, 31 Nov all give 28 Feb).
  let noticeDueBy = addMonths(ends, -NOTICE_MONTHS);
  while (daysBetween(addMonths(addDays(noticeDueBy, 1), NOTICE_MONTHS), ends) >= 0) noticeDueBy = addDays(noticeDueBy, 1);
  const shortfallDays = Math.max(0, daysBetween(ends, earliestEnd));
  return { given, ends, noticeDays: daysBetween(given, ends), earliestEnd, noticeDueBy, enough: shortfallDays === 0, shortfallDays };
}

/** Undertaking 2.4: 12-week formal written consultations. */
export const CONSULTATION_WEEKS = 12;

export interface ConsultationResult {
  opens: LocalDate;
  closes: LocalDate;
  /** Calendar days from opening to closing (opening on a Monday and closing on the Monday 12 weeks later is 84). */
  lengthDays: number;
  /** The earliest close that gives 12 weeks. */
  earliestClose: LocalDate;
  enough: boolean;
  /** Days short of 12 weeks (0 when enough). */
  shortfallDays: number;
}

export function checkConsultation(opensInput: unknown, closesInput: unknown): ConsultationResult {
  const opens = checkCalculatorDate(opensInput, 'opens');
  const closes = checkCalculatorDate(closesInput, 'closes');
  const lengthDays = daysBetween(opens, closes);
  if (lengthDays < 0) throw new CalculatorInputError('closes', `closes (${closes}) is before opens (${opens}): a consultation closes after it opens`);
  const required = CONSULTATION_WEEKS * 7;
  const shortfallDays = Math.max(0, required - lengthDays);
  return { opens, closes, lengthDays, earliestClose: addDays(opens, required), enough: shortfallDays === 0, shortfallDays };
}
