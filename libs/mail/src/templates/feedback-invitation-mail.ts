import { escapeHtml } from './html-escape';
import { RenderedMail } from './case-mail';

const LINK_INTRO = 'Use this link to answer.';

/** The invitation to answer five questions about a case that has ended; the link is personal and works once. */
export function renderFeedbackInvitationMail(input: {
  serviceName: string;
  name: string;
  reference: string;
  link: string;
  validUntil: string;
}): RenderedMail {
  const lines = [
    `Dear ${input.name},`,
    '',
    `Case ${input.reference} has ended. We would like to know how the ${input.serviceName} dispute service worked for you: five short questions, about two minutes.`,
    '',
    `${LINK_INTRO} It works once, until ${input.validUntil}:`,
    '',
    input.link,
    '',
    'Your answers are not part of the case record. The other side of the case never sees them; the governance board sees them without your name, and publishes them only as totals.',
    'Answering is optional. Do not forward this email: anyone with the link can answer in your place.',
  ];
  return {
    subject: `How did it go? Your views on case ${input.reference}`,
    text: lines.join('\n') + '\n',
    html:
      '<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif">' +
      `<p>Dear ${escapeHtml(input.name)},</p>` +
      `<p>Case ${escapeHtml(input.reference)} has ended. We would like to know how the ${escapeHtml(input.serviceName)} dispute service worked for you: five short questions, about two minutes.</p>` +
      `<p>${LINK_INTRO} It works once, until ${escapeHtml(input.validUntil)}:</p>` +
      `<p><a href="${escapeHtml(input.link)}">Answer five questions</a></p><p>${escapeHtml(input.link)}</p>` +
      `<p style="color:#505a5f">${escapeHtml(lines[8])}</p><p style="color:#505a5f">${escapeHtml(lines[9])}</p>` +
      '</body></html>\n',
  };
}
