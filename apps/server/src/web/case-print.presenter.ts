import type { CaseView } from '@compact/application';
import { formatLongDate } from '@compact/calendar';
import type { AuditEntry } from '@compact/domain';

const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hourCycle: 'h12' });

/** A moment as a person in England reads it, in the GOV.UK style: "Tuesday 1 December 2026 at 10am", "… at 2:05pm", "… at midday". */
export function londonDateTimeText(at: Date): string {
  const parts = LONDON_TIME.formatToParts(at);
  const value = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const minute = value('minute');
  const period = value('dayPeriod').replace(/[^a-z]/gi, '').toLowerCase();
  const onTheHour = minute === '00';
  // GOV.UK style: midday and midnight in words, the hour alone when on the hour (10am, 2:05pm).
  const time =
    onTheHour && value('hour') === '12' ? (period === 'pm' ? 'midday' : 'midnight') : `${value('hour')}${onTheHour ? '' : `:${minute}`}${period}`;
  return `${formatLongDate(LONDON_DATE.format(at))} at ${time}`;
}

export interface PrintView {
  /** "Printed on Tuesday 1 December 2026 at 10am (UK time)". */
  printedOn: string;
  /** Each undertaking the case cites, its id and its words as the Compact has them. */
  undertakings: Array<{ id: string; text: string }>;
  /** The check code of the latest step (its hash), to compare with the service. */
  latestCheckCode: string | null;
}

/** What the print-friendly history adds to the case's timeline: when it was printed, the undertakings' words, the latest check code. */
export function printView(c: CaseView, entries: readonly AuditEntry[], now: Date): PrintView {
  return {
    printedOn: `Printed on ${londonDateTimeText(now)} (UK time)`,
    undertakings: c.citedUndertakings.map((u) => ({ id: u.id, text: u.text })),
    latestCheckCode: entries.at(-1)?.hash ?? null,
  };
}
