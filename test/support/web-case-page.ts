import { Locator, Page } from 'playwright-core';

/** The <details> form of one action on a case page (`type` is the event type, e.g. REJECT_RESOLUTION). */
export function actionForm(page: Page, type: string): Locator {
  return page.locator(`#action-${type.toLowerCase()}`);
}

/** Opens an action, lets `fill` complete its fields, submits it and waits for the page that answers. */
export async function act(page: Page, type: string, fill: (form: Locator) => Promise<void> = async () => {}): Promise<void> {
  const form = actionForm(page, type);
  await form.locator('summary').click();
  await fill(form);
  await Promise.all([page.waitForNavigation(), form.locator(`#submit-${type.toLowerCase()}`).click()]);
}

/** The stage marked current on the escalation path (aria-current="step"), and the stages marked passed. */
export async function escalationPath(page: Page): Promise<{ current: string[]; passed: string[] }> {
  const label = async (l: Locator) => (await l.allInnerTexts()).map((t) => t.split('\n')[0].trim());
  return {
    current: await label(page.locator('.app-path [aria-current="step"]')),
    passed: await label(page.locator('.app-path .app-path__stage--done')),
  };
}

/** The deadlines table: one object per row (What, Date, Working days left, Rule). */
export async function deadlines(page: Page): Promise<Array<{ what: string; dueBy: string; left: string; rule: string }>> {
  const rows = page.locator('table:has(caption:text("Pending deadlines and reminders")) tbody tr');
  const out = [];
  for (const row of await rows.all()) {
    const [what, dueBy, left, rule] = (await row.locator('th, td').allInnerTexts()).map((t) => t.trim());
    out.push({ what, dueBy, left, rule });
  }
  return out;
}

/** The titles of the history timeline, newest first, as shown. */
export async function timelineTitles(page: Page): Promise<string[]> {
  return (await page.locator('.moj-timeline__title').allInnerTexts()).map((t) => t.trim());
}

/** The success banner's text, if any (not the banner saying whose move it is). */
export async function bannerText(page: Page): Promise<string> {
  const banner = page.locator('.govuk-notification-banner:not(#next-move)');
  return (await banner.count()) ? (await banner.innerText()).replace(/\s+/g, ' ').trim() : '';
}

/** The banner at the top saying whose move it is: its text, and the label of its button if it has one. */
export async function nextMoveOf(page: Page): Promise<{ text: string; action: string | null }> {
  const banner = page.locator('#next-move');
  const button = banner.locator('#next-move-action');
  const action = (await button.count()) ? (await button.innerText()).trim() : null;
  const text = (await banner.innerText()).replace(/\s+/g, ' ').trim();
  return { text: action ? text.replace(action, '').trim() : text, action };
}
