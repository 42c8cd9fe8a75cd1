import { BAD_EMAIL_ADDRESSES, GOOD_EMAIL_ADDRESSES } from '../../../../test/support/email-addresses.fixture';
import { EMAIL_MAX_LENGTH, emailAddressProblem } from './email-address';

describe('emailAddressProblem (the one email rule)', () => {
  it.each(BAD_EMAIL_ADDRESSES.map((c) => [c.why, c.email]))('refuses an address with %s', (_why, email) => {
    expect(emailAddressProblem(email)).toEqual(expect.stringMatching(/^must /));
  });

  it.each(GOOD_EMAIL_ADDRESSES.map((e) => [e]))('accepts %s', (email) => {
    expect(emailAddressProblem(email)).toBeNull();
  });

  it('says which rule an address breaks', () => {
    expect(emailAddressProblem(`${'a'.repeat(EMAIL_MAX_LENGTH)}@x`)).toBe('must be at most 320 characters');
    expect(emailAddressProblem('a@b\uD800')).toBe('must be valid Unicode text (it holds half of a surrogate pair)');
    expect(emailAddressProblem('a@b\u202E.org')).toBe('must not contain control or invisible characters');
    expect(emailAddressProblem('a.example.org')).toBe('must be an email address like name@example.org');
    expect(emailAddressProblem(42)).toBe('must be a string');
  });
});
