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
  /** In escalation order, each with its label, and `Not recorded` for cases whose stage was not kept. */
  stages: Array<{ label: string; count: number }>;
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

/**
 * The register's tables from its counts, after small-number suppression across every table (see
 * withheldFigures): quarters add up to their year and years to the totals; stages to the cases
 * resolved; public bodies (with every other organisation as one unnamed row) to the cases raised,
 * once as respondent and once as raiser.
 */
export function registerTables(c: RegisterCounts, min: number): PublishedTable[] {
  const figures: SuppressibleFigure[] = [];
  const relations: FigureRelation[] = [];
  const count = (id: string, value: number) => {
    figures.push({ id, value, cases: value, isCount: true });
    return { figure: id };
  };
  const other = (id: string, value: number | null, cases: number) => {
    figures.push({ id, value, cases, isCount: false });
    return { figure: id };
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
    relations.push({ whole: `${m}:all`, parts: c.years.map((y) => `${m}:${y}`) });
    for (const y of c.years) relations.push({ whole: `${m}:${y}`, parts: [1, 2, 3, 4].map((q) => `${m}:${y}-Q${q}`) });
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
    rows: c.undertakings.map((u) => ({ undertaking: u.id, text: u.text, cases: count(`undertaking:${u.id}`, u.count) })),
  });

  tables.push({
    name: 'cases-by-resolution-stage',
    title: 'Cases resolved, by the stage they were resolved at',
    description: 'Cases resolved, by the stage of the escalation path they had reached.',
    fields: [
      { name: 'stage', type: 'string', title: 'Stage' },
      { name: 'resolved', type: 'integer', title: 'Cases resolved' },
    ],
    rows: c.stages.map((s, i) => ({ stage: s.label, resolved: count(`stage:${i}`, s.count) })),
  });
  relations.push({ whole: 'resolved:all', parts: c.stages.map((_s, i) => `stage:${i}`) });

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
    rows: [
      { deadlines: 'Met', count: other('deadlines:met', d.met, d.casesMet), cases: count('deadline-cases:met', d.casesMet) },
      { deadlines: 'Missed', count: other('deadlines:missed', d.missed, d.casesMissed), cases: count('deadline-cases:missed', d.casesMissed) },
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
    rows: c.medians.map((m, i) => ({ period: m.period, median_days: other(`median:${i}`, m.medianDays, m.cases) })),
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
    rows: bodies.map((b, i) => ({
      organisation: b.name,
      respondent: count(`body-respondent:${i}`, b.respondent),
      raised_by: count(`body-claimant:${i}`, b.claimant),
    })),
  });
  relations.push({ whole: 'raised:all', parts: bodies.map((_b, i) => `body-respondent:${i}`) });
  relations.push({ whole: 'raised:all', parts: bodies.map((_b, i) => `body-claimant:${i}`) });

  const withheld = withheldFigures(figures, relations, min);
  const values = new Map(figures.map((f) => [f.id, f.value]));
  const withheldText = `fewer than ${min}`;
  return tables.map((t) => ({
    ...t,
    withheldText,
    rows: t.rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, v !== null && typeof v === 'object' ? (withheld.has(v.figure) ? null : (values.get(v.figure) ?? null)) : v]),
      ),
    ),
  }));
}

/** Public bodies by name, then every other organisation together in one unnamed row (always there, so the rows add up). */
function publicBodyRows(respondents: PublicBodyCount[], claimants: PublicBodyCount[]) {
  const rows = new Map<string | null, { name: string; respondent: number; claimant: number }>();
  const row = (b: PublicBodyCount) => {
    let r = rows.get(b.organisationId);
    if (!r) rows.set(b.organisationId, (r = { name: b.organisationId === null ? OTHER_ORGANISATIONS : (b.name ?? ''), respondent: 0, claimant: 0 }));
    return r;
  };
  row({ organisationId: null, name: null, count: 0 });
  for (const b of respondents) row(b).respondent += b.count;
  for (const b of claimants) row(b).claimant += b.count;
  const named = [...rows].filter(([id]) => id !== null).map(([, r]) => r);
  return [...named.sort((a, b) => a.name.localeCompare(b.name, 'en')), rows.get(null)!];
}
