import { renderTokenIssuedMail } from './token-issued-mail';

describe('renderTokenIssuedMail', () => {
  const mail = renderTokenIssuedMail({
    serviceName: 'Southampton Compact',
    name: 'Pat <Council>',
    issuedBy: 'Jo Admin (jo@example.org)',
    // 10:15 UTC in summer is 11:15 in London.
    issuedAt: new Date('2026-06-10T10:15:00Z'),
    label: 'reporting <script>',
  });

  it('says who issued the token, when in London time, its label and what to do if unexpected, in text and HTML', () => {
    expect(mail.subject).toBe('An API token was issued for your account');
    expect(mail.text).toBe(
      [
        'Dear Pat <Council>,',
        '',
        'An API token was issued for your account on the Southampton Compact dispute service.',
        '',
        'Issued by: Jo Admin (jo@example.org)',
        'When: Wednesday, 10 June 2026 at 11:15 (London time)',
        'Label: reporting <script>',
        '',
        'The token is not in this email: it was shown once, to whoever issued it.',
        '',
        'If you did not expect this, tell an administrator of the service straight away: anyone who holds the token can use the API as you.',
        'An administrator can take your account’s access away, which stops every one of its tokens at once.',
        '',
      ].join('\n'),
    );
    expect(mail.html).toContain('<td>Wednesday, 10 June 2026 at 11:15 (London time)</td>');
    expect(mail.html).toContain('<strong>If you did not expect this');
  });

  it('escapes what people typed in the HTML part', () => {
    expect(mail.html).toContain('Dear Pat &lt;Council&gt;,');
    expect(mail.html).toContain('<td>reporting &lt;script&gt;</td>');
    expect(mail.html).not.toContain('<script>');
  });
});
