import { Page } from 'playwright-core';
import { toLondonDate } from '@compact/calendar';
import { compactDisputeV2 } from '@compact/workflows';
import { PageChecker } from './support/browser';
import { CaseFactory } from './support/case-factory';
import { answerFeedback, expectedFeedbackFigures, FeedbackFormAnswers, feedbackTokenOf, waitForFeedbackMails } from './support/feedback-links';
import { Parties } from './support/parties.fixture';
import { seedRegisterCases } from './support/register-seed';
import { ADMIN_TOKEN, TestApp } from './support/test-app';
import { V2_PLACEMENTS } from './support/v2-placements';
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

  it('shows on the page, cell by cell, the figures of each table’s open data (JSON), a withheld one in the table’s words', async () => {
    // Three cases resolved in negotiation this year, and five of the six people asked answering by their emailed links.
    const f = new CaseFactory(t.api, p, compactDisputeV2, V2_PLACEMENTS);
    const answers: FeedbackFormAnswers[] = [
      { fair: 5, understood: 4, timely: 4, useAgain: true },
      { fair: 3, understood: 4, timely: 2, useAgain: false },
      { fair: 4, understood: 5, timely: 3, useAgain: true },
      { fair: 4, understood: 2, timely: 5, useAgain: true },
      { fair: 2, understood: 3, timely: 1, useAgain: false },
    ];
    const tokens: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      let view = await f.place('proposalByClaimant');
      view = (await f.step(view.id, ['ACCEPT_RESOLUTION', 'respondent'])).body;
      tokens.push(...(await waitForFeedbackMails(h.receiver, view.reference, 2)).map(feedbackTokenOf));
    }
    for (const [i, a] of answers.entries()) expect((await answerFeedback(t.baseUrl, tokens[i], a)).status).toBe(303);
    // The public register answers figures up to a minute old (on the app's clock): let it count afresh.
    h.clock.advance(61_000);

    const min = t.config.registerMinCount;
    const withheldWords = (table: string) => (table === 'deadlines' || table === 'time-to-resolution' ? `not shown (fewer than ${min} cases)` : `fewer than ${min}`);
    const page = await h.page(false);
    await page.goto('/register');
    await checker.check(page, 'register-with-feedback');
    const descriptor = (await t.api.get('/register/data/datapackage.json')).body as { resources: Array<{ name: string; title: string }> };
    const names = descriptor.resources.map((r) => r.name);
    // The same tables, in the same order.
    expect(await page.locator('main table').evaluateAll((tables) => tables.map((table: any) => String(table.id)))).toEqual(names);
    const seen = { figures: 0, nonZero: 0, withheld: new Map<string, number>() };
    for (const name of names) {
      const json = (await t.api.get(`/register/data/${name}.json`)).body as { title: string; fields: Array<{ name: string; title: string; type: string }>; rows: Array<Record<string, string | number | null>>; withheld: string };
      expect(json.withheld).toContain(`fewer than ${min} cases`);
      const table = page.locator(`table#${name}`);
      expect((await table.locator('caption').innerText()).trim()).toBe(json.title);
      expect(await table.locator('thead th').allInnerTexts()).toEqual(json.fields.map((f) => f.title));
      const rows = await table.locator('tbody tr').evaluateAll((trs) =>
        trs.map((tr: any) => Array.from(tr.querySelectorAll('th, td')).map((c: any) => ({ text: String(c.textContent).trim(), withheld: c.getAttribute('data-withheld') === 'true' }))),
      );
      if (json.rows.length === 0) {
        expect([name, rows]).toEqual([name, [[{ text: 'None yet.', withheld: false }]]]);
        continue;
      }
      expect([name, rows.length]).toEqual([name, json.rows.length]);
      json.rows.forEach((row, r) =>
        json.fields.forEach((field, c) => {
          const value = row[field.name];
          const numeric = field.type === 'integer' || field.type === 'number';
          const expected = { text: value === null ? withheldWords(name) : String(value), withheld: value === null };
          expect({ name, row: r, field: field.name, ...rows[r][c] }).toEqual({ name, row: r, field: field.name, ...expected });
          if (numeric && c > 0) {
            seen.figures += 1;
            if (value !== null && value !== 0) seen.nonZero += 1;
            if (value === null) seen.withheld.set(expected.text, (seen.withheld.get(expected.text) ?? 0) + 1);
          }
        }),
      );
    }
    // The seed gives figures of each kind: shown, and withheld in both wordings.
    expect(seen.nonZero).toBeGreaterThan(20);
    expect(seen.withheld.get(`fewer than ${min}`)).toBeGreaterThan(0);
    expect(seen.withheld.get(`not shown (fewer than ${min} cases)`)).toBeGreaterThan(0);

    // The feedback, as the test gave it: six asked this year, five answered.
    const year = Number(toLondonDate(h.clock.now()).slice(0, 4));
    const byYear = (await t.api.get('/register/data/feedback-by-year.json')).body.rows;
    expect(byYear).toEqual([{ year, ...expectedFeedbackFigures(6, answers) }]);
    expect(await page.locator('table#feedback-by-year tbody tr').first().innerText()).toMatch(new RegExp(`^${year}\\s+6\\s+5\\s+83\\.3\\s`));
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
