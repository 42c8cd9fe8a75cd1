import { Page, Response } from 'playwright-core';

export interface ExpectedError {
  /** The message in the summary (and beside the field). */
  text: string | RegExp;
  /** Where its link goes: the id of the field to fix, e.g. `#title`. */
  href: string;
}

const matches = (actual: string, expected: string | RegExp) => (typeof expected === 'string' ? actual === expected : expected.test(actual));

/**
 * Checks the GOV.UK error-summary pattern after a refused form: status 400, "Error: " in the page
 * title, a summary titled "There is a problem" whose links (in this order) name each problem and
 * point at a form control on the page, a message beside each of those fields, and — when the
 * page's scripts run — focus on the summary on arrival and on the field when its link is selected.
 */
export async function expectErrorSummary(page: Page, response: Response | null, expected: ExpectedError[]): Promise<void> {
  const problems: string[] = [];
  if (response?.status() !== 400) problems.push(`status ${response?.status()} instead of 400`);
  if (!(await page.title()).startsWith('Error: ')) problems.push(`page title "${await page.title()}" does not start with "Error: "`);
  const summary = page.locator('.govuk-error-summary');
  if ((await summary.count()) !== 1) throw new Error(`no error summary on ${page.url()}`);
  if ((await summary.locator('.govuk-error-summary__title').innerText()).trim() !== 'There is a problem') problems.push('summary title is not "There is a problem"');
  const links = await summary.locator('.govuk-error-summary__list a').evaluateAll((as) => as.map((a) => ({ text: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })));
  const wanted = expected.map((e) => `${e.text} -> ${e.href}`).join('\n  ');
  const got = links.map((l) => `${l.text} -> ${l.href}`).join('\n  ');
  if (links.length !== expected.length || !expected.every((e, i) => matches(links[i].text, e.text) && links[i].href === e.href)) {
    problems.push(`summary links:\n  ${got}\nexpected:\n  ${wanted}`);
  }
  const scripts = /\bgovuk-frontend-supported\b/.test((await page.locator('body').getAttribute('class')) ?? '');
  if (scripts) {
    const focused = await page.evaluate(() => (globalThis as any).document.activeElement?.classList.contains('govuk-error-summary'));
    if (!focused) problems.push('the error summary does not have focus on arrival');
  }
  for (const link of links) {
    const target = page.locator(`[id="${link.href.slice(1)}"]`);
    if ((await target.count()) !== 1) {
      problems.push(`link "${link.text}" goes to ${link.href}, which is not on the page`);
      continue;
    }
    const tag = await target.evaluate((el) => el.tagName.toLowerCase());
    if (!['input', 'select', 'textarea'].includes(tag)) problems.push(`link "${link.text}" goes to a <${tag}>, not to a form field`);
    // The message beside the field: in its (outermost) form group.
    const group = target.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " govuk-form-group ")][last()]');
    const message = (await group.count()) ? await group.locator('.govuk-error-message').allInnerTexts() : [];
    if (!message.some((m) => m.replace(/^Error:\s*/, '').trim() === link.text)) {
      problems.push(`no error message "${link.text}" beside ${link.href} (found: ${JSON.stringify(message)})`);
    }
    if (scripts) {
      await summary.locator(`a[href="${link.href}"]`).click();
      const focusedId = await page.evaluate(() => (globalThis as any).document.activeElement?.id);
      if (focusedId !== link.href.slice(1)) problems.push(`selecting "${link.text}" focused #${focusedId}, not ${link.href}`);
    }
  }
  if (problems.length > 0) throw new Error(`error summary on ${page.url()}:\n- ${problems.join('\n- ')}`);
}

/** Submits the form holding `button` and returns the response to that POST. */
export async function submit(page: Page, button: ReturnType<Page['locator']>): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation(), button.click()]);
  return response;
}
