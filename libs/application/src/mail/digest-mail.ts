import { formatLongDate, LONDON_TIME_ZONE, toLondonDate } from '@compact/calendar';
import { HeldMail } from '@compact/domain';
import { escapeHtml, RenderedMail } from '@compact/mail';

const londonClock = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "Tuesday 1 December 2026 at 10:32" (London time). */
const whenInWords = (at: Date) => `${formatLongDate(toLondonDate(at))} at ${londonClock.format(at)}`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * A person's daily digest: the case emails held for them since the last one, grouped by case
 * (each with its reference, title and link), oldest first within a case, each saying when and
 * what happened. `held` is never empty.
 */
export function renderDigestMail(input: { name: string; held: HeldMail[]; publicUrl: string }): RenderedMail {
  const byCase = new Map<string, HeldMail[]>();
  for (const item of input.held) byCase.set(item.caseId, [...(byCase.get(item.caseId) ?? []), item]);
  const choiceUrl = `${input.publicUrl}/account/email`;
  const intro = 'Here is what happened in your cases since your last daily summary.';
  const after = [
    'Emails about deadlines you must meet, and sign-in links, still come to you at once.',
    `To get every email as it happens instead, change your choice on the Your email page: ${choiceUrl}`,
  ];
  const text: string[] = [`Dear ${input.name},`, '', intro, ''];
  const html: string[] = [`<p>Dear ${escapeHtml(input.name)},</p>`, `<p>${escapeHtml(intro)}</p>`];
  for (const [caseId, items] of byCase) {
    const { caseReference: reference, caseTitle: title } = items[0];
    const caseUrl = `${input.publicUrl}/cases/${caseId}`;
    text.push(`Case ${reference}: ${title}`);
    html.push(`<h2 style="font-size:18px">Case ${escapeHtml(reference)}: ${escapeHtml(title)}</h2><ul>`);
    for (const item of items) {
      text.push(`- ${whenInWords(item.heldAt)}: ${item.summary}`, ...(item.detail ? [`  What happened: ${item.detail}`] : []));
      html.push(
        `<li><strong>${escapeHtml(whenInWords(item.heldAt))}</strong>: ${escapeHtml(item.summary)}` +
          (item.detail ? `<br>What happened: ${escapeHtml(item.detail)}` : '') +
          '</li>',
      );
    }
    text.push(`Open the case: ${caseUrl}`, '');
    html.push(`</ul><p><a href="${escapeHtml(caseUrl)}">Open case ${escapeHtml(reference)}</a></p>`);
  }
  text.push(...after);
  html.push(`<p style="color:#505a5f">${escapeHtml(after[0])}<br>To get every email as it happens instead, change your choice on the <a href="${escapeHtml(choiceUrl)}">Your email</a> page.</p>`);
  return {
    subject: `Your daily summary: ${plural(input.held.length, 'update', 'updates')} on ${plural(byCase.size, 'case', 'cases')}`,
    text: text.join('\n') + '\n',
    html: `<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif">${html.join('\n')}</body></html>\n`,
  };
}
