import { ConsultationResult, CONSULTATION_WEEKS, formatLongDate, NoticeResult, parseLocalDate } from '@compact/calendar';

/**
 * What the Compact's calculators say in plain words (three months: NOTICE_MONTHS, in words): the same sentences on the pages, in the API
 * and in the evidence a case records. Pure; dates are shown as 'Tuesday 1 December 2026'.
 */
const long = formatLongDate;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** 60 -> '8 weeks and 4 days', 84 -> '12 weeks', 6 -> '6 days'. */
export function weeksAndDays(days: number): string {
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  if (weeks === 0) return plural(rest, 'day');
  return rest === 0 ? plural(weeks, 'week') : `${plural(weeks, 'week')} and ${plural(rest, 'day')}`;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

export function noticeExplanation(r: NoticeResult): string {
  const told = `Notice given on ${long(r.given)} that funding ends on ${long(r.ends)} is ${plural(r.noticeDays, 'day’s', 'days’')} notice.`;
  if (r.enough) {
    return `${told} That is at least three months: three months from ${long(r.given)} is ${long(r.earliestEnd)}, and the funding ends on or after that date.`;
  }
  return (
    `${told} That is less than three months: three months from ${long(r.given)} is ${long(r.earliestEnd)}, so the notice is ` +
    `${plural(r.shortfallDays, 'day')} short. For funding to end on ${long(r.ends)}, notice should have been given by ${long(r.noticeDueBy)}.`
  );
}

export function noticeCounting(r: NoticeResult): string {
  const general =
    'Months are counted as calendar months: three months from a date is the same day of the month three months later ' +
    '(15 June to 15 September). When that month is shorter and has no such day, it is the last day of that month: notice on ' +
    '31 January allows an end on 30 April, and notice on 30 November an end on 28 February (29 February in a leap year). ' +
    'Only calendar dates count: weekends, bank holidays and the clock change make no difference.';
  const given = parseLocalDate(r.given);
  const earliest = parseLocalDate(r.earliestEnd);
  if (earliest.day === given.day) return general;
  return `${general} Here ${MONTH_NAMES[earliest.month - 1]} ${earliest.year} has no ${ordinal(given.day)}, so three months from ${long(r.given)} is its last day, ${long(r.earliestEnd)}.`;
}

export const NOTICE_EXCEPTION =
  'The undertaking allows less notice in exceptional circumstances, and asks in every case for a clear rationale for the decision. ' +
  'It also asks for the notice to be in writing: this calculator checks only how long the notice is.';

export function consultationExplanation(r: ConsultationResult): string {
  const runs = `A consultation that opens on ${long(r.opens)} and closes on ${long(r.closes)} runs for ${plural(r.lengthDays, 'day')} (${weeksAndDays(r.lengthDays)}).`;
  if (r.enough) return `${runs} That is at least ${CONSULTATION_WEEKS} weeks: ${CONSULTATION_WEEKS} weeks from ${long(r.opens)} is ${long(r.earliestClose)}.`;
  return (
    `${runs} That is shorter than ${CONSULTATION_WEEKS} weeks: ${CONSULTATION_WEEKS} weeks from ${long(r.opens)} is ${long(r.earliestClose)}, ` +
    `so it is ${plural(r.shortfallDays, 'day')} short.`
  );
}

export const CONSULTATION_COUNTING =
  `Days are counted from the day the consultation opens to the day it closes: ${CONSULTATION_WEEKS} weeks is ${CONSULTATION_WEEKS * 7} days, ` +
  `so one that opens on a Monday is long enough if it closes on the Monday ${CONSULTATION_WEEKS} weeks later, or after. ` +
  'Only calendar dates count: weekends, bank holidays and the clock change make no difference.';

export const CONSULTATION_EXCEPTION =
  `The Compact asks for ${CONSULTATION_WEEKS}-week formal written consultations where that is appropriate and enables meaningful engagement. ` +
  'A shorter time-frame can be used, but it needs clear explanations, as does a more informal approach.';
