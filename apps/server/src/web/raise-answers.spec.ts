import { loadCompact } from '@compact/application';
import { answersOf, carriedFields, fieldsOf, firstUnanswered, nextStep, problemsOf, RaiseSides } from './raise-answers';

const compact = loadCompact('compacts/southampton.json');
const sides: RaiseSides = { compact, claimantSide: 'vcs', respondentSide: 'public-bodies', today: '2026-12-01' };
const complete = {
  respondent: 'council',
  kind: 'breach',
  undertakings: ['4.5'],
  title: 'Funding ended',
  summary: 'Two weeks notice.',
  'becameAwareOn-day': '2',
  'becameAwareOn-month': '11',
  'becameAwareOn-year': '2026',
};

describe('the raise journey’s answers', () => {
  it('carries every answer but the page’s own as hidden fields, and reads them back unchanged', () => {
    const a = answersOf({ ...complete, about: 'notice', given: '2026-11-20', ends: '2027-01-31' });
    expect(answersOf(Object.fromEntries(fieldsOf(a).map((f) => [f.name, f.name === 'undertakings' ? [f.value] : f.value])))).toEqual(a);
    const names = carriedFields(a, 'details').map((f) => f.name);
    expect(names).not.toContain('title');
    expect(names).not.toContain('summary');
    expect(names).toEqual(expect.arrayContaining(['respondent', 'kind', 'undertakings', 'becameAwareOn-day', 'about', 'given', 'ends']));
    expect(carriedFields(a, 'check').map((f) => f.name)).toContain('title');
  });

  it('names every problem of a page at once, in GOV.UK words', () => {
    const empty = answersOf({});
    expect(problemsOf('details', empty, sides).map((e) => e.text)).toEqual(['Enter a title', 'Enter what happened']);
    expect(problemsOf('aware', answersOf({ 'decisionDate-day': '31', 'decisionDate-month': '2', 'decisionDate-year': '2026' }), sides)).toEqual([
      { text: 'Enter the date you became aware of the matter', href: '#becameAwareOn-day' },
      { text: 'The date of the decision must be a real date', href: '#decisionDate-day' },
    ]);
    expect(problemsOf('aware', answersOf({ ...complete, 'becameAwareOn-month': '12', 'becameAwareOn-day': '2' }), sides).map((e) => e.text)).toEqual([
      'The date you became aware of the matter must be today or in the past',
    ]);
    expect(problemsOf('undertakings', answersOf({ ...complete, undertakings: [] }), sides).map((e) => e.text)).toEqual([
      'Choose at least one undertaking that binds public bodies and agencies',
    ]);
    // The one citation rule (citation-policy): a breach of a public body cites what binds public bodies.
    expect(problemsOf('undertakings', answersOf({ ...complete, undertakings: ['4.6'] }), sides).map((e) => e.text)).toEqual([
      "'4.6' binds the VCS, not the respondent's side",
    ]);
    expect(problemsOf('kind', answersOf(complete), { ...sides, claimantSide: 'public-bodies' }).map((e) => e.text)).toEqual([
      expect.stringMatching(/^A breach cannot be raised between two public bodies: the Compact's undertakings bind each side towards the other/),
    ]);
  });

  it('goes back to check answers after a Change, unless a later page now needs an answer', () => {
    const a = answersOf(complete);
    expect(firstUnanswered(a, sides)).toBeNull();
    expect(nextStep('details', a, sides, true)).toBe('check');
    expect(nextStep('details', a, sides, false)).toBe('outcome');
    // Changed from a disagreement citing nothing to a breach: the undertakings page comes next.
    const changed = answersOf({ ...complete, undertakings: [] });
    expect(nextStep('kind', changed, sides, true)).toBe('undertakings');
    expect(nextStep('aware', a, sides, false)).toBe('check');
  });
});
