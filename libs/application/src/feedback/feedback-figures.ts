import { FeedbackTally } from '@compact/domain';
import type { PublishedField, PublishedTable } from '../published/published-table';
import type { StageLabel } from '../runtime/installed-stages';
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
  { name: 'mean_fair', type: 'number', title: `${FEEDBACK_QUESTIONS.fair} (mean, 1–5)` },
  { name: 'mean_understood', type: 'number', title: `${FEEDBACK_QUESTIONS.understood} (mean, 1–5)` },
  { name: 'mean_timely', type: 'number', title: `${FEEDBACK_QUESTIONS.timely} (mean, 1–5)` },
  { name: 'use_again_percent', type: 'number', title: `${FEEDBACK_QUESTIONS.useAgain} (% yes)` },
];

/**
 * One group's figures. Withholding (a local rule, until the register's suppression is shared): a
 * figure counted from fewer than `minCount` people is withheld (null): the number asked when fewer
 * were asked, and every figure of the answers when fewer answered.
 */
export function figureCells(s: Sums, minCount: number): Record<string, number | null> {
  const enoughAnswers = s.responded >= minCount && s.responded > 0;
  const mean = (sum: number) => (enoughAnswers ? round(sum / s.responded, 2) : null);
  return {
    invited: s.invited >= minCount ? s.invited : null,
    responded: enoughAnswers ? s.responded : null,
    response_rate_percent: enoughAnswers && s.invited > 0 ? round((100 * s.responded) / s.invited, 1) : null,
    mean_fair: mean(s.fairSum),
    mean_understood: mean(s.understoodSum),
    mean_timely: mean(s.timelySum),
    use_again_percent: enoughAnswers ? round((100 * s.useAgainYes) / s.responded, 1) : null,
  };
}

const withheldTextOf = (minCount: number) => (minCount <= 1 ? 'no answers yet' : `fewer than ${minCount}`);

/** The figures by stage reached (in escalation order, labelled by the installed workflows) and by year ended. */
export function feedbackTables(tallies: readonly FeedbackTally[], stages: readonly StageLabel[], options: { year?: number; minCount: number }): PublishedTable[] {
  const { minCount } = options;
  const scope = options.year === undefined ? 'every year' : String(options.year);
  const byStage = new Map<string, Sums>();
  const byYear = new Map<number, Sums>();
  for (const t of tallies) {
    const key = t.stage ?? '';
    byStage.set(key, add(byStage.get(key) ?? ZERO, t));
    byYear.set(t.endedYear, add(byYear.get(t.endedYear) ?? ZERO, t));
  }
  const order = (stage: string) => {
    const at = stages.findIndex((s) => s.state === stage);
    return at < 0 ? stages.length : at;
  };
  const label = (stage: string) => (stage === '' ? 'Not recorded' : (stages.find((s) => s.state === stage)?.label ?? stage));
  const stageRows = [...byStage]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([stage, sums]) => ({ stage: label(stage), ...figureCells(sums, minCount) }));
  const yearRows = [...byYear].sort(([a], [b]) => a - b).map(([year, sums]) => ({ year, ...figureCells(sums, minCount) }));
  const note = `Figures from fewer than ${minCount} people are withheld.`;
  return [
    {
      name: 'feedback-by-stage',
      title: 'Feedback by stage reached',
      description: `Feedback from those who took part in cases that ended in ${scope}, by the stage the case ended from. ${note}`,
      fields: [{ name: 'stage', type: 'string', title: 'Stage reached' }, ...FIGURE_FIELDS],
      rows: stageRows,
      withheldText: withheldTextOf(minCount),
    },
    {
      name: 'feedback-by-year',
      title: 'Feedback by year',
      description: `Feedback from those who took part in cases that ended in ${scope}, by the year the case ended. ${note}`,
      fields: [{ name: 'year', type: 'year', title: 'Year the case ended' }, ...FIGURE_FIELDS],
      rows: yearRows,
      withheldText: withheldTextOf(minCount),
    },
  ];
}
