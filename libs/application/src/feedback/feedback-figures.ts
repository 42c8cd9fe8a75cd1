import { FeedbackTally } from '@compact/domain';
import type { PublishedField, PublishedTable } from '../published/published-table';
import type { StageLabel } from '../runtime/installed-stages';
import { FigureRelation, SuppressibleFigure, withheldFigures } from '../published/small-number-suppression';
import { FEEDBACK_QUESTIONS } from './feedback-answers';

/** The sums of one group of invitations (a stage reached, a year), added up from the database's groups. */
type Sums = Omit<FeedbackTally, 'stage' | 'endedYear'>;

const ZERO: Sums = { invited: 0, responded: 0, fairSum: 0, understoodSum: 0, timelySum: 0, useAgainYes: 0 };

function add(a: Sums, b: Sums): Sums {
  return {
    invited: a.invited + b.invited,
    responded: a.responded + b.responded,
    fairSum: a.fairSum + b.fairSum,
    understoodSum: a.understoodSum + b.understoodSum,
    timelySum: a.timelySum + b.timelySum,
    useAgainYes: a.useAgainYes + b.useAgainYes,
  };
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

const FIGURE_FIELDS: PublishedField[] = [
  { name: 'invited', type: 'integer', title: 'People asked', description: 'Everyone asked for feedback when the case ended: the parties’ users and the mediator' },
  { name: 'responded', type: 'integer', title: 'People who answered' },
  { name: 'response_rate_percent', type: 'number', title: 'Response rate (%)', description: 'People who answered, as a percentage of people asked' },
  { name: 'mean_fair', type: 'number', title: `${FEEDBACK_QUESTIONS.fair} (mean, 1–5)`, over: 'responded' },
  { name: 'mean_understood', type: 'number', title: `${FEEDBACK_QUESTIONS.understood} (mean, 1–5)`, over: 'responded' },
  { name: 'mean_timely', type: 'number', title: `${FEEDBACK_QUESTIONS.timely} (mean, 1–5)`, over: 'responded' },
  { name: 'use_again_percent', type: 'number', title: `${FEEDBACK_QUESTIONS.useAgain} (% yes)`, over: 'responded' },
];

/**
 * One group's figures, given which of its counts are withheld: a withheld count is null, and so is
 * every figure worked out from it (the response rate from either count; the means and the share
 * answering yes from the number who answered). Figures of no answers have no value.
 */
export function figureCells(s: Sums, withheld: { invited: boolean; responded: boolean }): Record<string, number | null> {
  const answers = !withheld.responded && s.responded > 0;
  const mean = (sum: number) => (answers ? round(sum / s.responded, 2) : null);
  return {
    invited: withheld.invited ? null : s.invited,
    responded: withheld.responded ? null : s.responded,
    // Nobody answering is a rate of 0 % (of people asked), when both counts are shown.
    response_rate_percent: !withheld.responded && !withheld.invited && s.invited > 0 ? round((100 * s.responded) / s.invited, 1) : null,
    mean_fair: mean(s.fairSum),
    mean_understood: mean(s.understoodSum),
    mean_timely: mean(s.timelySum),
    use_again_percent: answers ? round((100 * s.useAgainYes) / s.responded, 1) : null,
  };
}

/**
 * Which counts to withhold, by the register's rule (withheldFigures): a count of 1 to minCount − 1
 * people, and then enough others that none can be worked out by subtraction. The figures are a
 * table of stages by years with its margins: each stage's cells (one per year) add up to the stage,
 * each year's (one per stage) to the year, and the stages and the years each to the total. So a
 * year's own table (in its annual report) and the register's over every year are suppressed
 * together. Ids are `invited:<group>` and `responded:<group>`.
 */
function withheldCounts(groups: ReadonlyMap<string, Sums>, relations: FigureRelation[], minCount: number): Set<string> {
  const figures: SuppressibleFigure[] = [];
  for (const [key, sums] of groups) {
    figures.push({ id: `invited:${key}`, value: sums.invited, cases: sums.invited, isCount: true });
    figures.push({ id: `responded:${key}`, value: sums.responded, cases: sums.responded, isCount: true });
  }
  return withheldFigures(figures, relations, minCount);
}

const TOTAL = 'total';

/** The names of the feedback tables, as published. */
export const FEEDBACK_TABLES = ['feedback-by-stage', 'feedback-by-year'] as const;

const withheldTextOf = (minCount: number) => (minCount <= 1 ? 'no answers yet' : `fewer than ${minCount}`);

/**
 * The figures by stage reached (in escalation order, labelled by the installed workflows) and by
 * year ended: over every year, or with `year` that year's own (its stages, and the year as the
 * whole). `tallies` are always every year's, so that both are suppressed alike.
 */
export function feedbackTables(tallies: readonly FeedbackTally[], stages: readonly StageLabel[], options: { year?: number; minCount: number }): PublishedTable[] {
  const { minCount, year } = options;
  const scope = year === undefined ? 'every year' : String(year);
  const groups = new Map<string, Sums>();
  const addTo = (key: string, t: Sums) => groups.set(key, add(groups.get(key) ?? ZERO, t));
  const stageKeys = new Set<string>();
  const yearKeys = new Set<number>();
  groups.set(TOTAL, ZERO);
  for (const t of tallies) {
    const stage = t.stage ?? '';
    stageKeys.add(stage);
    yearKeys.add(t.endedYear);
    addTo(TOTAL, t);
    addTo(`stage:${stage}`, t);
    addTo(`year:${t.endedYear}`, t);
    addTo(`cell:${t.endedYear}:${stage}`, t);
  }
  const cell = (y: number, stage: string) => {
    const key = `cell:${y}:${stage}`;
    if (!groups.has(key)) groups.set(key, ZERO);
    return key;
  };
  const relationsOf = (count: string): FigureRelation[] => {
    const id = (key: string) => `${count}:${key}`;
    return [
      { whole: id(TOTAL), parts: [...stageKeys].map((st) => id(`stage:${st}`)) },
      { whole: id(TOTAL), parts: [...yearKeys].map((y) => id(`year:${y}`)) },
      ...[...stageKeys].map((st) => ({ whole: id(`stage:${st}`), parts: [...yearKeys].map((y) => id(cell(y, st))) })),
      ...[...yearKeys].map((y) => ({ whole: id(`year:${y}`), parts: [...stageKeys].map((st) => id(cell(y, st))) })),
    ];
  };
  // The relations are named before the figures are made, so that an empty cell is a 0 among them.
  const relations = ['invited', 'responded'].flatMap(relationsOf);
  const withheld = withheldCounts(groups, relations, minCount);
  const cells = (key: string) => figureCells(groups.get(key)!, { invited: withheld.has(`invited:${key}`), responded: withheld.has(`responded:${key}`) });
  const order = (stage: string) => {
    const at = stages.findIndex((s) => s.state === stage);
    return at < 0 ? stages.length : at;
  };
  const label = (stage: string) => (stage === '' ? 'Not recorded' : (stages.find((s) => s.state === stage)?.label ?? stage));
  const inScope = (key: string) => (groups.get(key)?.invited ?? 0) > 0;
  const stageKey = (stage: string) => (year === undefined ? `stage:${stage}` : `cell:${year}:${stage}`);
  const wholeKey = year === undefined ? TOTAL : `year:${year}`;
  const stageRows = [...stageKeys]
    .filter((stage) => inScope(stageKey(stage)))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((stage) => ({ stage: label(stage), ...cells(stageKey(stage)) }));
  if (inScope(wholeKey)) stageRows.push({ stage: 'All stages', ...cells(wholeKey) });
  const yearRows = [...yearKeys]
    .filter((y) => year === undefined || y === year)
    .sort((a, b) => a - b)
    .map((y) => ({ year: y, ...cells(`year:${y}`) }));
  const note =
    minCount <= 1
      ? 'Every figure is shown.'
      : `Figures from fewer than ${minCount} people are withheld, and so are enough others that none can be worked out from the rest (the stages and the years each add up to all stages).`;
  return [
    {
      name: 'feedback-by-stage',
      title: 'Feedback by stage reached',
      description: `Feedback from those who took part in cases that ended in ${scope}, by the stage the case ended from. ${note}`,
      fields: [{ name: 'stage', type: 'string', title: 'Stage reached' }, ...FIGURE_FIELDS],
      rows: stageRows,
      withheldText: withheldTextOf(minCount),
      noValueText: 'no answers',
    },
    {
      name: 'feedback-by-year',
      title: 'Feedback by year',
      description: `Feedback from those who took part in cases that ended in ${scope}, by the year the case ended. ${note}`,
      fields: [{ name: 'year', type: 'year', title: 'Year the case ended' }, ...FIGURE_FIELDS],
      rows: yearRows,
      withheldText: withheldTextOf(minCount),
      noValueText: 'no answers',
    },
  ];
}
