import { ReceivedMail, SmtpReceiver } from './smtp-receiver';

/** The one-use link in a feedback invitation, and the invitation's subject (it ends with the case's reference). */
export const FEEDBACK_LINK = /\/feedback\/([A-Za-z0-9_-]{20,})/;
export const FEEDBACK_SUBJECT = /^How did it go\? Your views on case /;

/** One person's answers to the feedback form. */
export interface FeedbackFormAnswers {
  fair: number;
  understood: number;
  timely: number;
  useAgain: boolean;
  comment?: string;
}

/** The feedback invitations the receiver holds for a case. */
export function feedbackMailsAbout(receiver: SmtpReceiver, reference: string): ReceivedMail[] {
  return receiver.messages.filter((m) => FEEDBACK_SUBJECT.test(m.subject ?? '') && m.subject!.endsWith(reference));
}

/** Waits (polling) until `count` invitations about the case have arrived; fails when they do not. */
export async function waitForFeedbackMails(receiver: SmtpReceiver, reference: string, count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
  const deadline = Date.now() + timeoutMs;
  while (feedbackMailsAbout(receiver, reference).length < count) {
    if (Date.now() > deadline) throw new Error(`${feedbackMailsAbout(receiver, reference).length} feedback mails about ${reference} within ${timeoutMs} ms, not ${count}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return feedbackMailsAbout(receiver, reference);
}

/** The token of the link in an invitation. */
export function feedbackTokenOf(mail: ReceivedMail): string {
  const match = FEEDBACK_LINK.exec(mail.body);
  if (!match) throw new Error(`no feedback link in mail to ${mail.to.join(', ')}`);
  return match[1];
}

/** Answers a link as the form does (a form token from the app, then the POST), returning the status and where it sends the person. */
export async function answerFeedback(baseUrl: string, token: string, a: FeedbackFormAnswers, headers: Record<string, string> = {}) {
  const page = await fetch(`${baseUrl}/sign-in`, { headers });
  const cookie = page.headers.getSetCookie().find((c) => c.startsWith('cd_csrf='))!.split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const res = await fetch(`${baseUrl}/feedback/${token}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: csrf,
      fair: String(a.fair),
      understood: String(a.understood),
      timely: String(a.timely),
      useAgain: a.useAgain ? 'yes' : 'no',
      comment: a.comment ?? '',
    }),
  });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location') };
}

/**
 * The figures a feedback table's row should hold for a group of people asked and the answers given
 * (nothing withheld), worked out here from what the test did: the response rate to one decimal
 * place (0 when nobody answered), the means to two, the share answering yes to one.
 */
export function expectedFeedbackFigures(invited: number, answers: readonly FeedbackFormAnswers[]) {
  const n = answers.length;
  const mean = (pick: (a: FeedbackFormAnswers) => number) => (n === 0 ? null : Math.round((answers.reduce((s, a) => s + pick(a), 0) / n) * 100) / 100);
  return {
    invited,
    responded: n,
    response_rate_percent: invited === 0 ? null : Math.round((1000 * n) / invited) / 10,
    mean_fair: mean((a) => a.fair),
    mean_understood: mean((a) => a.understood),
    mean_timely: mean((a) => a.timely),
    use_again_percent: n === 0 ? null : Math.round((1000 * answers.filter((a) => a.useAgain).length) / n) / 10,
  };
}
