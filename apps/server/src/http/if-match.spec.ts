import { DomainError, ErrorCode } from '@compact/domain';
import { etagOf, parseIfMatch } from './if-match';

describe('parseIfMatch', () => {
  it('answers undefined when the header is absent', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each([
    ['"7"', 7],
    ['7', 7],
    ['W/"12"', 12],
    ['  "3"  ', 3],
    ['"0"', 0],
    ['"007"', 7],
    ['"999999999"', 999999999],
  ])('reads %p as version %p', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it('round-trips the ETag it gives', () => {
    expect(etagOf(42)).toBe('"42"');
    expect(parseIfMatch(etagOf(42))).toBe(42);
  });

  it.each(['', '*', '"abc"', '"-1"', '"1.5"', '"3", "4"', '"1234567890"', 'w/"3"', '""'])('refuses %p with a 400 on If-Match', (header) => {
    try {
      parseIfMatch(header);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const e = error as DomainError;
      expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(e.details.errors).toEqual([{ field: 'If-Match', message: 'must be the case version in quotes, e.g. "3"' }]);
    }
  });
});
