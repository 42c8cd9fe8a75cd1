import { renderSignInMail, signInLinkOf } from './sign-in-mail';

describe('signInLinkOf', () => {
  it('finds the link in the text renderSignInMail wrote, for a sign-in and an invitation alike', () => {
    for (const invitation of [false, true]) {
      const link = 'https://disputes.example.org/sign-in/AbC_dEf-0123456789abcdefghij';
      const mail = renderSignInMail({ serviceName: 'Southampton Compact', name: 'Use this link to sign in.', link, validMinutes: 15, invitation });
      expect(signInLinkOf(mail.text)).toBe(link);
    }
  });

  it('is null for a text without one', () => {
    expect(signInLinkOf('Case CD-2026-0001: a case email\n')).toBeNull();
    expect(signInLinkOf('')).toBeNull();
  });
});
