import * as calendarLib from '@compact/calendar';
import {
  CompressedDeadlineClock,
  DeadlineClock,
  WorkingDayCalendar,
  WorkingDayDeadlineClock,
  addDays,
  addMonths,
  formatLongDate,
  londonMidnight,
  toLondonDate,
} from '@compact/calendar';

describe('@compact/calendar barrel', () => {
  it('exports the public API', () => {
    for (const name of ['WorkingDayCalendar', 'WorkingDayDeadlineClock', 'CompressedDeadlineClock', 'toLondonDate',
      'londonMidnight', 'addDays', 'addMonths', 'formatLongDate', 'isLocalDate', 'DATE_HOLIDAYS_VERSION']) {
      expect(calendarLib).toHaveProperty(name);
    }
  });

  it('works end to end through the path alias', () => {
    const clocks: DeadlineClock[] = [
      new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] })),
      new CompressedDeadlineClock(),
    ];
    const start = new Date('2026-12-23T10:00:00Z');
    const [real, compressed] = clocks.map((clock) => clock.deadlineFrom(start, { kind: 'working-days', days: 5 }));
    expect(formatLongDate(real.dueDate)).toBe('Monday 4 January 2027');
    expect(compressed.dueAt.getTime() - start.getTime()).toBe(5000);
    expect(toLondonDate(londonMidnight(addMonths(addDays('2027-01-30', 1), 1)))).toBe('2027-02-28');
  });
});
