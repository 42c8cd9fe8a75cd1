import { renderFeedbackInvitationMail } from './feedback-invitation-mail';

describe('the feedback invitation', () => {
  const mail = renderFeedbackInvitationMail({
    serviceName: 'Southampton Compact',
    name: 'Ada <Brook>',
    reference: 'SC-2030-0007',
    link: 'https://disputes.example.org/feedback/abc_DEF-123',
    validUntil: 'Friday 1 March 2030',
  });

  it('carries the personal link, the case reference and how long the link works, in text and HTML', () => {
    expect(mail.subject).toBe('How did it go? Your views on case SC-2030-0007');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('https://disputes.example.org/feedback/abc_DEF-123');
      expect(body).toContain('SC-2030-0007');
      expect(body).toContain('Friday 1 March 2030');
    }
    expect(mail.text).toContain('The other side of the case never sees them');
  });

  it('escapes what it is given in the HTML', () => {
    expect(mail.html).toContain('Ada &lt;Brook&gt;');
    expect(mail.html).not.toContain('<Brook>');
  });
});
