import {
  addDays,
  assertLocalDate,
  compareLocalDates,
  dayNumberToLocalDate,
  dayOfWeek,
  isLocalDate,
  localDateToDayNumber,
  parseLocalDate,
} from './local-date';

describe('LocalDate', () => {
  it('accepts real calendar dates written YYYY-MM-DD', () => {
    for (const date of ['2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29', '0001-01-01', '9999-12-31']) {
      expect(isLocalDate(date)).toBe(true);
      expect(() => assertLocalDate(date)).not.toThrow();
    }
  });

  it('rejects malformed or impossible dates with a RangeError naming the value', () => {
    const bad = ['2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-5', '26-12-2026',
      '2026/12/25', '2026-12-25T00:00', ' 2026-12-25', '', '0000-01-01'];
    for (const date of bad) {
      expect(isLocalDate(date)).toBe(false);
      expect(() => parseLocalDate(date)).toThrow(RangeError);
    }
    expect(() => assertLocalDate('2026-02-30', 'start')).toThrow(
      'start must be a real calendar date written YYYY-MM-DD, got "2026-02-30"',
    );
    expect(isLocalDate(20261225)).toBe(false);
    expect(() => assertLocalDate(undefined as unknown as string)).toThrow(RangeError);
  });

  it('converts to and from day numbers (1970-01-01 is day 0)', () => {
    expect(localDateToDayNumber('1970-01-01')).toBe(0);
    expect(localDateToDayNumber('1969-12-31')).toBe(-1);
    expect(localDateToDayNumber('2026-01-01')).toBe(Date.UTC(2026, 0, 1) / 86_400_000);
    // Every day from 1899 to 2101 round-trips and agrees with the JavaScript Date calendar.
    const mismatches: string[] = [];
    for (let day = localDateToDayNumber('1899-01-01'); day <= localDateToDayNumber('2101-12-31'); day++) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (dayNumberToLocalDate(day) !== iso || localDateToDayNumber(iso) !== day) mismatches.push(iso);
    }
    expect(mismatches).toEqual([]);
  });

  it('knows the day of the week (0 = Sunday)', () => {
    expect(dayOfWeek('2026-12-12')).toBe(6); // Saturday
    expect(dayOfWeek('2026-12-13')).toBe(0); // Sunday
    expect(dayOfWeek('2026-12-14')).toBe(1); // Monday
    expect(dayOfWeek('1969-12-31')).toBe(3); // Wednesday
  });

  it('adds and subtracts days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('validates addDays input', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', 1.5)).toThrow('n must be an integer number of days, got 1.5');
    expect(() => addDays('2026-01-01', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('compares dates', () => {
    expect(compareLocalDates('2026-12-23', '2027-01-04')).toBeLessThan(0);
    expect(compareLocalDates('2027-01-04', '2026-12-23')).toBeGreaterThan(0);
    expect(compareLocalDates('2026-12-23', '2026-12-23')).toBe(0);
  });
});
