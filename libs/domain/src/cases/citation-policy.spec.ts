import { CompactIndex } from '../compact/compact-catalog';
import { parseCompactCatalog } from '../compact/parse-compact-catalog';
import { checkCitations } from './citation-policy';

const index = new CompactIndex(
  parseCompactCatalog(
    {
      format: 'compact-catalog/v1',
      id: 'test-town',
      name: 'Test Town Compact',
      sections: [
        {
          number: '1',
          title: 'One',
          groups: [
            { heading: 'Public bodies', binds: 'public-bodies', undertakings: [{ id: '1.1', text: 'a' }, { id: '1.2', text: 'b' }] },
            { heading: 'VCS', binds: 'vcs', undertakings: [{ id: '1.3', text: 'c' }, { id: '1.3a', text: 'd', unnumbered: true }] },
          ],
        },
      ],
      disputeResolution: { section: '6', title: 'Dispute Resolution', text: 'Negotiate.' },
    },
    'test.json',
  ),
);

describe('checkCitations: breach', () => {
  it('accepts undertakings that bind the respondent side', () => {
    expect(checkCitations(index, 'breach', 'public-bodies', ['1.1', '1.2'])).toEqual([]);
    expect(checkCitations(index, 'breach', 'vcs', ['1.3', '1.3a'])).toEqual([]);
  });

  it('must cite at least one undertaking', () => {
    expect(checkCitations(index, 'breach', 'public-bodies', [])).toEqual([
      { field: 'undertakings', message: 'a breach must cite at least one undertaking that binds the respondent' },
    ]);
  });

  it("refuses undertakings binding the claimant's own side, naming each by position", () => {
    expect(checkCitations(index, 'breach', 'public-bodies', ['1.1', '1.3'])).toEqual([
      { field: 'undertakings[1]', message: "'1.3' binds the VCS, not the respondent's side" },
    ]);
    expect(checkCitations(index, 'breach', 'vcs', ['1.3', '1.2'])).toEqual([
      { field: 'undertakings[1]', message: "'1.2' binds public bodies, not the respondent's side" },
    ]);
  });

  it('refuses unknown ids, naming the Compact', () => {
    expect(checkCitations(index, 'breach', 'public-bodies', ['1.1', '9.9'])).toEqual([
      { field: 'undertakings[1]', message: "'9.9' is not an undertaking of the Test Town Compact" },
    ]);
  });

  it('refuses an undertaking cited twice, at the second position', () => {
    expect(checkCitations(index, 'breach', 'public-bodies', ['1.1', '1.2', '1.1'])).toEqual([
      { field: 'undertakings[2]', message: "'1.1' is cited twice" },
    ]);
  });

  it('reports every problem at once', () => {
    const errors = checkCitations(index, 'breach', 'public-bodies', ['1.3', 'x', '1.3']);
    expect(errors.map((e) => e.field)).toEqual(['undertakings[0]', 'undertakings[1]', 'undertakings[2]', 'undertakings[2]']);
  });
});

describe('checkCitations: disagreement', () => {
  it('may cite none', () => {
    expect(checkCitations(index, 'disagreement', 'public-bodies', [])).toEqual([]);
  });

  it('may cite undertakings of either side', () => {
    expect(checkCitations(index, 'disagreement', 'public-bodies', ['1.1', '1.3', '1.3a'])).toEqual([]);
    expect(checkCitations(index, 'disagreement', 'vcs', ['1.1', '1.3'])).toEqual([]);
  });

  it('still refuses unknown and duplicate ids', () => {
    expect(checkCitations(index, 'disagreement', 'vcs', ['1.1', '2.1', '1.1'])).toEqual([
      { field: 'undertakings[1]', message: "'2.1' is not an undertaking of the Test Town Compact" },
      { field: 'undertakings[2]', message: "'1.1' is cited twice" },
    ]);
  });
});
