import { CalculatorInputError, checkConsultation, checkNotice } from './compact-calculators';

describe('checkNotice (4.5: three calendar months)', () => {
  it('accepts exactly three months and counts a day less as one day short', () => {
    expect(checkNotice('2026-06-15', '2026-09-15')).toMatchObject({ enough: true, shortfallDays: 0, earliestEnd: '2026-09-15', noticeDueBy: '2026-06-15', noticeDays: 92 });
    expect(checkNotice('2026-06-15', '2026-09-14')).toMatchObject({ enough: false, shortfallDays: 1, noticeDueBy: '2026-06-14' });
    expect(checkNotice('2026-06-15', '2026-12-01')).toMatchObject({ enough: true, shortfallDays: 0 });
  });

  it('clamps month ends: notice on 31 Jan needs an end on or after 30 Apr', () => {
    expect(checkNotice('2027-01-31', '2027-04-30')).toMatchObject({ enough: true, earliestEnd: '2027-04-30' });
    expect(checkNotice('2027-01-31', '2027-04-29')).toMatchObject({ enough: false, shortfallDays: 1 });
    // An end on 30 Apr could have been given notice as late as 31 Jan (30 and 31 Jan both give 30 Apr).
    expect(checkNotice('2027-02-01', '2027-04-30')).toMatchObject({ enough: false, shortfallDays: 1, noticeDueBy: '2027-01-31' });
  });

  it('handles February in leap and common years', () => {
    expect(checkNotice('2026-11-30', '2027-02-28')).toMatchObject({ enough: true, earliestEnd: '2027-02-28' });
    expect(checkNotice('2027-11-30', '2028-02-28')).toMatchObject({ enough: false, earliestEnd: '2028-02-29', shortfallDays: 1 });
    expect(checkNotice('2027-11-30', '2028-02-29')).toMatchObject({ enough: true });
    // 28 Feb 2027 is reached from 28, 29 and 30 Nov 2026: the latest of them is the date due.
    expect(checkNotice('2026-12-01', '2027-02-28').noticeDueBy).toBe('2026-11-30');
    expect(checkNotice('2028-03-01', '2028-05-31').noticeDueBy).toBe('2028-02-29');
  });

  it('counts calendar dates, so the clock change (29 Mar 2026, 25 Oct 2026) changes nothing', () => {
    expect(checkNotice('2026-01-10', '2026-04-10')).toMatchObject({ enough: true, noticeDays: 90 });
    expect(checkNotice('2026-01-10', '2026-04-09')).toMatchObject({ enough: false, shortfallDays: 1 });
    expect(checkNotice('2026-08-25', '2026-11-24')).toMatchObject({ enough: false, shortfallDays: 1 });
  });

  it('crosses the year end', () => {
    expect(checkNotice('2026-10-31', '2027-01-31')).toMatchObject({ enough: true });
    expect(checkNotice('2026-12-20', '2027-01-05')).toMatchObject({ enough: false, shortfallDays: 74, noticeDueBy: '2026-10-05' });
  });

  it('refuses dates in the wrong order, missing or unreal, naming the field', () => {
    const error = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as CalculatorInputError;
      }
      throw new Error('no error');
    };
    expect(error(() => checkNotice('2026-06-15', '2026-06-14'))).toMatchObject({ field: 'ends', message: expect.stringContaining('before given') });
    expect(error(() => checkNotice(undefined, '2026-06-14'))).toMatchObject({ field: 'given', message: 'given is required, written YYYY-MM-DD' });
    expect(error(() => checkNotice('2026-02-29', '2026-06-14'))).toMatchObject({ field: 'given' });
    expect(error(() => checkNotice('2026-06-15', '15/09/2026'))).toBeInstanceOf(CalculatorInputError);
    expect(checkNotice('2026-06-15', '2026-06-15')).toMatchObject({ enough: false, noticeDays: 0 });
  });
});

describe('checkConsultation (2.4: 12 weeks)', () => {
  it('needs 84 days from opening to closing', () => {
    expect(checkConsultation('2026-01-05', '2026-03-30')).toMatchObject({ lengthDays: 84, enough: true, shortfallDays: 0, earliestClose: '2026-03-30' });
    expect(checkConsultation('2026-01-05', '2026-03-29')).toMatchObject({ enough: false, shortfallDays: 1 });
    expect(checkConsultation('2026-09-01', '2026-10-13')).toMatchObject({ lengthDays: 42, shortfallDays: 42 });
  });

  it('counts a leap day and ignores the clock change', () => {
    expect(checkConsultation('2028-02-01', '2028-04-25')).toMatchObject({ lengthDays: 84, enough: true });
    expect(checkConsultation('2027-02-01', '2027-04-26')).toMatchObject({ lengthDays: 84, enough: true });
    expect(checkConsultation('2026-03-01', '2026-05-24').lengthDays).toBe(84);
  });

  it('refuses a close before the opening', () => {
    expect(() => checkConsultation('2026-03-01', '2026-02-28')).toThrow(/closes \(2026-02-28\) is before opens/);
    expect(() => checkConsultation('2026-03-01', '')).toThrow(CalculatorInputError);
  });
});

describe('the calculators’ range of dates (CALCULATOR_DATES)', () => {
  it('answers at both ends of the range, three months and 12 weeks either side included', () => {
    expect(checkNotice('1900-01-01', '1900-01-15')).toMatchObject({ enough: false, earliestEnd: '1900-04-01', noticeDueBy: '1899-10-15' });
    expect(checkNotice('9998-12-31', '9998-12-31')).toMatchObject({ noticeDays: 0, earliestEnd: '9999-03-31' });
    expect(checkConsultation('9998-12-31', '9998-12-31')).toMatchObject({ lengthDays: 0, earliestClose: '9999-03-25' });
    expect(checkConsultation('1900-01-01', '1900-03-26')).toMatchObject({ lengthDays: 84, enough: true });
  });

  it('refuses a date outside it with a CalculatorInputError naming the field, never a plain RangeError', () => {
    for (const [f, field] of [
      [() => checkNotice('9999-11-01', '9999-12-31'), 'given'],
      [() => checkNotice('0001-01-01', '0001-01-15'), 'given'],
      [() => checkNotice('1899-12-31', '1900-01-15'), 'given'],
      [() => checkNotice('1900-01-01', '9999-01-01'), 'ends'],
      [() => checkConsultation('9999-12-01', '9999-12-31'), 'opens'],
      [() => checkConsultation('1900-01-01', '9999-12-31'), 'closes'],
    ] as const) {
      expect(f).toThrow(CalculatorInputError);
      expect(f).toThrow(expect.objectContaining({ field, message: expect.stringContaining('must be from 1900-01-01 to 9998-12-31') }));
    }
  });
});
