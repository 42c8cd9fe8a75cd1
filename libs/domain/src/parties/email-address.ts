import { isEmail } from 'class-validator';

/** The longest email address accepted (the users.email column holds 320 characters). */
export const EMAIL_MAX_LENGTH = 320;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Control characters, invisible formatting (zero-width, bidirectional overrides, soft hyphen), line and paragraph separators, and U+FFFD. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\uFFFD]/u;

/**
 * The one rule for an email address a person is known by, used by the API, the pages and the
 * configuration (ADMIN_EMAIL): at most 320 characters, the address syntax (a local part of at most
 * 64 characters, @, a domain name; a top-level domain is not required, so `admin@localhost`
 * passes), and no character that cannot be seen or stored. Null when the address is good,
 * otherwise what is wrong with it, worded to follow the field's name.
 */
export function emailAddressProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length > EMAIL_MAX_LENGTH) return `must be at most ${EMAIL_MAX_LENGTH} characters`;
  // Checked before the syntax: the syntax check cannot read half of a surrogate pair.
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it holds half of a surrogate pair)';
  if (UNPRINTABLE.test(value)) return 'must not contain control or invisible characters';
  if (!isEmail(value, { require_tld: false })) return 'must be an email address like name@example.org';
  return null;
}
