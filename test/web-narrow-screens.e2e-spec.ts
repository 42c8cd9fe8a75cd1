import { Page } from 'playwright-core';
import { compactDisputeV2 } from '@compact/workflows';
import { PageChecker } from './support/browser';
import { CaseFactory } from './support/case-factory';
import { fixture, upload } from './support/documents';
import { BREACH_OF_45, raiseThroughJourney } from './support/raise-journey';
import { seedRegisterCases } from './support/register-seed';
import { describeSidewaysScroll, sidewaysScroll } from './support/sideways-scroll';
import { V2_PLACEMENTS, V2Placement } from './support/v2-placements';
import { WebHarness } from './support/web-harness';
import { actionForm } from './support/web-case-page';
import { signIn, waitForMail } from './support/web-sign-in';

jest.setTimeout(300_000);

const WIDTH = 375;

/*
 * Every page of the service on a 375 px wide screen (a small phone), as each kind of person sees
 * it, without JavaScript (the page as it first arrives, its navigation not yet folded into a menu
 * button): no page may scroll sideways (document.documentElement.scrollWidth > clientWidth). A page
 * that does is named with the elements that stick out. Tables stack into one block per row, and
 * keep their table semantics in Chromium's own accessibility tree; every page passes axe.
 */
describe('web: nothing scrolls sideways on a 375 px wide screen', () => {
  const h = new WebHarness('narrow');
  let f: CaseFactory<V2Placement>;
  let mainCase: { id: string; reference: string };
  let endedCase: { id: string; reference: string };
  let feedbackPath = '';

  /** Opens each page and checks it (axe, screenshot); the pages that scroll sideways, described. */
  async function visit(page: Page, pages: Array<[name: string, path: string, status?: number]>): Promise<string[]> {
    const problems: string[] = [];
    for (const [name, path, status] of pages) {
      const res = await page.goto(path);
      expect({ name, status: res?.status() }).toEqual({ name, status: status ?? 200 });
      problems.push(...(await measured(page, name)));
    }
    return problems;
  }

  async function measured(page: Page, name: string): Promise<string[]> {
    await h.checker.check(page, name);
    const s = await sidewaysScroll(page);
    return s ? [describeSidewaysScroll(name, s)] : [];
  }

  async function narrowPage(email?: string, width = WIDTH): Promise<Page> {
    const page = await h.page(false);
    await page.setViewportSize({ width, height: 800 });
    if (email) await signIn(page, h.receiver, email, h.t.baseUrl);
    return page;
  }

  beforeAll(async () => {
    await h.start();
    f = new CaseFactory<V2Placement>(h.t.api, h.p, compactDisputeV2, V2_PLACEMENTS);
    // The case to look at: a long address in its summary, a document cited in its history, and a
    // proposal with terms waiting for the council's answer.
    const raised = await f.raise({
      title: 'Funding for the youth advice service ended without three months’ notice',
      summary:
        'The grant letter (https://www.southampton.gov.uk/council-democracy/grants/community-grants-programme-2026-27/youth-advice-service-award-letter.pdf) gave no notice period and no rationale.',
    });
    mainCase = raised;
    await f.step(raised.id, ['ACKNOWLEDGE', 'respondent']);
    const doc = (await upload(h.t.baseUrl, raised.id, h.p.vcs.token, { name: 'grant-letter-from-southampton-city-council-community-grants-team.pdf', bytes: fixture('grant-letter.pdf') })).body.id;
    expect((await h.t.api.event(raised.id, { type: 'ADD_NOTE', note: 'The grant letter, for the record.', documents: [doc] }, h.p.vcs.token)).status).toBe(200);
    await f.step(raised.id, V2_PLACEMENTS.proposalWithTerms.at(-1)!);
    // More cases for the lists and the board, and one ended (its parties are asked for feedback).
    for (const placement of ['raised', 'discussing', 'monitoring', 'resolved'] as const) await f.place(placement, { title: `Case ${placement}` });
    await f.place('inMediation', { title: 'Consultation on the community centres closed after four weeks', undertakings: ['2.4'] });
    const seen = h.receiver.messages.length;
    endedCase = await f.raise({ title: 'Withdrawn after a meeting' });
    await f.step(endedCase.id, ['ACKNOWLEDGE', 'respondent']);
    await f.step(endedCase.id, ['WITHDRAW', 'claimant']);
    const invitation = await waitForMail(h.receiver, (m) => /\/feedback\/[A-Za-z0-9_-]{20,}/.test(m.body), seen, 20_000);
    feedbackPath = /\/feedback\/[A-Za-z0-9_-]{20,}/.exec(invitation.body)![0];
    await seedRegisterCases(h.t, {
      count: 30,
      now: h.clock.now(),
      orgs: { publicBodies: [h.p.orgs.council], rareBody: h.p.orgs.council2, vcs: [h.p.orgs.vcs, h.p.orgs.vcs2] },
      createdBy: h.p.vcs.userId,
      undertakings: ['2.4', '4.5'],
      rareUndertaking: '1.1',
      stages: ['negotiation', 'mediation'],
      titleOf: (i) => `Seeded case ${i}`,
    });
  });
  afterAll(() => h.stop());

  it('fits the pages anyone can open without signing in, and the error pages', async () => {
    const page = await narrowPage();
    const notice = 'given-day=1&given-month=12&given-year=2026&ends-day=31&ends-month=1&ends-year=2027';
    const problems = await visit(page, [
      ['start', '/'],
      ['compact', '/compact'],
      ['compact-search', '/compact?q=funding'],
      ['tools', '/tools'],
      ['tools-notice', '/tools/notice'],
      ['tools-notice-result', `/tools/notice?${notice}`],
      ['tools-notice-errors', '/tools/notice?given-day=31&given-month=2&given-year=2026&ends-day=&ends-month=&ends-year=', 400],
      ['tools-consultation', '/tools/consultation'],
      ['register', '/register'],
      ['help', '/help'],
      ['accessibility', '/accessibility'],
      ['privacy', '/privacy'],
      ['sign-in', '/sign-in'],
      ['not-found', '/no-such-page', 404],
      ['feedback', feedbackPath],
    ]);
    // Sign-in with an address it cannot use, and the page after a link is sent.
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('not an address');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send me a sign-in link' }).click()]);
    problems.push(...(await measured(page, 'sign-in-error')));
    await page.getByLabel('Email address').fill('nobody@example.org');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send me a sign-in link' }).click()]);
    problems.push(...(await measured(page, 'sign-in-sent')));
    expect(problems).toEqual([]);
  });

  it('fits the pages of a charity worker: the case list, a case with its forms open, the print view, the raise form', async () => {
    const page = await narrowPage('user1@example.org');
    const problems = await visit(page, [
      ['vcs-cases', '/cases'],
      ['vcs-cases-search-none', '/cases?q=nothing-called-this'],
      ['vcs-cases-filtered', `/cases?stage=negotiation&organisation=${h.p.orgs.council}`],
      ['vcs-case', `/cases/${mainCase.id}`],
      ['vcs-print', `/cases/${mainCase.id}/print`],
      ['vcs-ended-case', `/cases/${endedCase.id}`],
      ['vcs-case-not-found', '/cases/00000000-0000-4000-8000-000000000000', 404],
    ]);
    // Every action form open at once, as someone reading them all would have them.
    await page.goto(`/cases/${mainCase.id}`);
    for (const summary of await page.locator('details[id^="action-"] > summary').all()) await summary.click();
    problems.push(...(await measured(page, 'vcs-case-forms-open')));
    // A form sent without what it needs: the error summary on the case page.
    const note = actionForm(page, 'ADD_NOTE');
    await Promise.all([page.waitForNavigation(), note.locator('#submit-add_note').click()]);
    problems.push(...(await measured(page, 'vcs-case-form-error')));
    // The page that asks before withdrawing.
    await page.goto(`/cases/${mainCase.id}`);
    const withdraw = actionForm(page, 'WITHDRAW');
    await withdraw.locator('summary').click();
    await withdraw.locator('textarea[name="reason"], input[name="reason"]').fill('We settled it at a meeting with the council’s grants team.');
    await Promise.all([page.waitForNavigation(), withdraw.locator('#submit-withdraw').click()]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Are you sure you want to withdraw the case?');
    problems.push(...(await measured(page, 'vcs-confirm-withdraw')));
    expect(problems).toEqual([]);
  });

  it('fits each page of the raise journey, to the confirmation', async () => {
    const page = await narrowPage('user1@example.org');
    const problems: string[] = [];
    // The journey's own walk, each page it checks measured too.
    const measuring = { check: async (p: Page, name: string) => void problems.push(...(await measured(p, name))) } as unknown as PageChecker;
    await raiseThroughJourney(
      page,
      { ...BREACH_OF_45, title: 'Funding for the youth advice service ended without three months’ notice', outcome: 'Reinstate the funding for the notice period.' },
      { checker: measuring, label: 'vcs-raise' },
    );
    problems.push(...(await measured(page, 'vcs-raise-confirmation')));
    expect(problems).toEqual([]);
  });

  it('fits the pages of a council officer and a mediator', async () => {
    const council = await narrowPage('user3@example.org');
    const problems = await visit(council, [
      ['council-cases', '/cases'],
      ['council-case', `/cases/${mainCase.id}`],
    ]);
    const mediator = await narrowPage('user5@example.org');
    problems.push(...(await visit(mediator, [['mediator-cases', '/cases']])));
    const mediated = (await h.t.api.get('/api/v1/cases?limit=100', h.p.mediator.token)).body.items[0];
    problems.push(...(await visit(mediator, [['mediator-case', `/cases/${mediated.id}`]])));
    expect(problems).toEqual([]);
  });

  it('fits the governance board’s pages', async () => {
    const page = await narrowPage('user7@example.org');
    const problems = await visit(page, [
      ['board', '/board'],
      ['board-range-error', '/board?raisedFrom-day=31&raisedFrom-month=2&raisedFrom-year=2026', 400],
      ['board-feedback', '/board/feedback'],
      ['board-report', '/board/report'],
      ['board-register', '/board/register'],
      ['board-cases', '/cases'],
      ['board-case', `/cases/${mainCase.id}`],
      ['board-print', `/cases/${mainCase.id}/print`],
    ]);
    expect(problems).toEqual([]);
  });

  it('fits the administrator’s pages', async () => {
    const page = await narrowPage('admin@localhost');
    const problems = await visit(page, [
      ['admin', '/admin'],
      ['admin-deactivate', `/admin/users/${h.p.vcs2.userId}/deactivate`],
    ]);
    expect(problems).toEqual([]);
  });

  it('fits the pages with the widest tables on a tablet, a small laptop and a desktop too (700, 1000 and 1100 px): stacked below 1020 px, tables from there', async () => {
    const problems: string[] = [];
    for (const width of [700, 1000, 1100]) {
      const board = await narrowPage('user7@example.org', width);
      problems.push(
        ...(await visit(board, [
          [`board-cases-${width}`, '/cases'],
          [`board-case-${width}`, `/cases/${mainCase.id}`],
          [`board-print-${width}`, `/cases/${mainCase.id}/print`],
          [`board-${width}`, '/board'],
          [`board-feedback-${width}`, '/board/feedback'],
          [`board-report-${width}`, '/board/report'],
          [`board-register-${width}`, '/board/register'],
          [`register-${width}`, '/register'],
        ])),
      );
      const admin = await narrowPage('admin@localhost', width);
      problems.push(...(await visit(admin, [[`admin-${width}`, '/admin']])));
    }
    expect(problems).toEqual([]);
  });

  it('keeps a stacked table a table in Chromium’s accessibility tree', async () => {
    const page = await narrowPage('user1@example.org');
    await page.goto('/cases');
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: Array<{ role?: { value?: string }; ignored?: boolean }> };
    const roles = nodes.filter((n) => !n.ignored).map((n) => String(n.role?.value ?? ''));
    const count = (role: string) => roles.filter((r) => r === role).length;
    const listed = await page.locator('main table tbody tr').count();
    expect(listed).toBeGreaterThanOrEqual(6);
    // Stacked: each row is a block one screen wide ...
    const widths = await page.locator('main table tbody tr').evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().width)));
    for (const w of widths) expect(w).toBeLessThanOrEqual(WIDTH);
    // ... and still a table of rows, column headers and cells to a screen reader.
    expect(count('table')).toBe(1);
    expect(count('columnheader')).toBe(6);
    expect(count('row')).toBe(listed + 1);
    expect(count('cell')).toBe(listed * 6);
    await cdp.detach();
  });
});
