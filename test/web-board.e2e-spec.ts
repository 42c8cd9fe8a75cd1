import { Page } from 'playwright-core';
import { compactDisputeV2 } from '@compact/workflows';
import { download } from './support/browser';
import { CaseFactory, Step } from './support/case-factory';
import { parseCsv } from './support/csv';
import { V2_PLACEMENTS, V2Placement } from './support/v2-placements';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(180_000);

/*
 * The governance board's page in a real browser without JavaScript: the headline figures, the
 * chart of cases raised per month (an SVG image with its title and description, and its figures
 * in a table), undertakings in words, missed deadlines by organisation; the date range form with
 * the GOV.UK error summary for dates it cannot use; each figure a link to the case list showing
 * exactly the cases it counts; and the one-row-per-case CSV. Every page passes axe.
 */
describe('web: the governance board', () => {
  const h = new WebHarness('board');
  const BOARD = 'user7@example.org';
  let board: Page;
  const refs: Record<string, string> = {};

  const listed = async (page: Page) => (await page.locator('main tbody tr td:first-child').allInnerTexts()).map((r) => r.trim()).sort();
  const apiRefs = async (query: string) => {
    const res = await h.t.api.get(`/api/v1/cases?limit=100&${query}`, h.p.board.token);
    expect(res.status).toBe(200);
    return (res.body.items as any[]).map((c) => c.reference).sort();
  };
  const stats = async (query = '') => (await h.t.api.get(`/api/v1/board/statistics${query ? `?${query}` : ''}`, h.p.board.token)).body;
  const main = async () => (await board.locator('main').innerText()).replace(/\s+/g, ' ');

  beforeAll(async () => {
    await h.start();
    const f = new CaseFactory<V2Placement>(h.t.api, h.p, compactDisputeV2, V2_PLACEMENTS);
    const withdraw: Step[] = [['ACKNOWLEDGE', 'respondent'], ['WITHDRAW', 'claimant']];
    // Raised over 14 months before the harness's day (Tuesday 1 December 2026), the clock only going forward.
    const seed: Array<[string, string, readonly Step[], string[]]> = [
      ['2025-10-14T10:00:00Z', 'autumn-resolved', V2_PLACEMENTS.resolved, ['4.5']],
      ['2025-12-03T10:00:00Z', 'winter-unanswered', V2_PLACEMENTS.raised, ['3.11a']],
      ['2026-03-10T10:00:00Z', 'spring-proposal', V2_PLACEMENTS.proposalByRespondent, ['4.5', '3.11a']],
      ['2026-03-24T10:00:00Z', 'spring-withdrawn', withdraw, ['4.5']],
      ['2026-07-01T09:00:00Z', 'summer-monitoring', V2_PLACEMENTS.monitoring, ['4.5']],
      ['2026-11-16T10:00:00Z', 'november-discussing', V2_PLACEMENTS.discussing, ['3.11a']],
      ['2026-11-23T10:00:00Z', 'november-raised', [], ['4.5']],
    ];
    for (const [at, key, steps, undertakings] of seed) {
      h.clock.set(at);
      const view = await f.raise({ title: `Case ${key}`, undertakings, becameAwareOn: at.slice(0, 10) });
      refs[key] = view.reference;
      for (const s of steps) {
        const [type, by, options] = s;
        const payload = { ...(options?.payload ?? f.payload(type)) };
        if ('decidedOn' in payload) payload.decidedOn = at.slice(0, 10);
        await f.step(view.id, [type, by, { ...options, payload }]);
      }
    }
    h.clock.set('2026-12-01T10:00:00Z');
    // The poller fires whatever fell due on the way here; the figures are read once it has.
    for (let i = 0; i < 100; i++) {
      const due = await h.t.dataSource.query(`SELECT COUNT(*) AS n FROM case_timers WHERE due_at <= ${h.clock.now().getTime()}`);
      if (Number(due[0].n) === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    board = await h.page(false);
    await signIn(board, h.receiver, BOARD, h.t.baseUrl, h.checker, 'board-sign-in');
  });
  afterAll(() => h.stop());

  it('shows the headline figures, the months as a chart and a table, undertakings in words and who missed deadlines', async () => {
    const s = await stats();
    expect(s.missedByOrganisation.length).toBeGreaterThanOrEqual(2);
    const res = await board.goto('/board');
    expect(res?.status()).toBe(200);
    await h.checker.check(board, 'board');
    expect(await main()).toContain(`Figures for all ${s.totalCases} cases`);
    const headline = async (id: string) => (await board.locator(`#headline-${id}`).innerText()).replace(/\s+/g, ' ').trim();
    expect(await headline('open')).toBe(`${s.headline.open} open cases`);
    expect(await headline('resolved')).toBe(`${s.headline.resolved} resolved of which 1 with an agreement still being carried out`);
    expect(await headline('withdrawn')).toBe(`${s.headline.withdrawn} withdrawn`);
    expect(await headline('age')).toBe(`${s.headline.medianAgeDays} days the median age of the open cases`);

    // The chart: an image named by its title, described in words, drawn on the server.
    const chart = board.locator('svg[role="img"]');
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('title').first().textContent()).toBe('Cases raised each month, January 2025 to December 2026');
    expect(await chart.locator('desc').textContent()).toContain('7 cases in all, the most in');
    expect(await chart.locator('rect[data-month]').count()).toBe(24);
    expect(await chart.getAttribute('aria-labelledby')).toBe('raised-chart-title raised-chart-desc');
    // Its figures in a table, every month.
    const months = board.locator('#raised-by-month tbody tr');
    expect(await months.count()).toBe(24);
    expect((await months.nth(0).innerText()).replace(/\s+/g, ' ').trim()).toBe('January 2025 0');
    expect((await months.nth(14).innerText()).replace(/\s+/g, ' ').trim()).toBe('March 2026 2');
    expect((await months.nth(23).innerText()).replace(/\s+/g, ' ').trim()).toBe('December 2026 0');

    // Undertakings by their words, not bare ids.
    const u45 = (await board.locator('table:has(caption:text("citing each undertaking")) tbody tr').first().innerText()).replace(/\s+/g, ' ');
    expect(u45).toMatch(/^4\.5 \S.{10,}/);
    // Who missed deadlines: the council never acknowledged one case; the trust never answered the council's proposal.
    const missed = (await board.locator('#missed-by-organisation tbody').innerText()).replace(/\s+/g, ' ');
    expect(missed).toContain('Southampton City Council');
    expect(missed).toContain('Hope Community Trust');
  });

  it('fits a 375 px wide screen without scrolling sideways', async () => {
    const narrow = await h.page(false);
    await narrow.setViewportSize({ width: 375, height: 800 });
    await signIn(narrow, h.receiver, BOARD, h.t.baseUrl);
    await narrow.goto('/board');
    await h.checker.check(narrow, 'board-375');
    expect(await narrow.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number)).toBeLessThanOrEqual(375);
  });

  it('names a date it cannot use in the GOV.UK error summary, keeping what was typed', async () => {
    await board.goto('/board');
    await board.locator('#raisedFrom-day').fill('31');
    await board.locator('#raisedFrom-month').fill('2');
    await board.locator('#raisedFrom-year').fill('2026');
    await board.locator('#raisedTo-month').fill('6');
    const [response] = await Promise.all([board.waitForNavigation(), board.getByRole('button', { name: 'Show figures for these dates' }).click()]);
    expect(response?.status()).toBe(400);
    await h.checker.check(board, 'board-bad-dates');
    expect(await board.title()).toMatch(/^Error: /);
    const summary = board.locator('.govuk-error-summary');
    expect(await summary.locator('h2').innerText()).toBe('There is a problem');
    const links = summary.locator('a');
    expect(await links.allInnerTexts()).toEqual(['The start date must be a real date', 'The end date must include a day and year']);
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['#raisedFrom-day', '#raisedTo-day']);
    expect(await board.locator('#raisedFrom-day').inputValue()).toBe('31');
    expect(await board.locator('#raisedTo-month').getAttribute('class')).not.toContain('govuk-input--error');
    expect(await board.locator('#raisedTo-day').getAttribute('class')).toContain('govuk-input--error');
    // An end before the start.
    await board.goto('/board?raisedFrom-day=1&raisedFrom-month=6&raisedFrom-year=2026&raisedTo-day=1&raisedTo-month=5&raisedTo-year=2026');
    expect(await board.locator('.govuk-error-summary a').allInnerTexts()).toEqual(['The end date must be the same as or after the start date']);
  });

  it('counts only the cases raised in the range chosen, and each figure links to exactly those cases', async () => {
    await board.goto('/board');
    for (const [part, value] of Object.entries({ day: '1', month: '3', year: '2026' })) await board.locator(`#raisedFrom-${part}`).fill(value);
    for (const [part, value] of Object.entries({ day: '30', month: '11', year: '2026' })) await board.locator(`#raisedTo-${part}`).fill(value);
    await Promise.all([board.waitForNavigation(), board.getByRole('button', { name: 'Show figures for these dates' }).click()]);
    await h.checker.check(board, 'board-range');
    const s = await stats('raisedFrom=2026-03-01&raisedTo=2026-11-30');
    expect(s.totalCases).toBe(5);
    expect(await main()).toContain('Figures for the 5 cases raised from 1 March 2026 to 30 November 2026');
    // The chart ends with the range's last month and starts no earlier than its first.
    expect(await board.locator('#raised-by-month tbody tr').count()).toBe(9);

    // The open cases of the range, from the headline figure.
    await Promise.all([board.waitForNavigation(), board.locator('#headline-open a').click()]);
    expect(new URL(board.url()).searchParams.get('outcome')).toBe('open');
    await h.checker.check(board, 'cases-from-board-open');
    expect(await board.locator('#board-filters').innerText()).toContain('raised from 1 March 2026 to 30 November 2026; outcome: open');
    const open = await apiRefs('outcome=open&raisedFrom=2026-03-01&raisedTo=2026-11-30');
    expect(open).toEqual([refs['spring-proposal'], refs['november-discussing'], refs['november-raised']].sort());
    expect(await listed(board)).toEqual(open);

    // A month of the chart's table.
    await board.goBack();
    await Promise.all([board.waitForNavigation(), board.locator('#raised-by-month tbody tr:has(th:text-is("March 2026")) a').click()]);
    expect(await listed(board)).toEqual([refs['spring-proposal'], refs['spring-withdrawn']].sort());

    // The cases in which the trust missed a deadline (it never answered the council's proposal).
    await board.goto('/board');
    await Promise.all([board.waitForNavigation(), board.locator('#missed-by-organisation tr:has(th:text-is("Hope Community Trust")) a').click()]);
    await h.checker.check(board, 'cases-missed-by-trust');
    const byTrust = await apiRefs(`missedBy=${h.p.orgs.vcs}`);
    expect(byTrust).toContain(refs['spring-proposal']);
    expect(await listed(board)).toEqual(byTrust);
    expect(await board.locator('#board-filters').innerText()).toContain('Hope Community Trust missed a deadline');

    // The stage resolved at, and the filter form keeps the board's filters when another is added.
    await board.goto('/board');
    const resolvedLink = board.locator('#resolved-at-stage tbody a').first();
    const want = await apiRefs(new URL(`http://x${await resolvedLink.getAttribute('href')}`).search.slice(1));
    await Promise.all([board.waitForNavigation(), resolvedLink.click()]);
    expect(await listed(board)).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
  });

  it('downloads one row per case, UTF-8 with a byte order mark, parties by name', async () => {
    await board.goto('/board');
    const file = await download(board, () => board.getByRole('link', { name: 'one row per case (CSV)' }).click());
    expect(file.name).toBe('cases.csv');
    expect(file.text.charCodeAt(0)).toBe(0xfeff);
    const { header, rows } = parseCsv(file.text.slice(1));
    expect(header.slice(0, 7)).toEqual(['reference', 'title', 'kind', 'workflow', 'claimant', 'respondent', 'mediator']);
    expect(rows.map((r) => r.reference).sort()).toEqual(Object.values(refs).sort());
    const proposal = rows.find((r) => r.reference === refs['spring-proposal'])!;
    expect(proposal).toMatchObject({ claimant: 'Hope Community Trust', respondent: 'Southampton City Council', raised_on: '2026-03-10', outcome: 'Open', undertakings: '4.5; 3.11a' });
    expect(Number(proposal.deadlines_missed)).toBeGreaterThan(0);
    const history = await download(board, () => board.getByRole('link', { name: 'one row per step (CSV)' }).click());
    expect(history.name).toBe('case-histories.csv');
    expect(parseCsv(history.text).header[0]).toBe('case_reference');
  });
});
