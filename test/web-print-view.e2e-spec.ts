import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { compactDisputeV2 } from '@compact/workflows';
import { CaseFactory } from './support/case-factory';
import { V2_PLACEMENTS, V2Placement } from './support/v2-placements';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(180_000);

/** The Compact file the service loads by default, read here as the words to expect. */
const COMPACT = JSON.parse(readFileSync(join(__dirname, '..', 'compacts', 'southampton.json'), 'utf8'));
const compactText = (id: string): string =>
  COMPACT.sections.flatMap((s: any) => s.groups.flatMap((g: any) => g.undertakings)).find((u: any) => u.id === id).text;

/*
 * The print-friendly history in a real browser: the cited undertakings in the Compact's own words,
 * each step with the person who took it and their organisation, a "Printed on" line in London
 * time, and a Print button that only a browser running the page's script shows (under the
 * service's real Content-Security-Policy, which allows no inline script). Printed, the page has no
 * header, navigation or button. Every page passes axe.
 */
describe('web: the print-friendly history', () => {
  const h = new WebHarness('print-view');
  let caseId = '';
  let reference = '';

  const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

  beforeAll(async () => {
    await h.start();
    const f = new CaseFactory<V2Placement>(h.t.api, h.p, compactDisputeV2, V2_PLACEMENTS);
    const view = await f.raise({ undertakings: ['4.5', '3.11a'] });
    caseId = view.id;
    reference = view.reference;
    for (const step of V2_PLACEMENTS.proposalWithTerms) await f.step(caseId, step);
    // Printed a few minutes later (on the service's clock, which the harness sets).
    h.clock.set('2026-12-01T10:05:00Z');
  });
  afterAll(() => h.stop());

  it('carries the undertakings’ words, the people with their organisations, and when it was printed', async () => {
    const page = await h.page(false);
    await signIn(page, h.receiver, 'user7@example.org', h.t.baseUrl); // a board member
    const res = await page.goto(`/cases/${caseId}/print`);
    expect(res?.status()).toBe(200);
    await h.checker.check(page, 'print-no-js');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`History of case ${reference}`);
    expect((await page.locator('#printed-on').innerText()).trim()).toBe('Printed on Tuesday 1 December 2026 at 10:05am (UK time)');

    // Each cited undertaking: its id and the Compact's words, verbatim.
    for (const id of ['4.5', '3.11a']) {
      const row = page.locator(`#undertaking-${id.replace('.', '\\.')}`);
      expect((await row.locator('dt').innerText()).trim()).toBe(id);
      expect((await row.locator('dd').innerText()).trim()).toBe(compactText(id));
    }

    // Who took each step, by name and organisation.
    const by = (await page.locator('table tbody tr td[data-label="By"]').allInnerTexts()).map((t) => t.trim());
    expect(by).toEqual(['User 1 (Hope Community Trust)', 'User 3 (Southampton City Council)', 'User 1 (Hope Community Trust)']);
    const what = (await page.locator('table tbody tr td[data-label="What happened"]').allInnerTexts()).map((t) => t.split('\n')[0].trim());
    expect(what[0]).toBe('Hope Community Trust raised the case');
    expect(what[2]).toBe('Hope Community Trust proposed a resolution');

    // Plain words: the check code of the latest step, not a fingerprint of an entry.
    const history = (await h.t.api.get(`/api/v1/cases/${caseId}/history`, h.p.board.token)).body.entries as Array<{ hash: string }>;
    expect(await page.locator('#check-code code').innerText()).toBe(history.at(-1)!.hash);
    expect(await page.locator('#check-code').innerText()).toContain('Check code of the latest step');
    expect(await page.locator('#verification').innerText()).toBe('All 3 steps of this history are exactly as recorded: nothing has been changed or removed since.');
    const text = await mainText(page);
    for (const word of [/fingerprint/i, /\bentry\b/i, /\bentries\b/i, /\bhash\b/i]) expect(text).not.toMatch(word);

    // Without JavaScript there is no Print button at all.
    expect(await page.locator('#print-page').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Print this page' }).count()).toBe(0);
  });

  it('shows a Print button that prints, under the service’s own Content-Security-Policy, and prints without the header or buttons', async () => {
    // A context that keeps the page's CSP (the harness's contexts bypass it for axe).
    const context = await h.browser.newContext({ baseURL: h.t.baseUrl, viewport: { width: 1100, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    try {
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
      });
      await signIn(page, h.receiver, 'user1@example.org', h.t.baseUrl);
      const res = await page.goto(`/cases/${caseId}/print`);
      expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
      const button = page.getByRole('button', { name: 'Print this page' });
      await button.waitFor();
      expect(await button.getAttribute('class')).toBe('govuk-button govuk-button--secondary');
      // Selecting it opens the browser's print dialog (window.print), counted here instead of opened.
      await page.evaluate(() => {
        const w = globalThis as any;
        w.printed = 0;
        w.print = () => (w.printed += 1);
      });
      await button.click();
      expect(await page.evaluate(() => (globalThis as any).printed)).toBe(1);
      expect(refused).toEqual([]);

      // Printed: the history without the header, the navigation, the footer or any button.
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['.govuk-template__header', '.govuk-service-navigation', '.govuk-footer', '#print-page']) {
        expect({ hidden, visible: await page.locator(hidden).first().isVisible() }).toEqual({ hidden, visible: false });
      }
      expect(await page.locator('body').getAttribute('class')).toContain('app-print-view');
      expect(await page.locator('table').isVisible()).toBe(true);
      expect(await page.locator('#undertakings').isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
    } finally {
      await context.close();
    }
    // The same page with scripts on, checked by axe (in a harness context), the button in place.
    const page = await h.page(true);
    await signIn(page, h.receiver, 'user3@example.org', h.t.baseUrl);
    await page.goto(`/cases/${caseId}/print`);
    await page.getByRole('button', { name: 'Print this page' }).waitFor();
    await h.checker.check(page, 'print-with-js');
  });
});
