import { LocalDate, localDateToDayNumber } from './local-date';

const MS_PER_DAY = 86_400_000;

// The date is already a London date, so it is formatted as a UTC calendar day (no zone shift).
const longDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** 'Saturday 12 December 2026' (en-GB words, no comma). */
export function formatLongDate(date: LocalDate): string {
  const parts = longDateFormat.formatToParts(localDateToDayNumber(date) * MS_PER_DAY);
  const value = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${value('weekday')} ${value('day')} ${value('month')} ${value('year')}`;
}
