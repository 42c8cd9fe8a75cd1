import { FigureRelation, SuppressibleFigure, withheldFigures } from './small-number-suppression';

const count = (id: string, value: number): SuppressibleFigure => ({ id, value, cases: value, isCount: true });
const sorted = (s: Set<string>) => [...s].sort();

describe('small-number suppression', () => {
  it('withholds counts from 1 to min − 1 and shows 0 and counts of min or more', () => {
    const figures = [0, 1, 4, 5, 12].map((v) => count(`c${v}`, v));
    expect(sorted(withheldFigures(figures, [], 5))).toEqual(['c1', 'c4']);
    expect(sorted(withheldFigures(figures, [], 2))).toEqual(['c1']);
  });

  it('withholds a figure that is not a count when it comes from fewer than min cases, none included', () => {
    const figures: SuppressibleFigure[] = [
      { id: 'median-of-4', value: 12.5, cases: 4, isCount: false },
      { id: 'median-of-none', value: null, cases: 0, isCount: false },
      { id: 'median-of-5', value: 3, cases: 5, isCount: false },
    ];
    expect(sorted(withheldFigures(figures, [], 5))).toEqual(['median-of-4', 'median-of-none']);
  });

  it('withholds the smallest other part when one part of a shown whole is withheld', () => {
    const figures = [count('year', 30), count('q1', 3), count('q2', 12), count('q3', 7), count('q4', 8)];
    const relations: FigureRelation[] = [{ whole: 'year', parts: ['q1', 'q2', 'q3', 'q4'] }];
    expect(sorted(withheldFigures(figures, relations, 5))).toEqual(['q1', 'q3']);
  });

  it('withholds more until the withheld figures of a relation add up to at least min', () => {
    const figures = [count('year', 22), count('q1', 1), count('q2', 2), count('q3', 9), count('q4', 10)];
    const relations: FigureRelation[] = [{ whole: 'year', parts: ['q1', 'q2', 'q3', 'q4'] }];
    // 1 + 2 = 3 would tell that both are small: q3 goes too (1 + 2 + 9 = 12).
    expect(sorted(withheldFigures(figures, relations, 5))).toEqual(['q1', 'q2', 'q3']);
  });

  it('never withholds a 0 to protect another figure, and withholds the whole when no part is left', () => {
    const figures = [count('year', 3), count('q1', 3), count('q2', 0), count('q3', 0), count('q4', 0), count('total', 40), count('other', 37)];
    const relations: FigureRelation[] = [
      { whole: 'year', parts: ['q1', 'q2', 'q3', 'q4'] },
      { whole: 'total', parts: ['year', 'other'] },
    ];
    // The year (3) is withheld on its own; the other year then goes with it, else total − other tells it.
    expect(sorted(withheldFigures(figures, relations, 5))).toEqual(['other', 'q1', 'year']);
  });

  it('carries suppression across tables until every relation holds', () => {
    // Two years of quarters, the years to a total, and a second breakdown of the total by organisation.
    const figures = [
      count('total', 40),
      count('y1', 20), count('y2', 20),
      count('y1q1', 2), count('y1q2', 18), count('y2q1', 10), count('y2q2', 10),
      count('orgA', 38), count('orgB', 2),
    ];
    const relations: FigureRelation[] = [
      { whole: 'total', parts: ['y1', 'y2'] },
      { whole: 'y1', parts: ['y1q1', 'y1q2'] },
      { whole: 'y2', parts: ['y2q1', 'y2q2'] },
      { whole: 'total', parts: ['orgA', 'orgB'] },
    ];
    const withheld = withheldFigures(figures, relations, 5);
    expect(sorted(withheld)).toEqual(['orgA', 'orgB', 'y1q1', 'y1q2']);
    for (const r of relations) {
      const hidden = [r.whole, ...r.parts].filter((id) => withheld.has(id));
      const sum = hidden.reduce((s, id) => s + figures.find((f) => f.id === id)!.value!, 0);
      expect(hidden.length === 0 || (hidden.length >= 2 && sum >= 5)).toBe(true);
    }
  });

  it('refuses a relation that names a figure not published, or one that is not a count', () => {
    expect(() => withheldFigures([count('a', 1)], [{ whole: 'a', parts: ['b'] }], 5)).toThrow("figure 'b'");
    const median: SuppressibleFigure = { id: 'm', value: 2, cases: 9, isCount: false };
    expect(() => withheldFigures([count('a', 9), median], [{ whole: 'a', parts: ['m'] }], 5)).toThrow('not a count');
  });

  it('withholds a figure with the count it follows, even a median of enough cases, so a median shown says nothing of a count withheld', () => {
    // 2026's 5 resolved cases are withheld only to protect 2025's 1: its median must go with them.
    const figures: SuppressibleFigure[] = [
      count('all', 6),
      count('y2025', 1),
      count('y2026', 5),
      { id: 'median-2026', value: 40, cases: 5, isCount: false, follows: 'y2026' },
      { id: 'median-all', value: 38, cases: 6, isCount: false, follows: 'all' },
    ];
    const withheld = withheldFigures(figures, [{ whole: 'all', parts: ['y2025', 'y2026'] }], 5);
    expect(sorted(withheld)).toEqual(['median-2026', 'y2025', 'y2026']);
  });

  it('refuses a figure that follows anything but a published count', () => {
    const loose: SuppressibleFigure = { id: 'm', value: 2, cases: 9, isCount: false, follows: 'nothing' };
    expect(() => withheldFigures([loose], [], 5)).toThrow("follows 'nothing'");
  });
});
