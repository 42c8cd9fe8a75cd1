import { CompressedDeadlineClock } from './compressed-deadline-clock';

const days = (n: number) => ({ kind: 'working-days', days: n }) as const;
const months = (n: number) => ({ kind: 'months', months: n }) as const;

describe('CompressedDeadlineClock', () => {
  const clock = new CompressedDeadlineClock();
  const start = new Date('2026-12-23T10:00:00.000Z');

  it('defaults to 1 s per working day and 20 s per month', () => {
    expect(clock.id).toBe('compressed:1s-per-working-day:20s-per-month');
    expect(new CompressedDeadlineClock({ secondsPerWorkingDay: 2, secondsPerMonth: 30 }).id).toBe(
      'compressed:2s-per-working-day:30s-per-month',
    );
  });

  it('counts working days as seconds from the start instant, ignoring weekends and holidays', () => {
    expect(clock.deadlineFrom(start, days(5))).toEqual({
      dueAt: new Date('2026-12-23T10:00:05.000Z'),
      dueDate: '2026-12-23',
      rule: '5 working days',
      calendarId: 'compressed:1s-per-working-day:20s-per-month',
    });
  });

  it('counts months as secondsPerMonth', () => {
    const limit = clock.deadlineFrom(start, months(12));
    expect(limit.dueAt.toISOString()).toBe('2026-12-23T10:04:00.000Z');
    expect(limit.rule).toBe('12 months');
  });

  it('puts reminders the compressed duration before dueAt', () => {
    const deadline = clock.deadlineFrom(start, days(5));
    expect(clock.before(deadline, days(2)).toISOString()).toBe('2026-12-23T10:00:03.000Z');
    const limit = clock.deadlineFrom(start, months(12));
    expect(clock.before(limit, months(3)).toISOString()).toBe('2026-12-23T10:03:00.000Z');
    expect(clock.before(limit, months(1)).toISOString()).toBe('2026-12-23T10:03:40.000Z');
  });

  it('takes dueDate as the London date of dueAt', () => {
    // 22:59:58 UTC = 23:59:58 BST; + 5 s is 00:00:03 BST on the next day.
    const deadline = clock.deadlineFrom(new Date('2026-07-01T22:59:58.000Z'), days(5));
    expect(deadline.dueAt.toISOString()).toBe('2026-07-01T23:00:03.000Z');
    expect(deadline.dueDate).toBe('2026-07-02');
  });

  it('counts a local date from its London midnight', () => {
    const deadline = clock.deadlineFromDate('2026-07-01', days(5));
    expect(deadline.dueAt.toISOString()).toBe('2026-06-30T23:00:05.000Z');
    expect(deadline.dueDate).toBe('2026-07-01');
  });

  it('supports fractional seconds', () => {
    const fast = new CompressedDeadlineClock({ secondsPerWorkingDay: 0.5, secondsPerMonth: 2.5 });
    expect(fast.id).toBe('compressed:0.5s-per-working-day:2.5s-per-month');
    expect(fast.deadlineFrom(start, days(3)).dueAt.toISOString()).toBe('2026-12-23T10:00:01.500Z');
    expect(fast.deadlineFrom(start, months(12)).dueAt.toISOString()).toBe('2026-12-23T10:00:30.000Z');
  });

  it('validates options, rules and inputs', () => {
    expect(() => new CompressedDeadlineClock({ secondsPerWorkingDay: 0 })).toThrow(
      'secondsPerWorkingDay must be a positive finite number, got 0',
    );
    expect(() => new CompressedDeadlineClock({ secondsPerMonth: -20 })).toThrow(RangeError);
    expect(() => new CompressedDeadlineClock({ secondsPerMonth: Number.NaN })).toThrow(RangeError);
    expect(() => clock.deadlineFrom(start, days(-1))).toThrow(RangeError);
    expect(() => clock.deadlineFrom(start, months(1.5))).toThrow(RangeError);
    expect(() => clock.deadlineFrom(new Date('invalid'), days(1))).toThrow(RangeError);
    expect(() => clock.deadlineFromDate('2026-13-01', days(1))).toThrow(RangeError);
  });
});

describe('CompressedDeadlineClock: agreed dates and extensions', () => {
  const fast = new CompressedDeadlineClock();
  it('keeps an agreed date real and extends by compressed seconds', () => {
    const on = fast.deadlineFrom(new Date('2026-12-01T10:00:00Z'), { kind: 'on', date: '2026-12-31' });
    expect(on.dueAt.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    const due = fast.deadlineFrom(new Date('2026-12-01T10:00:00Z'), { kind: 'working-days', days: 5 });
    expect(fast.extend(due, { kind: 'working-days', days: 3 }).dueAt.getTime() - due.dueAt.getTime()).toBe(3000);
  });
});
