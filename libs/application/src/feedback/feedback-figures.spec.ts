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
    expect(figureCells(tally('beta', 2030, 3, [[5, 4, 1, true], [4, 4, 2, false]]), { invited: false, responded: false })).toEqual({
      invited: 3,
      responded: 2,
      response_rate_percent: 66.7,
      mean_fair: 4.5,
      mean_understood: 4,
      mean_timely: 1.5,
      use_again_percent: 50,
    });
  });

  it('withholds every figure worked out from a withheld count', () => {
    expect(figureCells(tally('beta', 2030, 6, [[5, 5, 5, true]]), { invited: false, responded: true })).toEqual({
      invited: 6,
      responded: null,
      response_rate_percent: null,
      mean_fair: null,
      mean_understood: null,
      mean_timely: null,
      use_again_percent: null,
    });
    expect(figureCells(tally('beta', 2030, 6, [[5, 5, 5, true]]), { invited: true, responded: false })).toMatchObject({ invited: null, responded: 1, response_rate_percent: null, mean_fair: 5 });
    // No answers at all: a count of 0, a response rate of 0 %, and nothing to average.
    expect(figureCells(tally('beta', 2030, 4, []), { invited: false, responded: false })).toMatchObject({ invited: 4, responded: 0, response_rate_percent: 0, mean_fair: null });
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
      ['Not recorded', 1, 0, null],
      ['All stages', 7, 3, 3],
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

  it('withholds small numbers of people, and enough others that none can be worked out by subtraction', () => {
    const five = (n: number): Array<[number, number, number, boolean]> => Array.from({ length: n }, () => [4, 4, 4, true]);
    const tallies = [tally('alpha', 2030, 20, five(10)), tally('beta', 2030, 12, five(8)), tally('omega', 2031, 3, five(2))];
    const [byStage, byYear] = feedbackTables(tallies, STAGES, { minCount: 5 });
    const row = (rows: typeof byStage.rows, key: string, value: unknown) => rows.find((r) => r[key] === value)!;
    // Omega: 3 asked, 2 answered: withheld, with the means worked out from them.
    expect(row(byStage.rows, 'stage', 'Omega stage')).toMatchObject({ invited: null, responded: null, mean_fair: null, response_rate_percent: null });
    // All stages and 2030 are shown, so 2031 (= total − 2030) must be withheld, and so must a second stage (else omega = total − alpha − beta).
    expect(row(byYear.rows, 'year', 2031)).toMatchObject({ invited: null, responded: null });
    for (const count of ['invited', 'responded']) {
      const stagesShown = byStage.rows.filter((r) => r.stage !== 'All stages' && r[count] !== null);
      const total = row(byStage.rows, 'stage', 'All stages')[count];
      if (total !== null) expect(byStage.rows.filter((r) => r.stage !== 'All stages').length - stagesShown.length).not.toBe(1);
      const yearsShown = byYear.rows.filter((r) => r[count] !== null);
      if (total !== null) expect(byYear.rows.length - yearsShown.length).not.toBe(1);
    }
  });

  it('gives one year’s own figures (its stages, the year as the whole), suppressed with every year’s', () => {
    const five = (n: number): Array<[number, number, number, boolean]> => Array.from({ length: n }, () => [4, 4, 4, true]);
    // Alpha: 9 in 2030 and 2 in 2031. Over every year alpha is 11; shown with 2030's 9, 2031's 2 would be 11 − 9.
    const tallies = [tally('alpha', 2030, 9, five(6)), tally('alpha', 2031, 2, five(2)), tally('beta', 2031, 8, five(5))];
    const [byStage] = feedbackTables(tallies, STAGES, { minCount: 5 });
    const [stages2030, years2030] = feedbackTables(tallies, STAGES, { minCount: 5, year: 2030 });
    const [stages2031, years2031] = feedbackTables(tallies, STAGES, { minCount: 5, year: 2031 });
    const invited = (rows: typeof byStage.rows, stage: string) => rows.find((r) => r.stage === stage)?.invited;
    expect(stages2030.rows.map((r) => r.stage)).toEqual(['Alpha stage', 'All stages']);
    expect(stages2031.rows.map((r) => r.stage)).toEqual(['Alpha stage', 'Beta stage', 'All stages']);
    expect(years2030.rows.map((r) => r.year)).toEqual([2030]);
    expect(invited(stages2031.rows, 'Alpha stage')).toBeNull();
    // Alpha over every year, and alpha in 2030, are not both shown.
    expect(invited(byStage.rows, 'Alpha stage') === null || invited(stages2030.rows, 'Alpha stage') === null).toBe(true);
    // A year's "All stages" is the year's row, withheld alike.
    expect(invited(stages2031.rows, 'All stages')).toBe(years2031.rows[0].invited);
  });
});
