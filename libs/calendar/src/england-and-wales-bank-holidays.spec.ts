import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATE_HOLIDAYS_VERSION, EnglandAndWalesBankHolidays } from './england-and-wales-bank-holidays';

describe('EnglandAndWalesBankHolidays', () => {
  const holidays = new EnglandAndWalesBankHolidays();

  it('reads the date-holidays version from its package.json', () => {
    const pkgPath = join(require.resolve('date-holidays'), '..', '..', 'package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string };
    expect(DATE_HOLIDAYS_VERSION).toBe(pkg.version);
    expect(DATE_HOLIDAYS_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('lists only public/bank holidays, keeping the weekend nominal day next to its substitute', () => {
    expect(holidays.inYear(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-05-04', name: 'Early May bank holiday' },
      { date: '2026-05-25', name: 'Spring bank holiday' },
      { date: '2026-08-31', name: 'Summer bank holiday' },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: 'Boxing Day' }, // a Saturday
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ]);
  });

  it('drops observances such as Mother\'s Day, Easter Sunday and Father\'s Day', () => {
    expect(holidays.nameOn('2026-03-15')).toBeNull(); // Mother's Day
    expect(holidays.nameOn('2026-04-05')).toBeNull(); // Easter Sunday
    expect(holidays.nameOn('2026-06-21')).toBeNull(); // Father's Day
    expect(holidays.nameOn('2027-03-28')).toBeNull(); // Easter Sunday
  });

  it('includes one-off and moved bank holidays from the data set', () => {
    expect(holidays.nameOn('2022-09-19')).toBe("Queen Elizabeth's Funeral Day");
    expect(holidays.nameOn('2023-05-08')).toBe("King Charles III's Coronation");
    expect(holidays.nameOn('2020-05-08')).toBe('Early May bank holiday (VE day)');
    expect(holidays.nameOn('2020-05-04')).toBeNull();
  });
});
