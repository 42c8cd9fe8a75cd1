import { BrowserContext, Page } from 'playwright-core';
import { PageChecker } from './browser';
import { ReceivedMail, SmtpReceiver } from './smtp-receiver';

/** Waits (polling) until the receiver holds a message matching `match` that was not in `seen`. */
export async function waitForMail(receiver: SmtpReceiver, match: (m: ReceivedMail) => boolean, seen = 0, timeoutMs = 10_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = receiver.messages.slice(seen).find(match);
    if (found) return found;
    if (Date.now() > deadline) {
      const got = receiver.messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('\n  ');
      throw new Error(`no matching mail within ${timeoutMs} ms; received:\n  ${got}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The sign-in link in a mail, as it was sent (absolute, on PUBLIC_URL). */
export function signInLink(mail: ReceivedMail): string {
  const link = /https?:\/\/[^\s"<>]+\/sign-in\/[A-Za-z0-9_-]{20,}/.exec(mail.body)?.[0];
  if (!link) throw new Error(`no sign-in link in mail to ${mail.to.join(', ')}:\n${mail.body}`);
  return link;
}

/** The emailed link on the app under test: its path (and query) on `baseUrl`. */
export function onApp(link: string, baseUrl: string): string {
  const url = new URL(link);
  return `${baseUrl}${url.pathname}${url.search}`;
}

/** Asks for a sign-in link on /sign-in and returns the link emailed to `email` (sent through the outbox). */
export async function requestLink(page: Page, receiver: SmtpReceiver, email: string, checker?: PageChecker, label = 'sign-in'): Promise<string> {
  await page.goto('/sign-in');
  if (checker) await checker.check(page, label);
  const seen = receiver.messages.length;
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  if (checker) await checker.check(page, `${label}-sent`);
  const mail = await waitForMail(receiver, (m) => m.to.includes(email) && m.subject === 'Your sign-in link', seen);
  return signInLink(mail);
}

/** Opens an emailed link and selects Continue; resolves on the page the person lands on. */
export async function followLink(page: Page, link: string, baseUrl: string, checker?: PageChecker, label = 'sign-in'): Promise<void> {
  await page.goto(onApp(link, baseUrl));
  await page.getByRole('heading', { name: 'Continue signing in' }).waitFor();
  if (checker) await checker.check(page, `${label}-continue`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForLoadState('load');
}

/** The whole sign-in by emailed link; ends signed in on /cases. */
export async function signIn(page: Page, receiver: SmtpReceiver, email: string, baseUrl: string, checker?: PageChecker, label = 'sign-in'): Promise<void> {
  const link = await requestLink(page, receiver, email, checker, label);
  await followLink(page, link, baseUrl, checker, label);
  if (new URL(page.url()).pathname !== '/cases') throw new Error(`sign-in of ${email} ended on ${page.url()}`);
}

/** The session cookie of a browser context (undefined when signed out). */
export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === 'cd_session');
}

/** The anti-forgery token the page's forms carry. */
export async function csrfTokenOf(page: Page): Promise<string> {
  return page.locator('input[name="_csrf"]').first().inputValue();
}
