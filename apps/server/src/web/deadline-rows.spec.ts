import type { DeadlineView } from '@compact/application';
import { WorkingDayCalendar, WorkingDayDeadlineClock } from '@compact/calendar';
import { deadlineRows } from './deadline-rows';

const clock = new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] }));

const view = (over: Partial<DeadlineView>): DeadlineView => ({
  key: 'deadline.acknowledgement',
  purpose: 'deadline',
  event: 'ACKNOWLEDGEMENT_OVERDUE',
  label: 'The respondent acknowledges the case',
  dueAt: '2030-03-08T23:59:59.000Z',
  dueDate: '2030-03-08',
  rule: '5 working days',
  calendarId: 'x',
  extendedDays: 0,
  ...over,
});

// Reminders of the ombudsman's 12-month limit (12 March 2031), sent 3 months and 1 month before it.
const first = view({
  key: 'reminder.ombudsman-first',
  purpose: 'reminder',
  event: 'OMBUDSMAN_LIMIT_APPROACHING',
  label: 'Time limit for going to the ombudsman (first reminder)',
  dueAt: '2030-12-12T09:00:00.000Z',
  dueDate: '2031-03-12',
  rule: '3 months before the 12 months time limit',
});
const final = view({
  ...first,
  key: 'reminder.ombudsman-final',
  label: 'Time limit for going to the ombudsman (final reminder)',
  dueAt: '2031-02-12T09:00:00.000Z',
  rule: '1 month before the 12 months time limit',
});
const now = new Date('2030-03-04T10:00:00.000Z'); // a Monday

describe('the case page deadlines table', () => {
  it('shows a time limit once, with its own date, and each reminder under it on the date it is sent', () => {
    const rows = deadlineRows([view({}), first, final], clock, now).map((r) => r.map((c) => c.text));
    expect(rows).toEqual([
      ['The respondent acknowledges the case', 'Friday 8 March 2030', '4', '5 working days'],
      ['Time limit for going to the ombudsman', 'Wednesday 12 March 2031', expect.stringMatching(/^\d+$/), '12 months time limit'],
      ['First reminder sent', 'Thursday 12 December 2030', expect.stringMatching(/^\d+$/), '3 months before the 12 months time limit'],
      ['Final reminder sent', 'Wednesday 12 February 2031', expect.stringMatching(/^\d+$/), '1 month before the 12 months time limit'],
    ]);
  });

  it('leaves out reminders of event deadlines, and says when a date has passed or is today', () => {
    const reminder = view({ key: 'deadline.acknowledgement:reminder', purpose: 'reminder', dueAt: '2030-03-06T09:00:00.000Z' });
    const rows = deadlineRows([reminder, view({ dueDate: '2030-03-04' }), view({ dueDate: '2030-03-01' })], clock, now);
    expect(rows.map((r) => r[2].text)).toEqual(['Due today', 'Passed']);
  });

  it('names who must meet a deadline and what it asks, where the workflow says so, and keeps the label of a period', () => {
    const period = view({ key: 'deadline.negotiation', label: 'Negotiation period ends', rule: '40 working days' });
    const duties = new Map([['deadline.acknowledgement', 'Southampton City Council must acknowledge the case']]);
    const rows = deadlineRows([view({}), period], clock, now, duties).map((r) => r[0].text);
    expect(rows).toEqual(['Southampton City Council must acknowledge the case', 'Negotiation period ends']);
  });
});
