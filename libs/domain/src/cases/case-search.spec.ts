import { caseSearchDocument, parseCaseSearch, searchWords } from './case-search';

const search = (q: string) => {
  const parsed = parseCaseSearch(q);
  if ('error' in parsed) throw new Error(`refused: ${parsed.error}`);
  return parsed.search;
};
const refusal = (q: string) => {
  const parsed = parseCaseSearch(q);
  return 'error' in parsed ? parsed.error : null;
};

describe('case search words', () => {
  it('cuts text into lower-case runs of letters and digits, accents folded', () => {
    expect(searchWords('Café-closure: “NEAR” 4.5 (Youth) \\ foo*bar')).toEqual(['cafe', 'closure', 'near', '4', '5', 'youth', 'foo', 'bar']);
    expect(searchWords('ＡＢＣ１２３ ½')).toEqual(['abc123', '1', '2']);
    expect(searchWords('*"()-:')).toEqual([]);
  });

  it('indexes a case as the words of its reference, title and summary', () => {
    expect(caseSearchDocument({ reference: 'SOUTHAMPTON-2026-0001', title: 'Funding ended', summary: 'No notice, at all.' })).toBe(
      'southampton 2026 0001 funding ended no notice at all',
    );
  });
});

describe('parseCaseSearch', () => {
  it('keeps each word once, in order', () => {
    expect(search('  grant  Notice grant ')).toEqual({ words: ['grant', 'notice'], reference: null });
  });

  it('reads a reference-shaped query as that reference, in capitals, and still as words', () => {
    const year = new Date().getFullYear();
    expect(search(`southampton-${year}-0001`)).toEqual({ words: ['southampton', String(year), '0001'], reference: `SOUTHAMPTON-${year}-0001` });
    expect(search(`NEW-FOREST-${year}-12345`).reference).toBe(`NEW-FOREST-${year}-12345`);
    expect(search(`SOUTHAMPTON-${year}`).reference).toBeNull();
    expect(search(`SOUTHAMPTON-${year}-00`).reference).toBeNull();
  });

  it('turns search operators into plain words', () => {
    expect(search('"funding" NEAR(notice) -grant * OR title:x').words).toEqual(['funding', 'near', 'notice', 'grant', 'or', 'title', 'x']);
  });

  it('refuses empty, over-long, unprintable and wordless queries', () => {
    expect(refusal('   ')).toMatch(/Enter words/);
    expect(refusal('a'.repeat(201))).toMatch(/200 characters/);
    expect(refusal(` ${'a'.repeat(200)} `)).toBeNull();
    expect(refusal('grant\u0000')).toMatch(/control characters/);
    expect(refusal('grant\tnotice')).toMatch(/control characters/);
    expect(refusal('grant\u0085')).toMatch(/control characters/);
    expect(refusal('grant \ud800')).toMatch(/control characters/);
    expect(refusal('*"()')).toMatch(/letter or a digit/);
    expect(refusal(Array.from({ length: 21 }, (_, i) => `w${i}`).join(' '))).toMatch(/20 words/);
  });
});
