/**
 * Email addresses the one email rule refuses, each with why: the API, the page forms and the
 * configuration check must all refuse every one of them. `browser: false` marks those a browser
 * cannot send as typed (a form is encoded as UTF-8, which has no half surrogate pair).
 */
export const BAD_EMAIL_ADDRESSES: ReadonlyArray<{ why: string; email: string; browser?: false }> = [
  { why: 'no @', email: 'nadia.example.org' },
  { why: 'nothing before the @', email: '@example.org' },
  { why: 'nothing after the @', email: 'nadia@' },
  { why: 'two @', email: 'nadia@@example.org' },
  { why: 'a space inside', email: 'nadia patel@example.org' },
  { why: 'an underscore in the domain', email: 'nadia@exa_mple.org' },
  { why: 'a domain label starting with a hyphen', email: 'nadia@-example.org' },
  { why: 'a trailing dot', email: 'nadia@example.org.' },
  { why: 'an IP address for a domain', email: 'nadia@[127.0.0.1]' },
  { why: 'angle brackets', email: '<nadia@example.org>' },
  { why: 'a local part over 64 characters', email: `${'n'.repeat(65)}@example.org` },
  { why: 'over 320 characters', email: `nadia@${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(10)}.org` },
  { why: 'a zero-width space', email: 'nadia@exa\u200Bmple.org' },
  { why: 'a right-to-left override', email: 'nadia@exa\u202Emple.org' },
  { why: 'a soft hyphen', email: 'nadia@exam\u00ADple.org' },
  { why: 'a line separator', email: 'nadia@exam\u2028ple.org' },
  { why: 'a control character in a quoted local part', email: '"na\u0001dia"@example.org' },
  { why: 'the replacement character', email: 'nadia@exam\uFFFDple.org' },
  { why: 'half a surrogate pair', email: 'nadia@exa\uD800mple.org', browser: false },
];

/** Addresses the rule accepts (a top-level domain is not required: `admin@localhost` is the default ADMIN_EMAIL). */
export const GOOD_EMAIL_ADDRESSES: readonly string[] = [
  'nadia.patel@example.org',
  'admin@localhost',
  'Nadia.Patel@Example.ORG',
  'nädia@bücher.example',
  `${'n'.repeat(64)}@example.org`,
];
