import { PublishedTable, publishedCellText } from './published-table';

describe('publishedCellText', () => {
  const table: PublishedTable = {
    name: 'feedback-by-year',
    title: 'Feedback by year',
    description: '',
    fields: [
      { name: 'year', type: 'year', title: 'Year' },
      { name: 'responded', type: 'integer', title: 'People who answered' },
      { name: 'mean_fair', type: 'number', title: 'Fair (mean)', over: 'responded' },
    ],
    rows: [
      { year: 2030, responded: 0, mean_fair: null },
      { year: 2031, responded: null, mean_fair: null },
      { year: 2032, responded: 7, mean_fair: 4.25 },
    ],
    withheldText: 'fewer than 5',
    noValueText: 'no answers',
  };
  const [, responded, mean] = table.fields;

  it('reads a figure with nothing to work it out over as such, a withheld one as withheld, and a value as itself', () => {
    expect(publishedCellText(table, table.rows[0], mean)).toBe('no answers');
    expect(publishedCellText(table, table.rows[0], responded)).toBe('0');
    expect(publishedCellText(table, table.rows[1], mean)).toBe('fewer than 5');
    expect(publishedCellText(table, table.rows[1], responded)).toBe('fewer than 5');
    expect(publishedCellText(table, table.rows[2], mean)).toBe('4.25');
    expect(publishedCellText({ ...table, noValueText: undefined }, table.rows[0], mean)).toBe('fewer than 5');
  });
});
