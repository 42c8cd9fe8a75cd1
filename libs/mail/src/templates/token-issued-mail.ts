import { escapeHtml } from './html-escape';
import { RenderedMail } from './case-mail';

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'full', timeStyle: 'short' });

/**
 * Tells a person that an API token was issued for their account: who issued it, when and with
 * what label, and what to do if they did not expect it. It never carries the token.
 */
export function renderTokenIssuedMail(input: {
  serviceName: string;
  name: string;
  /** e.g. `Jo Admin (jo@example.org)`, or `the service's command line`. */
  issuedBy: string;
  issuedAt: Date;
  label: string;
}): RenderedMail {
  const intro = `An API token was issued for your account on the ${input.serviceName} dispute service.`;
  const facts: Array<[string, string]> = [
    ['Issued by', input.issuedBy],
    ['When', `${LONDON.format(input.issuedAt)} (London time)`],
    ['Label', input.label],
  ];
  const notInMail = 'The token is not in this email: it was shown once, to whoever issued it.';
  const unexpected = [
    'If you did not expect this, tell an administrator of the service straight away: anyone who holds the token can use the API as you.',
    'An administrator can take your account’s access away, which stops every one of its tokens at once.',
  ];
  const text = [`Dear ${input.name},`, '', intro, '', ...facts.map(([k, v]) => `${k}: ${v}`), '', notInMail, '', ...unexpected];
  return {
    subject: 'An API token was issued for your account',
    text: text.join('\n') + '\n',
    html:
      '<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif">' +
      `<p>Dear ${escapeHtml(input.name)},</p><p>${escapeHtml(intro)}</p>` +
      `<table role="presentation">${facts
        .map(([k, v]) => `<tr><th align="left" style="padding-right:12px">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
        .join('')}</table>` +
      `<p>${escapeHtml(notInMail)}</p>` +
      `<p><strong>${escapeHtml(unexpected[0])}</strong> ${escapeHtml(unexpected[1])}</p>` +
      '</body></html>\n',
  };
}
