import { isLocalDate, LocalDate } from '@compact/calendar';

/** The three boxes of a GOV.UK date input, as typed (trimmed). */
export interface DateBoxes {
  day: string;
  month: string;
  year: string;
}

export type DatePart = keyof DateBoxes;
const PARTS: DatePart[] = ['day', 'month', 'year'];

/** How a page names one date question: "Enter the date you were told", "The date you were told must be a real date". */
export interface DateWording {
  /** The message when all three boxes are empty. */
  missing: string;
  /** The subject of the other messages, e.g. "The date you were told". */
  subject: string;
}

export type DateReading =
  | { date: LocalDate; boxes: DateBoxes }
  | { date: null; boxes: DateBoxes; message: string; /** The boxes to mark, the first being where the error summary links. */ parts: DatePart[] };

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The boxes `<name>-day`, `-month` and `-year` of a form or query string (anything but text reads as empty). */
export function dateBoxesOf(source: Record<string, unknown>, name: string): DateBoxes {
  return { day: text(source[`${name}-day`]), month: text(source[`${name}-month`]), year: text(source[`${name}-year`]) };
}

/** Whether a form or query string holds any box of the date `name` (i.e. the form was sent). */
export const hasDateBoxes = (source: Record<string, unknown>, name: string) => PARTS.some((p) => `${name}-${p}` in source);

const and = (parts: DatePart[]) => (parts.length === 1 ? `a ${parts[0]}` : `a ${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);

/**
 * Reads a date from its three boxes the way the GOV.UK date input pattern words it: all empty is
 * "Enter ..."; some empty is "... must include a month"; a year not of 4 numbers says so (in the subject's words, as a page may ask for two dates); anything
 * else that is not a real date is "... must be a real date".
 */
export function readDate(boxes: DateBoxes, wording: DateWording): DateReading {
  const empty = PARTS.filter((p) => boxes[p] === '');
  if (empty.length === 3) return { date: null, boxes, message: wording.missing, parts: [...PARTS] };
  if (empty.length > 0) return { date: null, boxes, message: `${wording.subject} must include ${and(empty)}`, parts: empty };
  if (!/^\d{1,2}$/.test(boxes.day) || !/^\d{1,2}$/.test(boxes.month)) return { date: null, boxes, message: `${wording.subject} must be a real date`, parts: [...PARTS] };
  if (!/^\d{4}$/.test(boxes.year)) return { date: null, boxes, message: `${wording.subject} must have a year with 4 numbers`, parts: ['year'] };
  const date = `${boxes.year}-${boxes.month.padStart(2, '0')}-${boxes.day.padStart(2, '0')}`;
  if (!isLocalDate(date)) return { date: null, boxes, message: `${wording.subject} must be a real date`, parts: [...PARTS] };
  return { date, boxes };
}

/** The boxes showing a date (for a form filled in from a date). */
export function boxesOfDate(date: LocalDate): DateBoxes {
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}
