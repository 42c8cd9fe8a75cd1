import { assertDeadlineRule, describeDeadlineRule } from './deadline-rule';

describe('deadline rules', () => {
  it('describe themselves', () => {
    expect(describeDeadlineRule({ kind: 'working-days', days: 5 })).toBe('5 working days');
    expect(describeDeadlineRule({ kind: 'working-days', days: 1 })).toBe('1 working day');
    expect(describeDeadlineRule({ kind: 'months', months: 12 })).toBe('12 months');
    expect(describeDeadlineRule({ kind: 'months', months: 1 })).toBe('1 month');
  });

  it('reject negative, fractional or missing counts and unknown kinds', () => {
    expect(() => assertDeadlineRule({ kind: 'working-days', days: -5 })).toThrow(RangeError);
    expect(() => assertDeadlineRule({ kind: 'months', months: 0.5 })).toThrow(RangeError);
    expect(() => assertDeadlineRule({ kind: 'months' } as never)).toThrow(RangeError);
    expect(() => assertDeadlineRule({ kind: 'days', days: 5 } as never)).toThrow(RangeError);
    expect(() => assertDeadlineRule(null as never)).toThrow(RangeError);
  });
});

describe('a deadline on an agreed date', () => {
  it('describes itself by its date and refuses an impossible one', () => {
    expect(describeDeadlineRule({ kind: 'on', date: '2027-01-29' })).toBe('by Friday 29 January 2027');
    expect(() => assertDeadlineRule({ kind: 'on', date: '2027-02-30' })).toThrow(RangeError);
  });
});
