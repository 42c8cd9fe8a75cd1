import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PageChecker } from './support/browser';
import { startTestApp, TestApp } from './support/test-app';
import { WebHarness } from './support/web-harness';

jest.setTimeout(120_000);

const mainText = (page: import('playwright-core').Page) => page.locator('main').innerText();

/*
 * The footer pages, in a real browser without signing in: the accessibility statement, the
 * privacy notice and help, reached from every page's footer, each passing axe, with the
 * deployment's contact details, and a page replaced by the deployment's own text.
 */
describe('web: the footer pages', () => {
  const helpFile = join(mkdtempSync(join(tmpdir(), 'help-')), 'help.txt');
  writeFileSync(helpFile, 'Call the Compact desk at the Civic Centre.\n\nWe answer within two working days.\n');
  const h = new WebHarness('info-pages', {
    SERVICE_OWNER: 'Southampton Compact Partnership',
    SUPPORT_EMAIL: 'compact@southampton.example',
    SUPPORT_PHONE: '023 8000 0000',
    SUPPORT_HOURS: 'Monday to Friday, 9am to 5pm',
    HELP_FILE: helpFile,
  });
  let t: TestApp;
  let checker: PageChecker;

  beforeAll(async () => {
    ({ t, checker } = await h.start());
  });
  afterAll(() => h.stop());

  it('links the three pages from the footer, and each names who runs the service and how to reach them', async () => {
    const page = await h.page(false);
    await page.goto('/');
    for (const [link, heading, says] of [
      ['Accessibility statement', 'Accessibility statement', 'WCAG) version 2.2 at level AA'],
      ['Privacy notice', 'Privacy notice', 'Southampton Compact Partnership runs the'],
    ] as const) {
      await page.locator('footer').getByRole('link', { name: link }).click();
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(heading);
      const text = await mainText(page);
      expect(text).toContain(says);
      expect(text).toContain('compact@southampton.example');
      expect(text).toContain('023 8000 0000');
      expect(text).toContain('Monday to Friday, 9am to 5pm');
      await checker.check(page, link.toLowerCase().replace(/ /g, '-'));
    }
    await page.locator('footer').getByRole('link', { name: 'Help and contact' }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Help and contact');
    const help = await page.locator('main p.govuk-body').allInnerTexts();
    expect(help).toEqual(['Call the Compact desk at the Civic Centre.', 'We answer within two working days.']);
    expect(await mainText(page)).toContain('compact@southampton.example');
    await checker.check(page, 'help');
  });

  it('serves them to anyone, signed in or not, as pages', async () => {
    for (const path of ['/accessibility', '/privacy', '/help']) {
      const res = await fetch(t.baseUrl + path);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, 'text/html; charset=utf-8']);
    }
  });
});

describe('web: the start page', () => {
  it('says who can use the service, and the escalation path with the timescales of the Compact file in force', async () => {
    const compact = JSON.parse(readFileSync('compacts/southampton.json', 'utf8'));
    const file = join(mkdtempSync(join(tmpdir(), 'compact-file-')), 'compact.json');
    writeFileSync(file, JSON.stringify({ ...compact, deadlines: { ...compact.deadlines, acknowledgementWorkingDays: 7, ombudsmanLimitMonths: 11, ombudsmanFirstReminderMonthsBefore: 2 } }));
    const t = await startTestApp({ env: { COMPACT_FILE: file } });
    try {
      const html = (await (await fetch(t.baseUrl + '/')).text()).replace(/\s+/g, ' ');
      expect(html).toContain('<h2 class="govuk-heading-m">Who can use it</h2>');
      expect(html).toContain('The other organisation has 7 working days to acknowledge it.');
      expect(html).toContain('within 11 months of when you became aware of the matter');
      expect(html).toContain('<a class="govuk-link" href="/help">help and contact</a>');
    } finally {
      await t.close();
    }
  });
});
