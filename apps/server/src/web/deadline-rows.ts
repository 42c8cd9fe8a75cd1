import { formatLongDate, toLondonDate, WorkingDayDeadlineClock, type DeadlineClock } from '@compact/calendar';
import type { DeadlineView } from '@compact/application';

type Cell = { text: string; classes?: string };

/** A reminder's words without the part that says which reminder it is: "Time limit for … (first reminder)" → "Time limit for …". */
const limitOf = (label: string): string => label.replace(/\s*\([^)]*\)\s*$/, '');
/** The limit's own rule, from a reminder's "3 months before the 12 months time limit". */
const limitRuleOf = (rule: string): string => (rule.includes(' before the ') ? rule.slice(rule.indexOf(' before the ') + ' before the '.length) : rule);

/**
 * The case page's deadlines table: each deadline someone must meet (who, and what it asks), with its date and how long is
 * left; each time limit (the ombudsman's, judicial review's) once, with its own date, followed by
 * its reminders, each on the date it is sent (not the limit's date).
 */
export function deadlineRows(
  deadlines: readonly DeadlineView[],
  clock: DeadlineClock,
  now: Date,
  /** What a deadline asks, naming who must meet it, by timer key (else its label). */
  duties: ReadonlyMap<string, string> = new Map(),
): Cell[][] {
  const today = toLondonDate(now);
  const left = (date: string, dueAt: string): string => {
    if (!(clock instanceof WorkingDayDeadlineClock)) {
      return `${Math.max(0, Math.round((Date.parse(dueAt) - now.getTime()) / 1000))} s (demonstration clock)`;
    }
    return date < today ? 'Passed' : date === today ? 'Due today' : String(clock.calendar.workingDaysBetween(today, date));
  };
  const rows: Cell[][] = [];
  const limitsShown = new Set<string>();
  for (const d of deadlines) {
    if (d.purpose === 'deadline') {
      rows.push([{ text: duties.get(d.key) ?? d.label }, { text: formatLongDate(d.dueDate) }, { text: left(d.dueDate, d.dueAt) }, { text: d.rule }]);
    } else if (d.key.startsWith('reminder.')) {
      const limit = `${limitOf(d.label)}|${d.dueDate}`;
      if (!limitsShown.has(limit)) {
        limitsShown.add(limit);
        const reminders = deadlines.filter((r) => r.key.startsWith('reminder.') && `${limitOf(r.label)}|${r.dueDate}` === limit);
        const lastAt = reminders.map((r) => r.dueAt).sort().at(-1) ?? d.dueAt;
        rows.push([{ text: limitOf(d.label) }, { text: formatLongDate(d.dueDate) }, { text: left(d.dueDate, lastAt) }, { text: limitRuleOf(d.rule) }]);
      }
      const sentOn = clock instanceof WorkingDayDeadlineClock ? toLondonDate(new Date(d.dueAt)) : d.dueDate;
      const which = /\(([^)]*)\)\s*$/.exec(d.label)?.[1] ?? 'reminder';
      const name = which.charAt(0).toUpperCase() + which.slice(1);
      rows.push([{ text: `${name} sent`, classes: 'app-deadline-reminder' }, { text: formatLongDate(sentOn) }, { text: left(sentOn, d.dueAt) }, { text: d.rule }]);
    }
  }
  return rows;
}
