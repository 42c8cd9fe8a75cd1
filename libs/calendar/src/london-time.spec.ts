import { addDays } from './local-date';
import { endOfLondonDay, londonMidnight, londonOffsetMs, toLondonDate } from './london-time';

const HOUR = 3_600_000;

describe('toLondonDate', () => {
  it('uses the London date, not the UTC date, late in the evening during BST', () => {
    // 23:30 UTC on Wed 10 June 2026 is 00:30 BST on Thu 11 June.
    expect(toLondonDate(new Date('2026-06-10T23:30:00Z'))).toBe('2026-06-11');
    expect(toLondonDate(new Date('2026-06-10T23:00:00Z'))).toBe('2026-06-11');
    // 23:30 BST on Wed 10 June is 22:30 UTC, still the 10th in both.
    expect(toLondonDate(new Date('2026-06-10T22:30:00Z'))).toBe('2026-06-10');
    expect(toLondonDate(new Date('2026-06-10T22:59:59.999Z'))).toBe('2026-06-10');
  });

  it('matches the UTC date during GMT', () => {
    expect(toLondonDate(new Date('2026-12-09T23:30:00Z'))).toBe('2026-12-09');
    expect(toLondonDate(new Date('2026-12-10T00:00:00Z'))).toBe('2026-12-10');
  });

  it('is right either side of the clock changes', () => {
    // Clocks go back at 01:00 UTC on Sun 25 Oct 2026 (02:00 BST -> 01:00 GMT).
    expect(toLondonDate(new Date('2026-10-24T22:59:59Z'))).toBe('2026-10-24');
    expect(toLondonDate(new Date('2026-10-24T23:00:00Z'))).toBe('2026-10-25');
    expect(toLondonDate(new Date('2026-10-25T23:59:59Z'))).toBe('2026-10-25');
    expect(toLondonDate(new Date('2026-10-26T00:00:00Z'))).toBe('2026-10-26');
    // Clocks go forward at 01:00 UTC on Sun 28 Mar 2027 (01:00 GMT -> 02:00 BST).
    expect(toLondonDate(new Date('2027-03-27T23:59:59Z'))).toBe('2027-03-27');
    expect(toLondonDate(new Date('2027-03-28T22:59:59Z'))).toBe('2027-03-28');
    expect(toLondonDate(new Date('2027-03-28T23:00:00Z'))).toBe('2027-03-29');
  });

  it('rejects an invalid instant', () => {
    expect(() => toLondonDate(new Date('nonsense'))).toThrow(RangeError);
    expect(() => toLondonDate('2026-06-10' as unknown as Date)).toThrow(RangeError);
  });
});

describe('londonMidnight', () => {
  it('is 23:00 UTC the day before during BST and 00:00 UTC during GMT', () => {
    expect(londonMidnight('2026-06-11').toISOString()).toBe('2026-06-10T23:00:00.000Z');
    expect(londonMidnight('2026-12-10').toISOString()).toBe('2026-12-10T00:00:00.000Z');
  });

  it('handles the October 2026 and March 2027 clock-change days', () => {
    expect(londonMidnight('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z'); // still BST at midnight
    expect(londonMidnight('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z');
    expect(londonMidnight('2027-03-28').toISOString()).toBe('2027-03-28T00:00:00.000Z'); // still GMT at midnight
    expect(londonMidnight('2027-03-29').toISOString()).toBe('2027-03-28T23:00:00.000Z');
    // Sun 25 Oct 2026 lasts 25 hours, Sun 28 Mar 2027 lasts 23 hours.
    expect(londonMidnight('2026-10-26').getTime() - londonMidnight('2026-10-25').getTime()).toBe(25 * HOUR);
    expect(londonMidnight('2027-03-29').getTime() - londonMidnight('2027-03-28').getTime()).toBe(23 * HOUR);
  });

  it('round-trips with toLondonDate for every day of 2026-2028', () => {
    for (let date = '2026-01-01'; date <= '2028-12-31'; date = addDays(date, 1)) {
      const midnight = londonMidnight(date);
      expect(toLondonDate(midnight)).toBe(date);
      expect(toLondonDate(new Date(midnight.getTime() - 1))).toBe(addDays(date, -1));
      expect(midnight.getUTCMinutes()).toBe(0);
      expect([0, 23]).toContain(midnight.getUTCHours());
    }
  });

  it('returns a fresh Date each time (the cache cannot be mutated from outside)', () => {
    const first = londonMidnight('2026-06-11');
    first.setTime(0);
    expect(londonMidnight('2026-06-11').toISOString()).toBe('2026-06-10T23:00:00.000Z');
  });

  it('validates the date', () => {
    expect(() => londonMidnight('2026-06-31')).toThrow(RangeError);
  });
});

describe('endOfLondonDay / londonOffsetMs', () => {
  it('ends a day at the London midnight starting the next one', () => {
    expect(endOfLondonDay('2026-10-24').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(endOfLondonDay('2026-10-25').toISOString()).toBe('2026-10-26T00:00:00.000Z');
    expect(endOfLondonDay('2026-12-31').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('reports the UTC offset', () => {
    expect(londonOffsetMs(new Date('2026-07-01T12:00:00Z'))).toBe(HOUR);
    expect(londonOffsetMs(new Date('2026-12-01T12:00:00Z'))).toBe(0);
    expect(londonOffsetMs(new Date('2026-10-25T00:59:59Z'))).toBe(HOUR);
    expect(londonOffsetMs(new Date('2026-10-25T01:00:00Z'))).toBe(0);
  });
});
