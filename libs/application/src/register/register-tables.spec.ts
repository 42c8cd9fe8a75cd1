import { RegisterCounts, registerTablesByPeriod } from './register-tables';

/** Counts of one period: raised, resolved and withdrawn by key ('all', a year, 'YYYY-Qn'), the rest as given. */
function counts(years: number[], raised: Record<string, number>, rest: Partial<RegisterCounts> = {}): RegisterCounts {
  return {
    years,
    raised: new Map(Object.entries(raised)),
    resolved: new Map(),
    withdrawn: new Map(),
    undertakings: [],
    stages: [],
    deadlines: { met: 0, missed: 0, casesMet: 0, casesMissed: 0 },
    medians: [],
    respondents: [],
    claimants: [],
    ...rest,
  };
}

const cell = (tables: ReturnType<typeof registerTablesByPeriod>['all'], table: string, match: Record<string, unknown>, field: string) =>
  tables.find((t) => t.name === table)!.rows.find((r) => Object.entries(match).every(([k, v]) => r[k] === v))![field];

describe('registerTablesByPeriod', () => {
  // 2025: 1 case (raised in Q4); 2026: 9 cases. Every year's own tables are suppressed with the register's.
  const all = counts([2025, 2026], { all: 10, '2025': 1, '2025-Q4': 1, '2026': 9, '2026-Q1': 9 }, {
    undertakings: [{ id: '4.5', text: 'Give notice.', count: 7 }],
  });
  const y2025 = counts([2025], { all: 1, '2025': 1, '2025-Q4': 1 }, { undertakings: [{ id: '4.5', text: 'Give notice.', count: 1 }] });
  const y2026 = counts([2026], { all: 9, '2026': 9, '2026-Q1': 9 }, { undertakings: [{ id: '4.5', text: 'Give notice.', count: 6 }] });
  const tables = registerTablesByPeriod({ all, years: new Map([[2025, y2025], [2026, y2026]]) }, 5);

  it('withholds a year’s own totals wherever the register withholds that year, to protect another', () => {
    // 2025's 1 is withheld, so 2026's 9 is too (else 10 − 9 = 1); and so is 2026's report's own total.
    expect(cell(tables.all, 'cases-by-year', { year: 2026 }, 'raised')).toBeNull();
    expect(cell(tables.years.get(2026)!, 'case-totals', {}, 'raised')).toBeNull();
    expect(cell(tables.years.get(2026)!, 'cases-by-quarter', { quarter: 1 }, 'raised')).toBeNull();
    expect(cell(tables.all, 'case-totals', {}, 'raised')).toBe(10);
  });

  it('withholds a year’s count by undertaking when the register’s over every year would give another year’s away', () => {
    // 7 over every year, 6 in 2026: shown together, 2025's 1 would be 7 − 6.
    expect(cell(tables.years.get(2025)!, 'cases-by-undertaking', { undertaking: '4.5' }, 'cases')).toBeNull();
    const over = cell(tables.all, 'cases-by-undertaking', { undertaking: '4.5' }, 'cases');
    const in2026 = cell(tables.years.get(2026)!, 'cases-by-undertaking', { undertaking: '4.5' }, 'cases');
    expect(over === null || in2026 === null).toBe(true);
  });

  it('withholds a median and a number of deadlines with the count of cases behind them', () => {
    const withMedians = (c: RegisterCounts, medians: RegisterCounts['medians']): RegisterCounts => ({ ...c, medians, resolved: c.raised, deadlines: { met: 12, missed: 0, casesMet: 9, casesMissed: 0 } });
    const t = registerTablesByPeriod(
      {
        all: withMedians(all, [{ period: '2025', cases: 1, medianDays: 30 }, { period: '2026', cases: 9, medianDays: 40 }, { period: 'All years', cases: 10, medianDays: 38 }]),
        years: new Map([[2026, withMedians(y2026, [{ period: '2026', cases: 9, medianDays: 40 }])]]),
      },
      5,
    );
    // 2026's 9 resolved cases are withheld (for 2025's 1): its median of 9 cases goes with them, here and in 2026's own tables.
    expect(cell(t.all, 'time-to-resolution', { period: '2026' }, 'median_days')).toBeNull();
    expect(cell(t.years.get(2026)!, 'time-to-resolution', { period: '2026' }, 'median_days')).toBeNull();
    expect(cell(t.all, 'time-to-resolution', { period: 'All years' }, 'median_days')).toBe(38);
    expect(cell(t.all, 'deadlines', { deadlines: 'Met' }, 'count')).toBe(12);
  });

  it('keeps a signed-off year’s figures as its report published them, withholding others of their sums instead', () => {
    const u = (count: number) => ({ undertakings: [{ id: '4.5', text: 'Give notice.', count }] });
    const every = counts([2025, 2026, 2027], { all: 60, '2025': 20, '2025-Q1': 20, '2026': 20, '2026-Q1': 20, '2027': 20, '2027-Q1': 20 }, u(10));
    const year = (y: number, n: number) => counts([y], { all: 20, [String(y)]: 20, [`${y}-Q1`]: 20 }, u(n));
    const input = { all: every, years: new Map([[2025, year(2025, 6)], [2026, year(2026, 3)], [2027, year(2027, 1)]]) };
    // Before 2025's report is signed off, 2025's 6 is withheld with 2026's 3 and 2027's 1 (together 4, fewer than 5).
    const live = registerTablesByPeriod(input, 5);
    expect(cell(live.years.get(2025)!, 'cases-by-undertaking', { undertaking: '4.5' }, 'cases')).toBeNull();
    expect(cell(live.all, 'cases-by-undertaking', { undertaking: '4.5' }, 'cases')).toBe(10);
    // 2025's report was signed off showing 6: the total over every year is withheld instead, or 10 − 6 would give 2026 and 2027 away.
    const signed = registerTablesByPeriod({ ...input, years: new Map([[2025, year(2025, 6)], [2026, year(2026, 3)], [2027, year(2027, 1)]]) }, 5, new Map([[2025, registerTablesByPeriod({ all: year(2025, 6), years: new Map() }, 5).all]]));
    expect(cell(signed.years.get(2025)!, 'cases-by-undertaking', { undertaking: '4.5' }, 'cases')).toBe(6);
    expect(cell(signed.all, 'cases-by-undertaking', { undertaking: '4.5' }, 'cases')).toBeNull();
    // A figure the report withheld stays withheld, here and wherever it is the same figure (the register's row for the year).
    const frozenTotals = registerTablesByPeriod({ all: year(2025, 6), years: new Map() }, 5).all.map((t) =>
      t.name === 'case-totals' ? { ...t, rows: [{ ...t.rows[0], raised: null }] } : t,
    );
    const hidden = registerTablesByPeriod(input, 5, new Map([[2025, frozenTotals]]));
    expect(cell(hidden.all, 'cases-by-year', { year: 2025 }, 'raised')).toBeNull();
    expect(cell(hidden.years.get(2025)!, 'case-totals', {}, 'raised')).toBeNull();
  });
});
