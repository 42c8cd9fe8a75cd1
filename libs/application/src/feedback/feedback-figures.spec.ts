import { FeedbackTally } from '@compact/domain';
import { feedbackTables, figureCells } from './feedback-figures';

const tally = (stage: string | null, endedYear: number, invited: number, answers: Array<[number, number, number, boolean]>): FeedbackTally => ({
  stage,
  endedYear,
  invited,
  responded: answers.length,
  fairSum: answers.reduce((s, a) => s + a[0], 0),
  understoodSum: answers.reduce((s, a) => s + a[1], 0),
  timelySum: answers.reduce((s, a) => s + a[2], 0),
  useAgainYes: answers.filter((a) => a[3]).length,
});

// Made-up stages: figures are labelled by whatever the installed workflows call their stages.
const STAGES = [
  { state: 'alpha', label: 'Alpha stage', final: false },
  { state: 'beta', label: 'Beta stage', final: false },
  { state: 'omega', label: 'Omega stage', final: true },
];

describe('feedback figures', () => {
  it('gives the response rate, the mean of each scale and the share of yes, rounded', () => {
    expect(figureCells(tally('beta', 2030, 3, [[5, 4, 1, true], [4, 4, 2, false]]), 1)).toEqual({
      invited: 3,
      responded: 2,
      response_rate_percent: 66.7,
      mean_fair: 4.5,
      mean_understood: 4,
      mean_timely: 1.5,
      use_again_percent: 50,
    });
  });

  it('withholds every figure of the answers when fewer than minCount answered, and the number asked when fewer were asked', () => {
    expect(figureCells(tally('beta', 2030, 6, [[5, 5, 5, true]]), 2)).toEqual({
      invited: 6,
      responded: null,
      response_rate_percent: null,
      mean_fair: null,
      mean_understood: null,
      mean_timely: null,
      use_again_percent: null,
    });
    expect(figureCells(tally('beta', 2030, 1, []), 2).invited).toBeNull();
    // No answers at all: nothing to average, whatever the threshold.
    expect(figureCells(tally('beta', 2030, 4, []), 1)).toMatchObject({ invited: 4, responded: null, mean_fair: null });
  });

  it('adds the groups up by stage (in escalation order, labelled) and by year', () => {
    const tables = feedbackTables(
      [
        tally('beta', 2030, 2, [[1, 1, 1, false]]),
        tally('alpha', 2030, 2, [[5, 5, 5, true]]),
        tally('beta', 2031, 2, [[3, 3, 3, true]]),
        tally(null, 2031, 1, []),
      ],
      STAGES,
      { minCount: 1 },
    );
    const [byStage, byYear] = tables;
    expect(byStage.rows.map((r) => [r.stage, r.invited, r.responded, r.mean_fair])).toEqual([
      ['Alpha stage', 2, 1, 5],
      ['Beta stage', 4, 2, 2],
      ['Not recorded', 1, null, null],
    ]);
    expect(byYear.rows.map((r) => [r.year, r.invited, r.responded, r.use_again_percent])).toEqual([
      [2030, 4, 2, 50],
      [2031, 3, 1, 100],
    ]);
    // One shape for every published table: each row has every field, and nothing else.
    for (const table of tables) for (const row of table.rows) expect(Object.keys(row).sort()).toEqual(table.fields.map((f) => f.name).sort());
    expect(byStage.withheldText).toBe('no answers yet');
    expect(feedbackTables([], STAGES, { minCount: 5 })[0].withheldText).toBe('fewer than 5');
  });
});
