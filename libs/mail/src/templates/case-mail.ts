import { escapeHtml } from './html-escape';

/** What every case email says about its case. */
export interface CaseMailFacts {
  reference: string;
  title: string;
  kind: 'breach' | 'disagreement';
  compactName: string;
  claimantName: string;
  respondentName: string;
  caseUrl: string;
  undertakings: Array<{ id: string; text: string }>;
}

/** One paragraph of a message: a heading-less block of lines, or labelled facts. */
export type MailBlock = { lines: string[] } | { facts: Array<[string, string]> };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function caseLine(c: CaseMailFacts): string {
  return `${c.claimantName} and ${c.respondentName}: ${c.kind === 'breach' ? 'alleged breach' : 'disagreement'} under the ${c.compactName}`;
}

/**
 * Lays out a case email in plain text and HTML alike: the case, the message's own blocks, the cited
 * undertakings verbatim and the link to the case.
 */
export function renderCaseMail(c: CaseMailFacts, subject: string, blocks: MailBlock[]): RenderedMail {
  const text: string[] = [`Case ${c.reference}: ${c.title}`, caseLine(c), ''];
  const html: string[] = [
    `<h1 style="font-size:20px">Case ${escapeHtml(c.reference)}: ${escapeHtml(c.title)}</h1>`,
    `<p>${escapeHtml(caseLine(c))}</p>`,
  ];
  for (const block of blocks) {
    if ('lines' in block) {
      text.push(...block.lines, '');
      html.push(`<p>${block.lines.map(escapeHtml).join('<br>')}</p>`);
    } else {
      text.push(...block.facts.map(([k, v]) => `${k}: ${v}`), '');
      html.push(
        `<table role="presentation">${block.facts
          .map(([k, v]) => `<tr><th align="left" style="padding-right:12px">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
          .join('')}</table>`,
      );
    }
  }
  if (c.undertakings.length > 0) {
    text.push('Cited undertakings:', ...c.undertakings.map((u) => `  ${u.id}  ${u.text}`), '');
    html.push(
      `<h2 style="font-size:16px">Cited undertakings</h2><ul>${c.undertakings
        .map((u) => `<li><strong>${escapeHtml(u.id)}</strong> ${escapeHtml(u.text)}</li>`)
        .join('')}</ul>`,
    );
  }
  text.push(`Open the case: ${c.caseUrl}`, '', 'You receive this because your organisation takes part in this case.');
  html.push(
    `<p><a href="${escapeHtml(c.caseUrl)}">Open case ${escapeHtml(c.reference)}</a></p>`,
    '<p style="color:#505a5f">You receive this because your organisation takes part in this case.</p>',
  );
  return {
    subject: `[${c.reference}] ${subject}`,
    text: text.join('\n') + '\n',
    html: `<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif">${html.join('\n')}</body></html>\n`,
  };
}
