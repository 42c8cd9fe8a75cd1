import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';

describe('DomainError', () => {
  it('validation() names each offending field once, in order, and keeps the field errors', () => {
    const errors = [
      { field: 'title', message: 'is required' },
      { field: 'undertakings[1]', message: 'is unknown' },
      { field: 'title', message: 'is too long' },
    ];
    const e = DomainError.validation(errors);
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(DomainError);
    expect(e.name).toBe('DomainError');
    expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(e.message).toBe('Invalid input: title, undertakings[1]');
    expect(e.details).toEqual({ errors });
  });

  it('validation() takes an explicit message', () => {
    const e = DomainError.validation([{ field: 'a', message: 'b' }], 'Bad request');
    expect(e.message).toBe('Bad request');
    expect(e.details.errors).toEqual([{ field: 'a', message: 'b' }]);
  });

  it('notFound() names what was not found', () => {
    const e = DomainError.notFound('Case', 'abc');
    expect(e.code).toBe(ErrorCode.NOT_FOUND);
    expect(e.message).toBe("Case 'abc' was not found");
    expect(e.details).toEqual({});
  });

  it('error codes are their own names (clients match on them)', () => {
    for (const [key, value] of Object.entries(ErrorCode)) expect(value).toBe(key);
  });
});
