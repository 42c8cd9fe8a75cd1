import { loadCompact } from '@compact/application';
import { answerOrNull, calculatorQuestionOf, questionFields, raiseHref } from './calculator-question';

const compact = loadCompact('compacts/southampton.json');

describe('a calculator question carried through the raise journey', () => {
  it('is read from `about` and its own two dates only', () => {
    expect(calculatorQuestionOf({ about: 'notice', given: '2026-12-01', ends: '2027-01-31', shortfallDays: '0' })).toEqual({ tool: 'notice', given: '2026-12-01', ends: '2027-01-31' });
    expect(calculatorQuestionOf({ about: 'consultation', opens: '2027-01-04', closes: ['a', 'b'] })).toEqual({ tool: 'consultation', opens: '2027-01-04', closes: '' });
    expect(calculatorQuestionOf({ about: 'other', given: '2026-12-01' })).toBeNull();
    expect(calculatorQuestionOf({})).toBeNull();
  });

  it('travels as plain fields and a link to the raise page', () => {
    const q = { tool: 'notice' as const, given: '2026-12-01', ends: '2027-01-31' };
    expect(questionFields(q)).toEqual([
      { name: 'about', value: 'notice' },
      { name: 'given', value: '2026-12-01' },
      { name: 'ends', value: '2027-01-31' },
    ]);
    expect(raiseHref(q)).toBe('/cases/new?about=notice&given=2026-12-01&ends=2027-01-31');
  });

  it('is answered again wherever it is used, and dropped when its dates cannot be used', () => {
    expect(answerOrNull(compact, { tool: 'notice', given: '2026-12-01', ends: '2027-01-31' })).toMatchObject({ shortfallDays: 29 });
    expect(answerOrNull(compact, { tool: 'notice', given: '2026-12-01', ends: '2026-11-01' })).toBeNull();
    expect(answerOrNull(compact, null)).toBeNull();
  });
});
