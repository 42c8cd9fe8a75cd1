import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, dayOfWeek } from './local-date';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] });

/** Easter Sunday by the anonymous Gregorian algorithm: an independent check on the data set. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('WorkingDayCalendar', () => {
  describe('bank holidays (official England & Wales dates)', () => {
    const official2026 = ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31',
      '2026-12-25', '2026-12-28'];
    const official2027 = ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30',
      '2027-12-27', '2027-12-28'];

    it('lists exactly the official 2026 and 2027 bank holidays', () => {
      expect(calendar.bankHolidays(2026).map((h) => h.date)).toEqual(official2026);
      expect(calendar.bankHolidays(2027).map((h) => h.date)).toEqual(official2027);
    });

    it('treats them as non-working days with their names', () => {
      for (const date of [...official2026, ...official2027]) expect(calendar.isWorkingDay(date)).toBe(false);
      expect(calendar.nonWorkingReason('2026-04-03')).toBe('Good Friday');
      expect(calendar.nonWorkingReason('2026-04-06')).toBe('Easter Monday');
      expect(calendar.nonWorkingReason('2026-12-28')).toBe('Boxing Day (substitute day)');
      expect(calendar.nonWorkingReason('2027-12-27')).toBe('Christmas Day (substitute day)');
      expect(calendar.nonWorkingReason('2027-12-28')).toBe('Boxing Day (substitute day)');
      expect(calendar.nonWorkingReason('2028-01-03')).toBe("New Year's Day (substitute day)");
    });

    it('has every other weekday of 2026 and 2027 as a working day', () => {
      const holidays = new Set([...official2026, ...official2027]);
      let workingDays = 0;
      for (let date = '2026-01-01'; date <= '2027-12-31'; date = addDays(date, 1)) {
        const weekend = dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
        expect(calendar.isWorkingDay(date)).toBe(!weekend && !holidays.has(date));
        if (calendar.isWorkingDay(date)) workingDays++;
      }
      expect(workingDays).toBe(253 + 253);
    });

    it('puts Good Friday and Easter Monday where the Easter computus does, 2000-2100', () => {
      for (let year = 2000; year <= 2100; year++) {
        const easter = easterSunday(year);
        expect([year, calendar.nonWorkingReason(addDays(easter, -2))]).toEqual([year, 'Good Friday']);
        expect([year, calendar.nonWorkingReason(addDays(easter, 1))]).toEqual([year, 'Easter Monday']);
      }
    });

    it('reports a weekend before a holiday that falls on it', () => {
      expect(calendar.nonWorkingReason('2026-12-26')).toBe('weekend'); // Boxing Day, a Saturday
      expect(calendar.nonWorkingReason('2027-12-25')).toBe('weekend');
      expect(calendar.nonWorkingReason('2026-06-13')).toBe('weekend');
      expect(calendar.nonWorkingReason('2026-06-14')).toBe('weekend');
      expect(calendar.nonWorkingReason('2026-06-15')).toBeNull();
      expect(calendar.nonWorkingReason('2026-03-15')).toBe('weekend'); // Mother's Day is only an observance
    });
  });

  describe('addWorkingDays (day-zero rule)', () => {
    it('counts from the first working day after the event day', () => {
      expect(calendar.addWorkingDays('2026-06-10', 1)).toBe('2026-06-11'); // Wed -> Thu
      expect(calendar.addWorkingDays('2026-06-10', 5)).toBe('2026-06-17'); // Wed -> next Wed
      expect(calendar.addWorkingDays('2026-06-12', 1)).toBe('2026-06-15'); // Fri -> Mon
    });

    it('starts the count on Monday when the event is at the weekend', () => {
      expect(calendar.addWorkingDays('2026-06-13', 1)).toBe('2026-06-15'); // Sat -> Mon
      expect(calendar.addWorkingDays('2026-06-14', 1)).toBe('2026-06-15'); // Sun -> Mon
      expect(calendar.addWorkingDays('2026-06-13', 5)).toBe('2026-06-19');
    });

    it('skips Christmas, the Boxing Day substitute and New Year (5 days from 23 Dec 2026)', () => {
      // Thu 24 (1), [Fri 25, Sat, Sun, Mon 28 substitute], Tue 29 (2), Wed 30 (3), Thu 31 (4), [Fri 1 Jan, Sat, Sun], Mon 4 Jan (5)
      expect(calendar.addWorkingDays('2026-12-23', 5)).toBe('2027-01-04');
      expect(calendar.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    });

    it('skips both 2027 substitute days and the 2028 New Year substitute', () => {
      // Fri 24 (1), [Sat 25, Sun 26, Mon 27, Tue 28], Wed 29 (2), Thu 30 (3), Fri 31 (4), [Sat 1, Sun 2, Mon 3 Jan], Tue 4 Jan (5)
      expect(calendar.addWorkingDays('2027-12-23', 5)).toBe('2028-01-04');
      expect(calendar.addWorkingDays('2027-12-24', 1)).toBe('2027-12-29');
    });

    it('skips Good Friday and Easter Monday', () => {
      expect(calendar.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
      expect(calendar.addWorkingDays('2026-04-02', 3)).toBe('2026-04-09');
      expect(calendar.addWorkingDays('2027-03-25', 2)).toBe('2027-03-31');
      expect(calendar.addWorkingDays('2026-04-03', 1)).toBe('2026-04-07'); // event on Good Friday itself
    });

    it('returns the date unchanged for n = 0', () => {
      expect(calendar.addWorkingDays('2026-12-26', 0)).toBe('2026-12-26');
    });

    it('agrees with workingDaysBetween and workingDaysBefore on every start day of 2026-2027', () => {
      for (let date = '2026-01-01'; date <= '2027-12-31'; date = addDays(date, 1)) {
        for (const n of [1, 2, 5, 10, 20]) {
          const due = calendar.addWorkingDays(date, n);
          expect(calendar.isWorkingDay(due)).toBe(true);
          expect(calendar.workingDaysBetween(date, due)).toBe(n);
          expect(calendar.workingDaysBetween(date, addDays(due, -1))).toBe(n - 1);
          if (calendar.isWorkingDay(date)) expect(calendar.workingDaysBefore(due, n)).toBe(date);
        }
      }
    });
  });

  describe('workingDaysBefore', () => {
    it('steps back over weekends and holidays, not counting the date itself', () => {
      expect(calendar.workingDaysBefore('2026-12-29', 1)).toBe('2026-12-24');
      expect(calendar.workingDaysBefore('2026-12-29', 2)).toBe('2026-12-23');
      expect(calendar.workingDaysBefore('2027-01-04', 2)).toBe('2026-12-30');
      expect(calendar.workingDaysBefore('2026-06-15', 1)).toBe('2026-06-12');
      expect(calendar.workingDaysBefore('2026-06-14', 1)).toBe('2026-06-12');
      expect(calendar.workingDaysBefore('2026-06-14', 0)).toBe('2026-06-14');
    });
  });

  describe('workingDaysBetween', () => {
    it('counts working days after `from` up to and including `to`', () => {
      expect(calendar.workingDaysBetween('2026-12-23', '2027-01-04')).toBe(5);
      expect(calendar.workingDaysBetween('2026-06-12', '2026-06-15')).toBe(1);
      expect(calendar.workingDaysBetween('2026-06-12', '2026-06-14')).toBe(0);
      expect(calendar.workingDaysBetween('2026-01-01', '2026-12-31')).toBe(253); // 261 weekdays - 8 bank holidays
    });

    it('is 0 when `to` is on or before `from`', () => {
      expect(calendar.workingDaysBetween('2026-06-15', '2026-06-15')).toBe(0);
      expect(calendar.workingDaysBetween('2026-06-15', '2026-06-01')).toBe(0);
    });
  });

  describe('extra closures', () => {
    const council = new WorkingDayCalendar({
      region: 'england-and-wales',
      extraClosures: ['2026-12-31', '2026-12-29', '2026-12-30', '2026-12-30'],
    });

    it('are non-working days reported as closures', () => {
      expect(council.isWorkingDay('2026-12-29')).toBe(false);
      expect(council.nonWorkingReason('2026-12-30')).toBe('closure');
      expect(council.nonWorkingReason('2026-12-24')).toBeNull();
      expect(council.extraClosures).toEqual(['2026-12-29', '2026-12-30', '2026-12-31']);
    });

    it('lengthen working-day deadlines', () => {
      // Thu 24 Dec (1), closed 29-31 Dec, Mon 4 (2), Tue 5 (3), Wed 6 (4), Thu 7 Jan (5)
      expect(council.addWorkingDays('2026-12-23', 5)).toBe('2027-01-07');
      expect(council.workingDaysBetween('2026-12-23', '2027-01-07')).toBe(5);
      expect(council.workingDaysBefore('2027-01-04', 1)).toBe('2026-12-24');
    });

    it('do not change the bank holiday list', () => {
      expect(council.bankHolidays(2026)).toEqual(calendar.bankHolidays(2026));
    });
  });

  describe('id', () => {
    const version = (
      JSON.parse(readFileSync(join(require.resolve('date-holidays'), '..', '..', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;

    it('names the region, the date-holidays version and "none" without closures', () => {
      expect(calendar.id).toBe(`england-and-wales/date-holidays@${version}/closures:none`);
      expect(version).toBe('3.37.0');
    });

    it('fingerprints the sorted, de-duplicated closures', () => {
      const a = new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: ['2026-12-30', '2026-12-29'] });
      const b = new WorkingDayCalendar({
        region: 'england-and-wales',
        extraClosures: ['2026-12-29', '2026-12-30', '2026-12-29'],
      });
      const c = new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: ['2026-12-29'] });
      const expectedHash = createHash('sha256').update('2026-12-29,2026-12-30').digest('hex').slice(0, 12);
      expect(a.id).toBe(`england-and-wales/date-holidays@${version}/closures:${expectedHash}`);
      expect(b.id).toBe(a.id);
      expect(c.id).not.toBe(a.id);
      expect(c.id).toMatch(/^england-and-wales\/date-holidays@\d+\.\d+\.\d+\/closures:[0-9a-f]{12}$/);
    });
  });

  describe('validation', () => {
    it('rejects bad configuration in the constructor', () => {
      expect(() => new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: ['2026-02-30'] })).toThrow(
        'extraClosures[0] must be a real calendar date written YYYY-MM-DD, got "2026-02-30"',
      );
      expect(
        () => new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: ['2026-12-29', '29/12/2026'] }),
      ).toThrow(/extraClosures\[1\]/);
      expect(() => new WorkingDayCalendar({ region: 'scotland', extraClosures: [] } as never)).toThrow(
        `calendar region must be one of 'england-and-wales', got "scotland"`,
      );
      expect(
        () => new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: '2026-12-29' } as never),
      ).toThrow(RangeError);
      expect(() => new WorkingDayCalendar(null as never)).toThrow(RangeError);
    });

    it('rejects malformed dates and bad counts', () => {
      expect(() => calendar.isWorkingDay('2026-13-01')).toThrow(RangeError);
      expect(() => calendar.nonWorkingReason('2026-6-1')).toThrow(RangeError);
      expect(() => calendar.addWorkingDays('2026-02-29', 1)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays('2026-06-10', -1)).toThrow(
        'n (working days) must be a non-negative integer, got -1',
      );
      expect(() => calendar.addWorkingDays('2026-06-10', 2.5)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays('2026-06-10', Number.POSITIVE_INFINITY)).toThrow(RangeError);
      expect(() => calendar.workingDaysBefore('2026-06-10', -3)).toThrow(RangeError);
      expect(() => calendar.workingDaysBetween('2026-06-10', '2026-06-31')).toThrow(/^to must be/);
      expect(() => calendar.workingDaysBetween('10-06-2026', '2026-06-30')).toThrow(/^from must be/);
    });
  });
});
