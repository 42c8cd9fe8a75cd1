import { Deadline } from './deadline-clock';
import { WorkingDayCalendar } from './working-day-calendar';
import { WorkingDayDeadlineClock } from './working-day-deadline-clock';

const calendar = new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] });
const clock = new WorkingDayDeadlineClock(calendar);
const days = (n: number) => ({ kind: 'working-days', days: n }) as const;
const months = (n: number) => ({ kind: 'months', months: n }) as const;

describe('WorkingDayDeadlineClock', () => {
  it('takes its id from the calendar', () => {
    expect(clock.id).toBe(calendar.id);
    expect(clock.calendar).toBe(calendar);
  });

  describe('working-day deadlines', () => {
    it('end at the London midnight after the N-th working day (over Christmas 2026)', () => {
      const deadline = clock.deadlineFrom(new Date('2026-12-23T10:00:00Z'), days(5));
      expect(deadline).toEqual<Deadline>({
        dueAt: new Date('2027-01-05T00:00:00.000Z'),
        dueDate: '2027-01-04',
        rule: '5 working days',
        calendarId: calendar.id,
      });
    });

    it('use the London date of a late-evening event during BST', () => {
      // 23:30 UTC Wed 10 June = 00:30 BST Thu 11 June: day 0 is Thursday, day 1 Friday.
      const afterMidnight = clock.deadlineFrom(new Date('2026-06-10T23:30:00Z'), days(1));
      expect(afterMidnight.dueDate).toBe('2026-06-12');
      expect(afterMidnight.dueAt.toISOString()).toBe('2026-06-12T23:00:00.000Z');
      // 22:30 UTC Wed 10 June = 23:30 BST Wed 10 June: day 0 is Wednesday, day 1 Thursday.
      const beforeMidnight = clock.deadlineFrom(new Date('2026-06-10T22:30:00Z'), days(1));
      expect(beforeMidnight.dueDate).toBe('2026-06-11');
      expect(beforeMidnight.dueAt.toISOString()).toBe('2026-06-11T23:00:00.000Z');
    });

    it('use the London (= UTC) date of a late-evening event during GMT', () => {
      const deadline = clock.deadlineFrom(new Date('2026-12-09T23:30:00Z'), days(1));
      expect(deadline.dueDate).toBe('2026-12-10');
      expect(deadline.dueAt.toISOString()).toBe('2026-12-11T00:00:00.000Z');
    });

    it('treat a Friday-night event that is Saturday in London as a weekend start', () => {
      const deadline = clock.deadlineFrom(new Date('2026-06-12T23:15:00Z'), days(1)); // 00:15 BST Sat 13 June
      expect(deadline.dueDate).toBe('2026-06-15');
      expect(deadline.dueAt.toISOString()).toBe('2026-06-15T23:00:00.000Z');
    });

    it('end at a GMT midnight after the October 2026 clock change', () => {
      // Wed 21 Oct (BST): Thu 22, Fri 23, [Sat 24, Sun 25 clocks back], Mon 26, Tue 27, Wed 28.
      const deadline = clock.deadlineFrom(new Date('2026-10-21T09:00:00Z'), days(5));
      expect(deadline.dueDate).toBe('2026-10-28');
      expect(deadline.dueAt.toISOString()).toBe('2026-10-29T00:00:00.000Z');
      const shorter = clock.deadlineFrom(new Date('2026-10-21T09:00:00Z'), days(2));
      expect(shorter.dueDate).toBe('2026-10-23');
      expect(shorter.dueAt.toISOString()).toBe('2026-10-23T23:00:00.000Z'); // still BST
    });

    it('end at a BST midnight after the March 2027 clock change, skipping Easter', () => {
      // Mon 22 Mar (GMT): Tue 23, Wed 24, Thu 25, [Good Friday 26, Sat, Sun 28 clocks forward, Easter Monday 29], Tue 30, Wed 31.
      const deadline = clock.deadlineFrom(new Date('2027-03-22T12:00:00Z'), days(5));
      expect(deadline.dueDate).toBe('2027-03-31');
      expect(deadline.dueAt.toISOString()).toBe('2027-03-31T23:00:00.000Z'); // 00:00 BST 1 April
    });

    it('work from a local date', () => {
      const deadline = clock.deadlineFromDate('2026-04-02', days(1));
      expect(deadline.dueDate).toBe('2026-04-07');
      expect(deadline.dueAt.toISOString()).toBe('2026-04-07T23:00:00.000Z');
      expect(deadline.rule).toBe('1 working day');
    });

    it('respect extra closures and carry their calendar id', () => {
      const council = new WorkingDayDeadlineClock(
        new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: ['2026-12-29', '2026-12-30', '2026-12-31'] }),
      );
      const deadline = council.deadlineFromDate('2026-12-23', days(5));
      expect(deadline.dueDate).toBe('2027-01-07');
      expect(deadline.dueAt.toISOString()).toBe('2027-01-08T00:00:00.000Z');
      expect(deadline.calendarId).toBe(council.id);
      expect(council.id).not.toBe(clock.id);
    });
  });

  describe('month deadlines', () => {
    it('end at the end of the same day of the month, M months later', () => {
      const deadline = clock.deadlineFromDate('2026-06-15', months(12));
      expect(deadline).toEqual<Deadline>({
        dueAt: new Date('2027-06-15T23:00:00.000Z'),
        dueDate: '2027-06-15',
        rule: '12 months',
        calendarId: calendar.id,
      });
    });

    it('clamp to the end of a shorter month', () => {
      expect(clock.deadlineFromDate('2027-01-31', months(1)).dueDate).toBe('2027-02-28');
      expect(clock.deadlineFromDate('2028-01-31', months(1)).dueDate).toBe('2028-02-29');
      const leap = clock.deadlineFromDate('2028-02-29', months(12));
      expect(leap.dueDate).toBe('2029-02-28');
      expect(leap.dueAt.toISOString()).toBe('2029-03-01T00:00:00.000Z');
    });

    it('start from the London date of an instant', () => {
      // 23:30 UTC 31 Mar 2026 is 00:30 BST on 1 April.
      const deadline = clock.deadlineFrom(new Date('2026-03-31T23:30:00Z'), months(12));
      expect(deadline.dueDate).toBe('2027-04-01');
      expect(deadline.dueAt.toISOString()).toBe('2027-04-01T23:00:00.000Z');
      expect(clock.deadlineFrom(new Date('2026-03-31T22:30:00Z'), months(1)).dueDate).toBe('2026-04-30');
    });

    it('may end on a non-working day (calendar months are not working days)', () => {
      const deadline = clock.deadlineFromDate('2025-12-26', months(12));
      expect(deadline.dueDate).toBe('2026-12-26'); // a Saturday
      expect(deadline.dueAt.toISOString()).toBe('2026-12-27T00:00:00.000Z');
    });
  });

  describe('before()', () => {
    it('gives the London midnight starting the working day n working days before the due date', () => {
      const deadline = clock.deadlineFromDate('2026-12-23', days(5)); // due Mon 4 Jan 2027
      // Back over Sun 3, Sat 2, Fri 1 Jan (holiday): Thu 31 Dec (1), Wed 30 Dec (2).
      expect(clock.before(deadline, days(2)).toISOString()).toBe('2026-12-30T00:00:00.000Z');
      const summer = clock.deadlineFromDate('2026-06-05', days(5)); // due Fri 12 June
      expect(summer.dueDate).toBe('2026-06-12');
      expect(clock.before(summer, days(2)).toISOString()).toBe('2026-06-09T23:00:00.000Z'); // 00:00 BST Wed 10 June
      expect(clock.before(summer, days(0)).toISOString()).toBe('2026-06-11T23:00:00.000Z'); // start of the due day
    });

    it('gives 3-month and 1-month reminders before a 12-month time limit', () => {
      const limit = clock.deadlineFromDate('2026-06-15', months(12)); // ends 00:00 BST 16 June 2027
      expect(clock.before(limit, months(3)).toISOString()).toBe('2027-03-16T00:00:00.000Z'); // GMT
      expect(clock.before(limit, months(1)).toISOString()).toBe('2027-05-15T23:00:00.000Z'); // BST
    });

    it('clamps month reminders to the end of a shorter month', () => {
      const limit = clock.deadlineFromDate('2026-05-30', months(12)); // due 30 May 2027, ends at 31 May
      expect(clock.before(limit, months(3)).toISOString()).toBe('2027-02-28T00:00:00.000Z');
      expect(clock.before(limit, months(1)).toISOString()).toBe('2027-04-29T23:00:00.000Z'); // 00:00 BST 30 April
    });
  });

  describe('validation', () => {
    it('rejects bad rules', () => {
      expect(() => clock.deadlineFromDate('2026-06-15', days(-1))).toThrow(
        'deadline rule days must be a non-negative integer, got -1',
      );
      expect(() => clock.deadlineFromDate('2026-06-15', days(1.5))).toThrow(RangeError);
      expect(() => clock.deadlineFromDate('2026-06-15', months(-12))).toThrow(RangeError);
      expect(() => clock.deadlineFromDate('2026-06-15', { kind: 'weeks', weeks: 2 } as never)).toThrow(
        `deadline rule kind must be 'working-days', 'months' or 'on', got "weeks"`,
      );
      const deadline = clock.deadlineFromDate('2026-06-15', days(5));
      expect(() => clock.before(deadline, days(-2))).toThrow(RangeError);
    });

    it('rejects bad dates and instants', () => {
      expect(() => clock.deadlineFromDate('2026-02-29', days(5))).toThrow(RangeError);
      expect(() => clock.deadlineFrom(new Date(Number.NaN), days(5))).toThrow(RangeError);
      expect(() =>
        clock.before({ dueAt: new Date(), dueDate: '2026-6-1', rule: 'x', calendarId: 'y' }, days(1)),
      ).toThrow(RangeError);
    });

    it('needs a WorkingDayCalendar', () => {
      expect(() => new WorkingDayDeadlineClock({} as WorkingDayCalendar)).toThrow(RangeError);
    });
  });
});

describe('WorkingDayDeadlineClock: agreed dates and extensions', () => {
  const real = new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] }));

  it('ends a deadline on an agreed date at the end of that London day, whenever it was set', () => {
    const d = real.deadlineFrom(new Date('2026-12-01T10:00:00Z'), { kind: 'on', date: '2027-06-30' });
    expect(d).toMatchObject({ dueDate: '2027-06-30', rule: 'by Wednesday 30 June 2027' });
    expect(d.dueAt.toISOString()).toBe('2027-06-30T23:00:00.000Z'); // BST
  });

  it('extends a deadline by working days counted from its own due date, across bank holidays', () => {
    // Due Wednesday 23 December 2026; 3 working days more skip Christmas, Boxing Day (substitute Monday 28) and the weekend.
    const due = real.deadlineFromDate('2026-12-16', { kind: 'working-days', days: 5 });
    expect(due.dueDate).toBe('2026-12-23');
    const moved = real.extend(due, { kind: 'working-days', days: 3 });
    expect(moved.dueDate).toBe('2026-12-30');
    expect(moved.rule).toBe('5 working days, extended by 3 working days');
    expect(moved.calendarId).toBe(due.calendarId);
  });

  it('refuses to remind before, or extend to, a date', () => {
    const due = real.deadlineFromDate('2026-12-16', { kind: 'working-days', days: 5 });
    expect(() => real.before(due, { kind: 'on', date: '2026-12-20' })).toThrow(RangeError);
    expect(() => real.extend(due, { kind: 'on', date: '2026-12-31' })).toThrow(RangeError);
  });
});
