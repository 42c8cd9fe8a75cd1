import { addDays, LocalDate, londonOffsetMs, toLondonDate } from '@compact/calendar';

/** The instant it is `hour`:00 London time on `date` (GMT or BST, whichever is in force then). */
export function londonHourOn(date: LocalDate, hour: number): Date {
  const wallAsUtc = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  const guess = wallAsUtc - londonOffsetMs(new Date(wallAsUtc));
  // Near a change of the clocks the offset at the guess may differ from the first one: take the offset in force there.
  return new Date(wallAsUtc - londonOffsetMs(new Date(guess)));
}

/**
 * When the daily digest that lists mail held at `at` is due: the next `hour`:00 London time after
 * `at` (the same day if that hour is still to come, otherwise the next day).
 */
export function nextDigestAt(at: Date, hour: number): Date {
  const today = toLondonDate(at);
  const sameDay = londonHourOn(today, hour);
  return sameDay.getTime() > at.getTime() ? sameDay : londonHourOn(addDays(today, 1), hour);
}

/** "8am", "12pm", "6pm": a digest hour in words. */
export function digestHourInWords(hour: number): string {
  if (hour === 0) return 'midnight';
  if (hour === 12) return 'midday';
  return hour < 12 ? `${hour}am` : `${hour - 12}pm`;
}
