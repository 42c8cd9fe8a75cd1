import { CompactIndex, DomainError, ErrorCode } from '@compact/domain';
import { loadCompact } from '../runtime/load-compact';
import { answer, answerConsultation, answerNotice, evidenceOf } from './calculator-answers';
import { weeksAndDays } from './calculator-wording';

const compact = loadCompact('compacts/southampton.json');

function refusal(f: () => unknown): DomainError {
  try {
    f();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('the calculators’ answers', () => {
  it('answers notice with the result, the undertaking verbatim and the words', () => {
    const a = answerNotice(compact, '2026-12-01', '2027-01-31');
    expect(a).toMatchObject({ tool: 'notice', months: 3, enough: false, shortfallDays: 29, noticeDueBy: '2026-10-31', undertaking: compact.find('4.5') });
    expect(a.explanation).toBe(
      'Notice given on Tuesday 1 December 2026 that funding ends on Sunday 31 January 2027 is 61 days’ notice. That is less than three months: ' +
        'three months from Tuesday 1 December 2026 is Monday 1 March 2027, so the notice is 29 days short. ' +
        'For funding to end on Sunday 31 January 2027, notice should have been given by Saturday 31 October 2026.',
    );
    expect(answerNotice(compact, '2026-06-15', '2026-09-15').explanation).toBe(
      'Notice given on Monday 15 June 2026 that funding ends on Tuesday 15 September 2026 is 92 days’ notice. That is at least three months: ' +
        'three months from Monday 15 June 2026 is Tuesday 15 September 2026, and the funding ends on or after that date.',
    );
    expect(answerNotice(compact, '2026-06-15', '2026-06-16').explanation).toMatch(/is 1 day’s notice\..* 91 days short/);
  });

  it('says when a month end was moved back, and for which month (leap years included)', () => {
    expect(answerNotice(compact, '2027-11-30', '2028-03-01').howCounted).toMatch(/Here February 2028 has no 30th, so three months from Tuesday 30 November 2027 is its last day, Tuesday 29 February 2028\.$/);
    expect(answerNotice(compact, '2027-01-31', '2027-05-01').howCounted).toMatch(/Here April 2027 has no 31st,/);
    expect(answerNotice(compact, '2027-01-28', '2027-05-01').howCounted).not.toMatch(/Here/);
  });

  it('answers a consultation in days and weeks, with the exception', () => {
    const a = answerConsultation(compact, '2027-01-04', '2027-03-05');
    expect(a).toMatchObject({ tool: 'consultation', weeks: 12, lengthDays: 60, shortfallDays: 24, earliestClose: '2027-03-29', undertaking: compact.find('2.4') });
    expect(a.explanation).toContain('runs for 60 days (8 weeks and 4 days)');
    expect(a.exception).toBe(
      'The Compact asks for 12-week formal written consultations where that is appropriate and enables meaningful engagement. ' +
        'A shorter time-frame can be used, but it needs clear explanations, as does a more informal approach.',
    );
    expect(answerConsultation(compact, '2027-01-04', '2027-01-05').explanation).toContain('runs for 1 day (1 day)');
    expect(weeksAndDays(84)).toBe('12 weeks');
    expect(weeksAndDays(7)).toBe('1 week');
    expect(weeksAndDays(8)).toBe('1 week and 1 day');
    expect(weeksAndDays(0)).toBe('0 days');
  });

  it('refuses with VALIDATION_FAILED naming every unusable date, or the second date when the order is wrong, with a prefix', () => {
    const both = refusal(() => answerNotice(compact, undefined, '2027-02-29'));
    expect(both.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(both.details.errors!.map((e) => e.field)).toEqual(['given', 'ends']);
    expect(refusal(() => answerConsultation(compact, '2027-03-01', '2027-02-28')).details.errors).toEqual([
      { field: 'closes', message: 'closes (2027-02-28) is before opens (2027-03-01): a consultation closes after it opens' },
    ]);
    const nested = refusal(() => answer(compact, { tool: 'notice', given: '2026-12-01', ends: 'soon' }, 'calculator.'));
    expect(nested.details.errors!.map((e) => e.field)).toEqual(['calculator.ends']);
  });

  it('records as evidence the dates and what was found, not the words about counting', () => {
    expect(evidenceOf(answerNotice(compact, '2026-11-20', '2027-01-31'))).toEqual({
      tool: 'notice',
      undertaking: '4.5',
      given: '2026-11-20',
      ends: '2027-01-31',
      result: { enough: false, noticeDays: 72, shortfallDays: 20, earliestEnd: '2027-02-20', noticeDueBy: '2026-10-31' },
      explanation: expect.stringMatching(/^Notice given on Friday 20 November 2026/),
    });
    expect(evidenceOf(answerConsultation(compact, '2026-11-02', '2026-12-14'))).toMatchObject({
      tool: 'consultation',
      undertaking: '2.4',
      opens: '2026-11-02',
      closes: '2026-12-14',
      result: { enough: false, lengthDays: 42, shortfallDays: 42, earliestClose: '2027-01-25' },
    });
  });

  it('gives a null undertaking under a Compact that has no such undertaking, and still answers', () => {
    const other = new CompactIndex({ ...compact.catalog, sections: [] });
    expect(answerNotice(other, '2026-12-01', '2027-01-31')).toMatchObject({ undertaking: null, shortfallDays: 29 });
  });
});
