import { escapeHtml } from './html-escape';
import { RenderedMail } from './case-mail';

const LINK_INTRO = 'Use this link to sign in.';

/** The one-time sign-in link (or an invitation carrying one). */
export function renderSignInMail(input: {
  serviceName: string;
  name: string;
  link: string;
  validMinutes: number;
  invitation: boolean;
}): RenderedMail {
  const intro = input.invitation
    ? `You have been invited to the ${input.serviceName} dispute service.`
    : `Someone (hopefully you) asked to sign in to the ${input.serviceName} dispute service.`;
  const lines = [
    `Dear ${input.name},`,
    '',
    intro,
    `${LINK_INTRO} It works once, within ${input.validMinutes} minutes:`,
    '',
    input.link,
    '',
    'If you did not ask for this, you can ignore this email: nobody can sign in without the link.',
  ];
  return {
    subject: input.invitation ? `You are invited to the ${input.serviceName} dispute service` : `Your sign-in link`,
    text: lines.join('\n') + '\n',
    html:
      '<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif">' +
      `<p>Dear ${escapeHtml(input.name)},</p><p>${escapeHtml(intro)}</p>` +
      `<p>Use this link to sign in. It works once, within ${input.validMinutes} minutes:</p>` +
      `<p><a href="${escapeHtml(input.link)}">Sign in</a></p><p>${escapeHtml(input.link)}</p>` +
      '<p style="color:#505a5f">If you did not ask for this, you can ignore this email: nobody can sign in without the link.</p>' +
      '</body></html>\n',
  };
}

/** The link in the text of a mail renderSignInMail wrote (the first line after the one that introduces it); null when there is none. */
export function signInLinkOf(text: string): string | null {
  const lines = text.split('\n');
  const intro = lines.findIndex((line) => line.startsWith(LINK_INTRO));
  if (intro < 0) return null;
  return lines.slice(intro + 1).find((line) => line.trim() !== '')?.trim() ?? null;
}
