/**
 * Small-number suppression of published figures (pure).
 *
 * Primary: a figure computed from 1 to `min` − 1 cases is withheld (a count of such cases, a sum
 * of their deadlines, their median); a figure from no case is shown when it has a value (a count
 * of 0, no deadlines) and withheld when it has none (the median of no durations).
 *
 * Complementary: a relation says that published counts add up (`whole` = sum of `parts`: quarters
 * to a year, years to the total, stages to the resolved total, organisations to the raised
 * total). Until nothing changes, in every relation either no figure is withheld, or at least two
 * are and the true values of those withheld add up to at least `min`; where that fails the
 * smallest figure still shown in the relation that is not 0 is withheld too (a part before the
 * whole), unless none is left (every figure of it that is not 0 is withheld: it then only says
 * that withheld parts add up to a withheld whole). So no withheld figure is the one unknown of a sum, and withheld figures whose sum can be
 * worked out never add up to a small number. A figure that `follows` a count is withheld with it.
 */
export interface SuppressibleFigure {
  /** Unique among the figures. */
  id: string;
  /** The true value (null: nothing to publish, e.g. a median of no cases). */
  value: number | null;
  /** How many cases the figure comes from (for a count, the count itself). */
  cases: number;
  /** A count of cases (value = cases): only counts may be added up in relations. */
  isCount: boolean;
  /**
   * The count this figure is worked out over (a median over the cases resolved in a year, the
   * deadlines of the cases with at least one): it is withheld whenever that count is, so that a
   * figure shown never tells that its count is at least `min`, nor one withheld that it is small.
   */
  follows?: string;
  /**
   * Already published and frozen (in a signed-off annual report): shown or withheld as it was then,
   * whatever the rule would say now. A frozen figure shown is never withheld to protect another:
   * others of its sums are withheld instead.
   */
  fixed?: 'shown' | 'withheld';
}

export interface FigureRelation {
  whole: string;
  parts: string[];
}

export function withheldFigures(figures: readonly SuppressibleFigure[], relations: readonly FigureRelation[], min: number): Set<string> {
  const byId = new Map(figures.map((f) => [f.id, f]));
  for (const r of relations) {
    for (const id of [r.whole, ...r.parts]) {
      const f = byId.get(id);
      if (!f) throw new Error(`relation names figure '${id}', which is not published`);
      if (!f.isCount) throw new Error(`relation names figure '${id}', which is not a count`);
    }
  }
  for (const f of figures) {
    if (f.follows !== undefined && !byId.get(f.follows)?.isCount) throw new Error(`figure '${f.id}' follows '${f.follows}', which is not a published count`);
  }
  // A sum of one part says that two figures are the same: what is frozen of one is frozen of the other.
  const fixed = new Map(figures.map((f) => [f.id, f.fixed]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of relations) {
      if (r.parts.length !== 1) continue;
      for (const [from, to] of [[r.whole, r.parts[0]], [r.parts[0], r.whole]]) {
        if (fixed.get(from) !== undefined && fixed.get(to) === undefined) {
          fixed.set(to, fixed.get(from));
          changed = true;
        }
      }
    }
  }
  const withheld = new Set<string>();
  for (const f of figures) {
    const frozen = fixed.get(f.id);
    if (frozen === 'withheld' || (frozen === undefined && (f.value === null || (f.cases > 0 && f.cases < min)))) withheld.add(f.id);
  }
  const open = (id: string) => !withheld.has(id) && fixed.get(id) !== 'shown';
  const value = (id: string) => byId.get(id)!.value ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of relations) {
      const cells = [...r.parts, r.whole];
      const hidden = cells.filter((id) => withheld.has(id));
      if (hidden.length === 0) continue;
      const hiddenSum = hidden.reduce((sum, id) => sum + value(id), 0);
      if (hidden.length >= 2 && hiddenSum >= min) continue;
      // Parts come before the whole in `cells`, and the sort is stable: of equal values, a part goes first.
      const next = cells.filter((id) => open(id) && value(id) > 0).sort((a, b) => value(a) - value(b))[0];
      if (next === undefined) continue; // every figure of the relation that is not 0 is withheld already (or frozen as shown)
      withheld.add(next);
      changed = true;
    }
  }
  for (const f of figures) {
    if (f.follows !== undefined && withheld.has(f.follows) && fixed.get(f.id) !== 'shown') withheld.add(f.id);
  }
  return withheld;
}
