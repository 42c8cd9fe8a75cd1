import { formatLongDate } from './long-date-format';

describe('formatLongDate', () => {
  it('writes weekday, day, month and year in British English without commas', () => {
    expect(formatLongDate('2026-12-12')).toBe('Saturday 12 December 2026');
    expect(formatLongDate('2027-01-04')).toBe('Monday 4 January 2027');
    expect(formatLongDate('2026-04-03')).toBe('Friday 3 April 2026');
    expect(formatLongDate('2028-02-29')).toBe('Tuesday 29 February 2028');
  });

  it('does not shift the date on clock-change days', () => {
    expect(formatLongDate('2026-10-25')).toBe('Sunday 25 October 2026');
    expect(formatLongDate('2027-03-28')).toBe('Sunday 28 March 2027');
  });

  it('rejects a malformed date', () => {
    expect(() => formatLongDate('12/12/2026')).toThrow(RangeError);
  });
});
