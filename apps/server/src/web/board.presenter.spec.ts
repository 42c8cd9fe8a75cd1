import { casesHref, dayLabel, monthLabel, raisedChart } from './board.presenter';

const months = (counts: number[]) =>
  counts.map((count, i) => {
    const month = `2026-${String(i + 1).padStart(2, '0')}`;
    return { month, from: `${month}-01`, to: `${month}-28`, count };
  });

describe('the board page presenter', () => {
  it('names months and days in words', () => {
    expect(monthLabel('2026-03')).toBe('March 2026');
    expect(dayLabel('2026-03-01')).toBe('1 March 2026');
  });

  it('links to /cases with the filters and the board’s range', () => {
    expect(casesHref({ raisedFrom: null, raisedTo: null }, {})).toBe('/cases');
    expect(casesHref({ raisedFrom: '2026-01-01', raisedTo: null }, { outcome: 'monitoring,resolved,closed' })).toBe(
      '/cases?outcome=monitoring%2Cresolved%2Cclosed&raisedFrom=2026-01-01',
    );
    // A month's own dates are kept, not the range's.
    expect(casesHref({ raisedFrom: '2026-01-01', raisedTo: '2026-12-31' }, { raisedFrom: '2026-03-01', raisedTo: '2026-03-31' })).toBe(
      '/cases?raisedFrom=2026-03-01&raisedTo=2026-03-31',
    );
  });

  it('draws one bar per month scaled to the busiest, with round grid lines and a description in words', () => {
    const chart = raisedChart(months([0, 3, 12, 7]))!;
    expect(chart.bars).toHaveLength(4);
    expect(chart.bars[0].height).toBe(0);
    expect(chart.bars[2].y).toBeLessThan(chart.bars[3].y);
    expect(chart.bars[2].tooltip).toBe('March 2026: 12 cases');
    expect(chart.gridlines.map((g) => g.label)).toEqual(['0', '5', '10', '15']);
    expect(chart.title).toBe('Cases raised each month, January 2026 to April 2026');
    expect(chart.desc).toBe(
      'Bar chart of the cases raised each month from January 2026 to April 2026: 22 cases in all, the most in March 2026 (12 cases). The table below gives every month\'s figure.',
    );
    for (const b of chart.bars) expect(b.x + b.width).toBeLessThanOrEqual(chart.width);
  });

  it('says when no case was raised, and draws nothing for no month', () => {
    expect(raisedChart(months([0, 0]))!.desc).toBe('No case was raised from January 2026 to February 2026.');
    expect(raisedChart(months([0, 0]))!.gridlines.map((g) => g.label)).toEqual(['0', '1']);
    expect(raisedChart([])).toBeNull();
  });
});
