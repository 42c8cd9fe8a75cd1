import { boxesOfDate, dateBoxesOf, hasDateBoxes, readDate } from './date-input';

const wording = { missing: 'Enter the date you were told', subject: 'The date you were told' };
const read = (day: string, month: string, year: string) => readDate({ day, month, year }, wording);

describe('reading a GOV.UK date input', () => {
  it('reads a real date, with or without leading zeros', () => {
    expect(read('1', '12', '2026')).toMatchObject({ date: '2026-12-01' });
    expect(read('09', '02', '2028')).toMatchObject({ date: '2028-02-09' });
    expect(read('29', '2', '2028')).toMatchObject({ date: '2028-02-29' });
  });

  it('words each problem as the pattern does, marking the boxes to fix', () => {
    expect(read('', '', '')).toMatchObject({ date: null, message: 'Enter the date you were told', parts: ['day', 'month', 'year'] });
    expect(read('1', '', '2026')).toMatchObject({ message: 'The date you were told must include a month', parts: ['month'] });
    expect(read('', '', '2026')).toMatchObject({ message: 'The date you were told must include a day and month', parts: ['day', 'month'] });
    expect(read('29', '2', '2027')).toMatchObject({ message: 'The date you were told must be a real date', parts: ['day', 'month', 'year'] });
    expect(read('x', '2', '2027')).toMatchObject({ message: 'The date you were told must be a real date' });
    expect(read('1', '13', '2027')).toMatchObject({ message: 'The date you were told must be a real date' });
    expect(read('1', '2', '27')).toMatchObject({ message: 'The date you were told must have a year with 4 numbers', parts: ['year'] });
    expect(read('1', '1', '0000')).toMatchObject({ message: 'The date you were told must be a real date' });
  });

  it('reads the boxes of a query string, anything but text as empty', () => {
    const query = { 'given-day': ' 1 ', 'given-month': ['1', '2'], 'given-year': '2026' };
    expect(dateBoxesOf(query, 'given')).toEqual({ day: '1', month: '', year: '2026' });
    expect(hasDateBoxes(query, 'given')).toBe(true);
    expect(hasDateBoxes(query, 'ends')).toBe(false);
    expect(boxesOfDate('2026-02-05')).toEqual({ day: '5', month: '2', year: '2026' });
  });
});
