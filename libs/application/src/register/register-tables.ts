import type { PublicBodyCount } from '@compact/domain';
import type { PublishedCell, PublishedField, PublishedTable } from '../published/published-table';
import { FigureRelation, SuppressibleFigure, withheldFigures } from '../published/small-number-suppression';

/** What the register counts, before suppression (from RegisterRepository's aggregates). */
export interface RegisterCounts {
  /** The years the register covers, oldest first. */
  years: number[];
  /** `all` is the whole span; year keys `2026`, quarter keys `2026-Q1`. */
  raised: Map<string, number>;
  resolved: Map<string, number>;
  withdrawn: Map<string, number>;
  undertakings: Array<{ id: string; text: string; count: number }>;
  /** In escalation order, each with its key (the stage's own name; '' where it was not kept) and label, and `Not recorded` for cases whose stage was not kept. */
  stages: Array<{ key: string; label: string; count: number }>;
  deadlines: { met: number; missed: number; casesMet: number; casesMissed: number };
  /** One per year of resolution, then (over all time) `All years`. */
  medians: Array<{ period: string; cases: number; medianDays: number | null }>;
  respondents: PublicBodyCount[];
  claimants: PublicBodyCount[];
}

type DraftCell = PublishedCell | { figure: string };
interface DraftTable extends Omit<PublishedTable, 'rows' | 'withheldText'> {
  rows: Array<Record<string, DraftCell>>;
}

const MEASURES = ['raised', 'resolved', 'withdrawn'] as const;
const MEASURE_FIELDS: PublishedField[] = [
  { name: 'raised', type: 'integer', title: 'Cases raised' },
  { name: 'resolved', type: 'integer', title: 'Cases resolved', description: 'Counted when the case was first resolved (or an agreement reached to follow up).' },
  { name: 'withdrawn', type: 'integer', title: 'Cases withdrawn' },
];
export const OTHER_ORGANISATIONS = 'Voluntary and community organisations and others (not named)';

/** The tables' stable names, in the order they are published. */
export const REGISTER_TABLES = [
  'case-totals',
  'cases-by-year',
  'cases-by-quarter',
  'cases-by-undertaking',
  'cases-by-resolution-stage',
  'deadlines',
  'time-to-resolution',
  'cases-by-public-body',
] as const;

/** The register's counts over every year (`all`), and for each year on its own (as the annual reports publish it). */
export interface RegisterCountsByPeriod {
  all: RegisterCounts;
  years: ReadonlyMap<number, RegisterCounts>;
}

/** The register's tables over every year, and each year's own tables, suppressed together. */
export interface RegisterTablesByPeriod {
  all: PublishedTable[];
  years: Map<number, PublishedTable[]>;
}

/** One period's draft tables: figures named `<period>/<figure>`, and the sums that hold within it. */
interface PeriodDraft {
  tables: DraftTable[];
  figures: SuppressibleFigure[];
  relations: FigureRelation[];
  /** The counts (without the period) that each year has its own of, adding up to the one over every year. */
  acrossYears: string[];
}

/**
 * The register's tables from its counts, after small-number suppression (see withheldFigures) of
 * every period together: the register over every year and each year's own tables (the annual
 * report's), so that no figure of one can be worked out from the other.
 * - Within a period: quarters add up to their year and years to the totals; stages to the cases
 *   resolved; public bodies (with every other organisation as one unnamed row) to the cases raised,
 *   once as respondent and once as raiser.
 * - Across periods: a year's own totals and quarters are the register's figures for that year; and
 *   each year's cases by undertaking, by stage, by public body and with deadlines met or missed
 *   add up to the register's over every year.
 * - A median and a number of deadlines are withheld with the count of cases they are worked out over.
 * - A year whose annual report is signed off (`frozen`: its register tables as published) keeps
 *   each figure shown or withheld as the report has it; the sums it is in withhold others instead.
 */
export function registerTablesByPeriod(c: RegisterCountsByPeriod, min: number, frozen: ReadonlyMap<number, readonly PublishedTable[]> = new Map()): RegisterTablesByPeriod {
  const all = periodDraft(c.all, 'all');
  const years = new Map([...c.years].map(([year, counts]) => [year, periodDraft(counts, String(year))]));
  for (const [year, tables] of frozen) {
    const draft = years.get(year);
    if (draft) freeze(draft, tables);
  }
  const figures = [...all.figures, ...[...years.values()].flatMap((d) => d.figures)];
  const relations = [...all.relations, ...[...years.values()].flatMap((d) => d.relations)];
  const known = new Set(figures.map((f) => f.id));
  /** A figure a year does not publish (no case of it) is 0 in the sums across years. */
  const ensure = (id: string) => {
    if (!known.has(id)) figures.push({ id, value: 0, cases: 0, isCount: true });
    known.add(id);
    return id;
  };
  for (const y of c.all.years) {
    if (!c.years.has(y)) continue;
    for (const m of MEASURES) {
      relations.push({ whole: `all/${m}:${y}`, parts: [`${y}/${m}:all`] });
      for (const q of [1, 2, 3, 4]) relations.push({ whole: `all/${m}:${y}-Q${q}`, parts: [`${y}/${m}:${y}-Q${q}`] });
    }
  }
  const acrossYears = new Set([all, ...years.values()].flatMap((d) => d.acrossYears));
  if (c.years.size > 0) {
    for (const name of acrossYears) relations.push({ whole: ensure(`all/${name}`), parts: [...c.years.keys()].map((y) => ensure(`${y}/${name}`)) });
  }
  const withheld = withheldFigures(figures, relations, min);
  const values = new Map(figures.map((f) => [f.id, f.value]));
  return {
    all: rendered(all.tables, withheld, values, min),
    years: new Map([...years].map(([year, d]) => [year, rendered(d.tables, withheld, values, min)])),
  };
}

function periodDraft(c: RegisterCounts, period: string): PeriodDraft {
  const figures: SuppressibleFigure[] = [];
  const relations: FigureRelation[] = [];
  const acrossYears: string[] = [];
  const id = (name: string) => `${period}/${name}`;
  const count = (name: string, value: number) => {
    figures.push({ id: id(name), value, cases: value, isCount: true });
    return { figure: id(name) };
  };
  /** A count of the cases of a period that each year also counts for itself (cases are counted in the year they were raised or resolved). */
  const yearlyCount = (name: string, value: number) => {
    acrossYears.push(name);
    return count(name, value);
  };
  const other = (name: string, value: number | null, cases: number, follows: string) => {
    figures.push({ id: id(name), value, cases, isCount: false, follows: id(follows) });
    return { figure: id(name) };
  };
  const get = (m: Map<string, number>, key: string) => m.get(key) ?? 0;
  const measures = (key: string) => Object.fromEntries(MEASURES.map((m) => [m, count(`${m}:${key}`, get(c[m], key))]));

  const tables: DraftTable[] = [
    {
      name: 'case-totals',
      title: 'Cases raised, resolved and withdrawn',
      description: 'Every case the register covers.',
      fields: MEASURE_FIELDS,
      rows: [measures('all')],
    },
    {
      name: 'cases-by-year',
      title: 'Cases by year',
      description: 'Cases raised, resolved and withdrawn in each calendar year (UK time).',
      fields: [{ name: 'year', type: 'year', title: 'Year' }, ...MEASURE_FIELDS],
      rows: c.years.map((y) => ({ year: y, ...measures(String(y)) })),
    },
    {
      name: 'cases-by-quarter',
      title: 'Cases by quarter',
      description: 'Cases raised, resolved and withdrawn in each quarter (January to March is quarter 1).',
      fields: [{ name: 'year', type: 'year', title: 'Year' }, { name: 'quarter', type: 'integer', title: 'Quarter' }, ...MEASURE_FIELDS],
      rows: c.years.flatMap((y) => [1, 2, 3, 4].map((q) => ({ year: y, quarter: q, ...measures(`${y}-Q${q}`) }))),
    },
  ];
  for (const m of MEASURES) {
    relations.push({ whole: id(`${m}:all`), parts: c.years.map((y) => id(`${m}:${y}`)) });
    for (const y of c.years) relations.push({ whole: id(`${m}:${y}`), parts: [1, 2, 3, 4].map((q) => id(`${m}:${y}-Q${q}`)) });
  }

  tables.push({
    name: 'cases-by-undertaking',
    title: 'Cases by undertaking cited',
    description: 'Cases raised that cite each undertaking of the Compact. A case may cite several, so these do not add up to the cases raised.',
    fields: [
      { name: 'undertaking', type: 'string', title: 'Undertaking' },
      { name: 'text', type: 'string', title: 'What it says (shortened)' },
      { name: 'cases', type: 'integer', title: 'Cases citing it' },
    ],
    rows: c.undertakings.map((u) => ({ undertaking: u.id, text: u.text, cases: yearlyCount(`undertaking:${u.id}`, u.count) })),
  });

  tables.push({
    name: 'cases-by-resolution-stage',
    title: 'Cases resolved, by the stage they were resolved at',
    description: 'Cases resolved, by the stage of the escalation path they had reached.',
    fields: [
      { name: 'stage', type: 'string', title: 'Stage' },
      { name: 'resolved', type: 'integer', title: 'Cases resolved' },
    ],
    rows: c.stages.map((s) => ({ stage: s.label, resolved: yearlyCount(`stage:${s.key}`, s.count) })),
  });
  relations.push({ whole: id('resolved:all'), parts: c.stages.map((s) => id(`stage:${s.key}`)) });

  const d = c.deadlines;
  tables.push({
    name: 'deadlines',
    title: 'Deadlines met and missed',
    description: 'The Compact’s deadlines that ended in the cases raised: met by the person who had to act, or missed.',
    fields: [
      { name: 'deadlines', type: 'string', title: 'Deadlines' },
      { name: 'count', type: 'integer', title: 'Number of deadlines' },
      { name: 'cases', type: 'integer', title: 'Cases with at least one' },
    ],
    // A number of deadlines is withheld with the cases it is counted over.
    rows: [
      { deadlines: 'Met', count: other('deadlines:met', d.met, d.casesMet, 'deadline-cases:met'), cases: yearlyCount('deadline-cases:met', d.casesMet) },
      { deadlines: 'Missed', count: other('deadlines:missed', d.missed, d.casesMissed, 'deadline-cases:missed'), cases: yearlyCount('deadline-cases:missed', d.casesMissed) },
    ],
  });

  tables.push({
    name: 'time-to-resolution',
    title: 'Median time to resolution',
    description: 'The median number of days from raising a case to its resolution, over the cases resolved in each period.',
    fields: [
      { name: 'period', type: 'string', title: 'Resolved in' },
      { name: 'median_days', type: 'number', title: 'Median days to resolution' },
    ],
    // Over the cases resolved in the period: withheld with that count.
    rows: c.medians.map((m) => ({ period: m.period, median_days: other(`median:${m.period}`, m.medianDays, m.cases, /^\d+$/.test(m.period) ? `resolved:${m.period}` : 'resolved:all') })),
  });

  const bodies = publicBodyRows(c.respondents, c.claimants);
  tables.push({
    name: 'cases-by-public-body',
    title: 'Cases by public body',
    description:
      'Cases raised, by the public body they were raised against and the public body that raised them. Voluntary and community organisations are never named: their cases are counted together in one row.',
    fields: [
      { name: 'organisation', type: 'string', title: 'Public body' },
      { name: 'respondent', type: 'integer', title: 'Cases raised against it' },
      { name: 'raised_by', type: 'integer', title: 'Cases it raised' },
    ],
    rows: bodies.map((b) => ({
      organisation: b.name,
      respondent: yearlyCount(`body-respondent:${b.key}`, b.respondent),
      raised_by: yearlyCount(`body-claimant:${b.key}`, b.claimant),
    })),
  });
  relations.push({ whole: id('raised:all'), parts: bodies.map((b) => id(`body-respondent:${b.key}`)) });
  relations.push({ whole: id('raised:all'), parts: bodies.map((b) => id(`body-claimant:${b.key}`)) });
  return { tables, figures, relations, acrossYears };
}

/**
 * Marks each figure of a year's draft as the signed-off report published it: shown, or withheld
 * (null). A row is matched by its cells that are not figures (the year and quarter, the
 * undertaking, the stage, the organisation); a row the report did not have is left to the rule.
 */
function freeze(draft: PeriodDraft, published: readonly PublishedTable[]): void {
  const byId = new Map(draft.figures.map((f) => [f.id, f]));
  const isFigure = (v: DraftCell): v is { figure: string } => v !== null && typeof v === 'object';
  for (const t of draft.tables) {
    const table = published.find((p) => p.name === t.name);
    if (!table) continue;
    for (const row of t.rows) {
      const keys = Object.entries(row).filter(([, v]) => !isFigure(v));
      const match = table.rows.find((r) => keys.every(([k, v]) => r[k] === v));
      if (!match) continue;
      for (const [k, v] of Object.entries(row)) {
        if (!isFigure(v) || !(k in match)) continue;
        const figure = byId.get(v.figure);
        if (figure) figure.fixed = match[k] === null ? 'withheld' : 'shown';
      }
    }
  }
}

/** A period's tables with each figure's value, or null where it is withheld. */
function rendered(tables: DraftTable[], withheld: Set<string>, values: Map<string, number | null>, min: number): PublishedTable[] {
  // A withheld count reads "fewer than 5"; a withheld median or number of deadlines is not itself a number of cases.
  const withheldText = (t: DraftTable) => (t.name === 'deadlines' || t.name === 'time-to-resolution' ? `not shown (fewer than ${min} cases)` : `fewer than ${min}`);
  return tables.map((t) => ({
    ...t,
    withheldText: withheldText(t),
    rows: t.rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, v !== null && typeof v === 'object' ? (withheld.has(v.figure) ? null : (values.get(v.figure) ?? null)) : v]),
      ),
    ),
  }));
}

/** Public bodies by name, then every other organisation together in one unnamed row (always there, so the rows add up). */
function publicBodyRows(respondents: PublicBodyCount[], claimants: PublicBodyCount[]) {
  const rows = new Map<string | null, { key: string; name: string; respondent: number; claimant: number }>();
  const row = (b: PublicBodyCount) => {
    let r = rows.get(b.organisationId);
    if (!r) {
      const name = b.organisationId === null ? OTHER_ORGANISATIONS : (b.name ?? '');
      rows.set(b.organisationId, (r = { key: b.organisationId ?? 'others', name, respondent: 0, claimant: 0 }));
    }
    return r;
  };
  row({ organisationId: null, name: null, count: 0 });
  for (const b of respondents) row(b).respondent += b.count;
  for (const b of claimants) row(b).claimant += b.count;
  const named = [...rows].filter(([id]) => id !== null).map(([, r]) => r);
  return [...named.sort((a, b) => a.name.localeCompare(b.name, 'en')), rows.get(null)!];
}
