import { DEFAULT_COMPACT_DEADLINES } from './compact-catalog';
import { COMPACT_CATALOG_FORMAT, CompactCatalogError, parseCompactCatalog } from './parse-compact-catalog';

type Raw = Record<string, any>;

function validRaw(): Raw {
  return {
    format: COMPACT_CATALOG_FORMAT,
    id: 'test-town',
    name: 'Test Town Compact',
    introduction: 'An introduction.',
    sections: [
      {
        number: '1',
        title: 'One',
        groups: [
          { heading: 'Public bodies', binds: 'public-bodies', undertakings: [{ id: '1.1', text: 'Consult early.' }] },
          { heading: 'VCS', binds: 'vcs', undertakings: [{ id: '1.2', text: 'Be open.' }, { id: '1.2a', text: 'More.', unnumbered: true }] },
        ],
      },
      {
        number: '2',
        title: 'Two',
        groups: [{ heading: 'Public bodies', binds: 'public-bodies', undertakings: [{ id: '2.1', text: 'Fund fairly.' }] }],
      },
    ],
    disputeResolution: { section: '6', title: 'Dispute Resolution', text: 'Negotiate first.' },
  };
}

/** The problems a raw catalog is refused with (fails the test if it is accepted). */
function problemsOf(raw: unknown): string[] {
  try {
    parseCompactCatalog(raw, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(CompactCatalogError);
    const e = error as CompactCatalogError;
    expect(e.source).toBe('test.json');
    expect(e.message).toContain('Compact file test.json is not valid');
    for (const p of e.problems) expect(e.message).toContain(p);
    return e.problems;
  }
  throw new Error('expected the catalog to be refused');
}

function mutate(change: (raw: Raw) => void): Raw {
  const raw = validRaw();
  change(raw);
  return raw;
}

describe('parseCompactCatalog: valid input', () => {
  it('accepts the minimal catalog and fills defaults', () => {
    const c = parseCompactCatalog(validRaw(), 'test.json');
    expect(c.sections[1].groups[0].undertakings[0]).toEqual({
      id: '2.1', section: '2', binds: 'public-bodies', text: 'Fund fairly.', unnumbered: false,
    });
    expect(c.sections[0].groups[1].undertakings[1]).toMatchObject({ id: '1.2a', unnumbered: true, binds: 'vcs' });
    expect(c.deadlines).toEqual(DEFAULT_COMPACT_DEADLINES);
  });

  it('treats a missing introduction as empty', () => {
    expect(parseCompactCatalog(mutate((r) => delete r.introduction), 'x').introduction).toBe('');
  });

  it('overrides only the deadlines given', () => {
    const c = parseCompactCatalog(mutate((r) => (r.deadlines = { acknowledgementWorkingDays: 3, ombudsmanLimitMonths: 6 })), 'x');
    expect(c.deadlines).toEqual({ ...DEFAULT_COMPACT_DEADLINES, acknowledgementWorkingDays: 3, ombudsmanLimitMonths: 6 });
  });
});

describe('parseCompactCatalog: malformed input', () => {
  it.each([null, [], 'text', 42])('refuses a root that is not an object (%p)', (raw) => {
    expect(problemsOf(raw)).toEqual(['(root): must be an object']);
  });

  it('refuses a wrong or missing format tag', () => {
    expect(problemsOf(mutate((r) => (r.format = 'compact-catalog/v2')))).toEqual(["format: must be 'compact-catalog/v1'"]);
    expect(problemsOf(mutate((r) => delete r.format))).toEqual(["format: must be 'compact-catalog/v1'"]);
  });

  it('names unknown fields at every level by their path', () => {
    const problems = problemsOf(
      mutate((r) => {
        r.extra = 1;
        r.sections[0].colour = 'red';
        r.sections[0].groups[1].note = 'x';
        r.sections[0].groups[1].undertakings[0].weight = 2;
        r.deadlines = { hours: 4 };
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        '(root).extra: unknown field',
        'sections[0].colour: unknown field',
        'sections[0].groups[1].note: unknown field',
        'sections[0].groups[1].undertakings[0].weight: unknown field',
        'deadlines.hours: unknown field',
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('refuses an id used twice, even in another group', () => {
    const problems = problemsOf(mutate((r) => (r.sections[0].groups[1].undertakings[0].id = '1.1')));
    expect(problems).toEqual(["sections[0].groups[1].undertakings[0].id: '1.1' is used twice"]);
  });

  it('refuses an id that does not belong to its section', () => {
    const problems = problemsOf(mutate((r) => (r.sections[1].groups[0].undertakings[0].id = '3.1')));
    expect(problems).toEqual(["sections[1].groups[0].undertakings[0].id: '3.1' does not belong to section 2"]);
  });

  it.each(['1', '1.', 'a.1', '1.1A', '1.1ab', ' 1.1', '1.1.1'])('refuses a malformed undertaking id %p', (id) => {
    const problems = problemsOf(mutate((r) => (r.sections[0].groups[0].undertakings[0].id = id)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^sections\[0\]\.groups\[0\]\.undertakings\[0\]\.id: '.*' does not match /);
  });

  it('refuses a section number used twice', () => {
    const problems = problemsOf(
      mutate((r) => {
        r.sections[1].number = '1';
        r.sections[1].groups[0].undertakings[0].id = '1.9';
      }),
    );
    expect(problems).toEqual(['sections[1].number: section 1 appears twice']);
  });

  it('refuses a bad side, blank texts and a non-boolean unnumbered flag', () => {
    const problems = problemsOf(
      mutate((r) => {
        r.sections[0].groups[0].binds = 'council';
        r.sections[0].groups[0].heading = '  ';
        r.sections[0].groups[0].undertakings[0].text = '';
        r.sections[0].groups[1].undertakings[1].unnumbered = 'yes';
        r.sections[1].title = 7;
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'sections[0].groups[0].binds: must be one of public-bodies, vcs',
        'sections[0].groups[0].heading: must be a non-empty string',
        'sections[0].groups[0].undertakings[0].text: must be a non-empty string',
        'sections[0].groups[1].undertakings[1].unnumbered: must be true or false',
        'sections[1].title: must be a non-empty string',
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('refuses empty or missing arrays', () => {
    expect(problemsOf(mutate((r) => (r.sections = [])))).toEqual(['sections: must not be empty']);
    expect(problemsOf(mutate((r) => (r.sections[1].groups = {})))).toEqual(['sections[1].groups: must be an array']);
    expect(problemsOf(mutate((r) => (r.sections[1].groups[0].undertakings = [])))).toEqual([
      'sections[1].groups[0].undertakings: must not be empty',
    ]);
  });

  it('refuses a bad id slug, name and dispute clause', () => {
    const problems = problemsOf(
      mutate((r) => {
        r.id = 'Test Town';
        r.name = '';
        r.disputeResolution = { section: '6', title: 'Dispute Resolution' };
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^id: 'Test Town' does not match /),
        'name: must be a non-empty string',
        'disputeResolution.text: must be a non-empty string',
      ]),
    );
    expect(problems).toHaveLength(3);
    expect(problemsOf(mutate((r) => delete r.disputeResolution))).toEqual(
      expect.arrayContaining(['disputeResolution: must be an object']),
    );
  });

  it('reports every problem at once', () => {
    const problems = problemsOf(
      mutate((r) => {
        r.format = 'nope';
        r.unknown = true;
        r.sections[0].groups[0].undertakings[0].id = '2.5';
        r.sections[1].groups[0].binds = 'both';
        r.deadlines = { negotiationWorkingDays: 0 };
      }),
    );
    expect(problems).toEqual([
      '(root).unknown: unknown field',
      "format: must be 'compact-catalog/v1'",
      "sections[0].groups[0].undertakings[0].id: '2.5' does not belong to section 1",
      'sections[1].groups[0].binds: must be one of public-bodies, vcs',
      'deadlines.negotiationWorkingDays: must be a whole number from 1 to 250',
    ]);
  });
});

describe('parseCompactCatalog: deadlines', () => {
  const deadlineProblems = (deadlines: unknown) => problemsOf(mutate((r) => (r.deadlines = deadlines)));

  it('refuses deadlines that are not an object', () => {
    expect(deadlineProblems([])).toEqual(['deadlines: must be an object']);
    expect(deadlineProblems('40')).toEqual(['deadlines: must be an object']);
  });

  it.each([
    ['acknowledgementWorkingDays', 0, 'must be a whole number from 1 to 250'],
    ['proposalResponseWorkingDays', 2.5, 'must be a whole number from 1 to 250'],
    ['negotiationWorkingDays', 251, 'must be a whole number from 1 to 250'],
    ['mediatorResponseWorkingDays', '10', 'must be a whole number from 1 to 250'],
    ['reminderWorkingDaysBefore', -1, 'must be a whole number from 1 to 250'],
    ['ombudsmanLimitMonths', 121, 'must be a whole number from 1 to 120'],
    ['ombudsmanLimitMonths', null, 'must be a whole number from 1 to 120'],
    ['ombudsmanFirstReminderMonthsBefore', 12, 'must be a whole number from 1 to 11'],
    ['ombudsmanFinalReminderMonthsBefore', 0, 'must be a whole number from 1 to 11'],
  ])('refuses deadlines.%s = %p', (key, value, message) => {
    expect(deadlineProblems({ [key]: value })).toEqual([`deadlines.${key}: ${message}`]);
  });

  it('bounds the reminders by the limit given in the same file', () => {
    expect(deadlineProblems({ ombudsmanLimitMonths: 6, ombudsmanFirstReminderMonthsBefore: 6 })).toEqual([
      'deadlines.ombudsmanFirstReminderMonthsBefore: must be a whole number from 1 to 5',
    ]);
  });

  it('refuses a final reminder earlier than the first', () => {
    expect(deadlineProblems({ ombudsmanFirstReminderMonthsBefore: 2, ombudsmanFinalReminderMonthsBefore: 3 })).toEqual([
      'deadlines.ombudsmanFinalReminderMonthsBefore: must not be more than ombudsmanFirstReminderMonthsBefore',
    ]);
  });
});
