import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { Parties } from './support/parties.fixture';
import { seedRegisterCases } from './support/register-seed';
import { ADMIN_TOKEN, TestApp } from './support/test-app';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(120_000);

/*
 * The public register in a real browser, without JavaScript (it needs none) and with it for axe:
 * linked from the start page and the footer, public (no sign-in), its tables with captions and
 * withheld figures in words, and the board's preview with its banner.
 */
describe('web: the public register and the board’s preview', () => {
  const h = new WebHarness('register');
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    await seedRegisterCases(t, {
      count: 60,
      now: h.clock.now(),
      orgs: { publicBodies: [p.orgs.council], rareBody: p.orgs.council2, vcs: [p.orgs.vcs, p.orgs.vcs2] },
      createdBy: p.vcs.userId,
      undertakings: ['2.4', '4.5'],
      rareUndertaking: '1.1',
      stages: ['negotiation', 'mediation'],
      titleOf: (i) => `Browser seeded case ${i}`,
    });
  });
  afterAll(() => h.stop());

  it('is linked from the start page and the footer, opens without signing in, and works without JavaScript', async () => {
    const page = await h.page(false);
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Public register' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'public register' }).click();
    await page.getByRole('heading', { level: 1, name: /the public register/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/register');
    await expectTables(page);
    // Withheld figures are in words, and the rule is explained.
    await page.locator('td[data-withheld="true"]', { hasText: 'fewer than 5' }).first().waitFor();
    await page.getByText('A figure of 0 is shown as 0').waitFor();
    // The open data is one link away.
    const descriptor = await page.getByRole('link', { name: /Data Package descriptor/ }).getAttribute('href');
    expect(descriptor).toBe('/register/data/datapackage.json');
    expect(await page.getByRole('link', { name: /^CSV\W+Cases by year$/ }).getAttribute('href')).toBe('/register/data/cases-by-year.csv');
    expect(await page.getByRole('link', { name: 'Open Government Licence v3.0' }).getAttribute('href')).toMatch(/^https:\/\/www\.nationalarchives\.gov\.uk\//);
  });

  it('passes axe, signed out', async () => {
    const page = await h.page(true);
    await page.goto('/register');
    await checker.check(page, 'register');
  });

  it('is previewed by the board, with a banner saying it is public, and linked from the board page; axe clean', async () => {
    const page = await h.page(true);
    const email = ((await t.api.get('/api/v1/users', ADMIN_TOKEN)).body as Array<{ id: string; email: string }>).find((u) => u.id === p.board.userId)!.email;
    await signIn(page, h.receiver, email, t.baseUrl);
    await page.goto('/board');
    await page.getByRole('link', { name: 'Preview the public register' }).click();
    await page.getByRole('heading', { level: 1, name: 'Preview of the public register' }).waitFor();
    await page.getByText('The register is public.').waitFor();
    await expectTables(page);
    await checker.check(page, 'board-preview');
  });

  async function expectTables(page: Page): Promise<void> {
    const captions = await page.locator('table caption').allInnerTexts();
    expect(captions).toEqual([
      'Cases raised, resolved and withdrawn',
      'Cases by year',
      'Cases by quarter',
      'Cases by undertaking cited',
      'Cases resolved, by the stage they were resolved at',
      'Deadlines met and missed',
      'Median time to resolution',
      'Cases by public body',
      'Feedback by stage reached',
      'Feedback by year',
    ]);
    const body = await page.locator('main').innerText();
    expect(body).not.toContain('Browser seeded case');
    expect(body).not.toContain('Hope Community Trust');
  }
});
