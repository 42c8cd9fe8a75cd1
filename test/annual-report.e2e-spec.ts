import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { formatLongDate, toLondonDate } from '@compact/calendar';
import { WorkflowRegistry } from '@compact/application';
import { compactDisputeV2 } from '@compact/workflows';
import { CaseFactory, Step } from './support/case-factory';
import { parseCsvLine } from './support/csv';
import { answerFeedback, expectedFeedbackFigures, FeedbackFormAnswers, feedbackTokenOf, waitForFeedbackMails } from './support/feedback-links';
import { ADMIN_TOKEN } from './support/test-app';
import { V2_PLACEMENTS, V2Placement } from './support/v2-placements';
import { WebHarness } from './support/web-harness';
import { csrfTokenOf, signIn } from './support/web-sign-in';
import { submit } from './support/web-forms';

jest.setTimeout(180_000);

/** The text of a PDF as poppler's pdftotext reads it, and what pdfinfo says of it. */
function readPdf(pdf: Buffer): { text: string; info: string } {
  const dir = mkdtempSync(join(tmpdir(), 'annual-report-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return { text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }), info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report's one CSV: its sections by table name, each a list of rows keyed by the section's header. */
function csvSections(text: string): Map<string, Array<Record<string, string>>> {
  const sections = new Map<string, Array<Record<string, string>>>();
  for (const block of text.split('\r\n\r\n')) {
    const [header, ...lines] = block.trimEnd().split('\r\n').map(parseCsvLine);
    expect(header[0]).toBe('table');
    const rows = lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
    sections.set(rows[0]?.table ?? '', rows);
  }
  return sections;
}

/*
 * The board's annual report in a real browser, on the real database: the year's register and
 * feedback figures, the board's texts, sign-off by one of two members signing at once, the frozen
 * report (page, PDF read back with pdftotext, CSV) after more cases, and who may open it.
 */
describe('the annual report (issue 13)', () => {
  const h = new WebHarness('annual-report');
  let factory: CaseFactory;
  let year: number;
  let board: Page;
  let board2: Page;
  const LESSONS = 'Notice of funding ending was too short in most cases.\n\nConsultations were shorter than 12 weeks without reasons.';
  const RESPONSE = 'The council will publish a notice timetable and explain any shorter consultation.';

  const text = (page: Page, selector: string) => page.locator(selector).innerText();
  const download = async (page: Page, path: string) => {
    const res = await page.request.get(path);
    expect(res.status()).toBe(200);
    return { res, body: await res.body() };
  };

  beforeAll(async () => {
    await h.start();
    factory = new CaseFactory(h.t.api, h.p);
    year = Number(toLondonDate(h.clock.now()).slice(0, 4));
    // Seven cases citing 4.5, two of them withdrawn; one more citing 2.4 as well.
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push((await factory.raise()).id);
    for (const id of ids.slice(0, 2)) expect((await factory.send(id, 'WITHDRAW', 'claimant')).status).toBe(200);
    await factory.raise({ undertakings: ['2.4', '4.5'] });
    const second = await h.t.api.post('/api/v1/users', { name: 'Second Board Member', email: 'board2@example.org', role: 'board', organisationId: null }, ADMIN_TOKEN);
    expect(second.status).toBe(201);
    board = await h.page();
    board2 = await h.page(false);
    await signIn(board, h.receiver, 'user7@example.org', h.t.baseUrl);
    await signIn(board2, h.receiver, 'board2@example.org', h.t.baseUrl);
  });

  afterAll(() => h.stop());

  it('shows this year’s draft: the register’s figures, the most cited undertakings and the feedback', async () => {
    const res = await board.goto('/board/report');
    expect(res!.status()).toBe(200);
    await h.checker.check(board, 'draft');
    expect(await board.getByRole('heading', { level: 1 }).innerText()).toBe(`Annual report ${year}`);
    expect(await text(board, '#draft')).toContain('Not signed off yet');
    const byYear = await board.locator('#table-cases-by-year ~ table').first().locator('tbody tr').allInnerTexts();
    expect(byYear).toEqual([expect.stringMatching(new RegExp(`^${year}\\s+8\\s`))]);
    // 4.5 cited by all 8 cases comes first; 2.4 by one only is withheld.
    const cited = await board.locator('#table-most-cited-undertakings ~ table').first().locator('tbody tr').allInnerTexts();
    expect(cited[0]).toMatch(/^4\.5\s.*\s8$/);
    expect(cited.find((r) => r.startsWith('2.4'))).toMatch(/fewer than 5$/);
    expect(await board.getByRole('heading', { name: 'Feedback from the parties and mediators' }).count()).toBe(1);
    expect(await board.getByRole('option', { name: String(year) }).count()).toBe(1);
  });

  it('refuses a bad year with a 400 page: not 4 digits, after this year, before the first case', async () => {
    for (const bad of ['abcd', '20261', String(year + 1), String(year - 1), '1999']) {
      for (const path of [`/board/report?year=${bad}`, `/board/report.pdf?year=${bad}`, `/board/report.csv?year=${bad}`]) {
        const res = await board.request.get(path, { maxRedirects: 0 });
        expect([path, res.status()]).toEqual([path, 400]);
        expect(res.headers()['content-disposition']).toBeUndefined();
      }
    }
    await board.goto(`/board/report?year=${year + 1}`);
    await h.checker.check(board, 'bad-year');
    expect(await board.locator('main').innerText()).toContain(`There is no report for ${year + 1} yet`);
  });

  it('saves the lessons and the board’s response (and refuses text that is too long, keeping what was typed)', async () => {
    await board.goto(`/board/report?year=${year}`);
    await board.getByLabel('Lessons noted by the board').fill('x'.repeat(20_001));
    await board.getByLabel('The board’s response').fill(RESPONSE);
    await board.getByRole('button', { name: 'Save the lessons and response' }).click();
    await h.checker.check(board, 'too-long');
    expect(await board.locator('.govuk-error-summary').innerText()).toContain('The lessons must be at most 20,000 characters');
    expect(await board.getByLabel('The board’s response').inputValue()).toBe(RESPONSE);

    await board.getByLabel('Lessons noted by the board').fill(LESSONS);
    await board.getByRole('button', { name: 'Save the lessons and response' }).click();
    await board.waitForURL(/done=saved/);
    await h.checker.check(board, 'saved');
    expect(await board.getByLabel('Lessons noted by the board').inputValue()).toBe(LESSONS);
    expect(await board.locator('main').innerText()).toContain('Last saved by User 7');
  });

  it('refuses a save from a page that is out of date (409), keeping the newer text', async () => {
    await board2.goto(`/board/report?year=${year}`);
    const csrf = await csrfTokenOf(board2);
    const res = await board2.request.post('/board/report', { form: { _csrf: csrf, year: String(year), version: '0', lessons: 'Stale', boardResponse: 'Stale' }, maxRedirects: 0 });
    expect(res.status()).toBe(409);
    expect(await res.text()).toContain('was changed by someone else');
    await board.reload();
    expect(await board.getByLabel('Lessons noted by the board').inputValue()).toBe(LESSONS);
  });

  it('puts the figures and the lessons in the tagged PDF, every page with the year and its number, and the tables in one CSV', async () => {
    const { res, body } = await download(board, `/board/report.pdf?year=${year}`);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect(res.headers()['content-disposition']).toBe(`attachment; filename="annual-report-${year}.pdf"`);
    const { text: pdf, info } = readPdf(body);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(new RegExp(`Title:\\s+.*annual report ${year}`));
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    for (let n = 1; n <= pages; n += 1) expect(pdf).toContain(`Annual report ${year} - page ${n} of ${pages}`);
    expect(pdf).toContain('Draft, not signed off');
    expect(pdf).toContain('Notice of funding ending was too short in most cases.');
    expect(pdf).toContain(RESPONSE);
    expect(pdf).toContain('Undertakings most often cited');
    expect(pdf).toMatch(/\n\s*4\.5\s.*\s8\s*\n/);
    expect(pdf).toMatch(new RegExp(`\\n\\s*${year}\\s+8\\s`)); // cases raised this year
    expect(pdf).toContain('fewer than 5');

    const csv = await download(board, `/board/report.csv?year=${year}`);
    expect(csv.res.headers()['content-disposition']).toBe(`attachment; filename="annual-report-${year}.csv"`);
    const sections = csvSections(csv.body.toString('utf8'));
    expect(sections.get('report')![0]).toMatchObject({ year: String(year), status: 'draft', signed_off_by: '' });
    expect(sections.get('cases-by-year')).toEqual([expect.objectContaining({ table: 'cases-by-year', year: String(year), raised: '8' })]);
    expect(sections.get('most-cited-undertakings')![0]).toMatchObject({ undertaking: '4.5', cases: '8' });
    expect(sections.get('most-cited-undertakings')!.find((r) => r.undertaking === '2.4')!.cases).toBe(''); // withheld
    expect([...sections.keys()].some((name) => name.startsWith('feedback'))).toBe(true);
  });

  let signed: { csv: string; pdf: string; tables: string };

  it('asks to confirm sign-off; of two board members signing at once, one wins and the other is told', async () => {
    await board.goto(`/board/report?year=${year}`);
    await board.getByRole('button', { name: `Sign off the report for ${year}` }).click();
    await board.waitForURL(/\/board\/report\/sign-off\?year=/);
    await h.checker.check(board, 'confirm');
    await board2.goto(`/board/report/sign-off?year=${year}`);
    await h.checker.check(board2, 'confirm-2');
    const responses = await Promise.all([board, board2].map((p) => submit(p, p.getByRole('button', { name: `Sign off the report for ${year}` }))));
    const outcomes = await Promise.all([board, board2].map(async (p) => ({ url: p.url(), main: await p.locator('main').innerText() })));
    const winners = outcomes.filter((o) => /done=signed/.test(o.url));
    expect(winners).toHaveLength(1);
    const loser = outcomes.find((o) => !/done=signed/.test(o.url))!;
    expect(loser.main).toMatch(/was signed off by .* a signed-off report cannot be changed/);
    const winnerName = winners[0] === outcomes[0] ? 'User 7' : 'Second Board Member';
    // The winner's POST was sent on (303) to the signed-off report; the loser's page is a 409 of its own, naming the winner, and passes axe.
    const loserAt = outcomes.indexOf(loser);
    expect(responses[1 - loserAt]?.request().redirectedFrom()?.method()).toBe('POST');
    expect(responses[loserAt]?.status()).toBe(409);
    expect(responses[loserAt]?.request().method()).toBe('POST');
    expect(loser.main).toContain(`The annual report for ${year} was signed off by ${winnerName} on ${formatLongDate(toLondonDate(h.clock.now()))}`);
    await h.checker.check([board, board2][loserAt], 'sign-off-lost');
    expect(await [board, board2][loserAt].locator('.govuk-notification-banner').innerText()).toContain('a signed-off report cannot be changed');
    await board.goto(`/board/report?year=${year}`);
    await h.checker.check(board, 'signed-off');
    const date = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(h.clock.now()).replace(',', '');
    expect(await text(board, '#signed-off')).toContain(`Signed off by ${winnerName} on ${date}`);
    expect(await text(board, '#lessons-text')).toBe(LESSONS);
    expect(await board.locator('form[method="post"]').count()).toBe(1); // signing out only

    const audit = (await h.t.api.get('/api/v1/admin/audit', h.p.board.token)).body.items as Array<{ action: string; details: Record<string, unknown> }>;
    expect(audit.filter((e) => e.action === 'ANNUAL_REPORT_SIGNED_OFF')).toEqual([
      expect.objectContaining({ details: { year, by: winnerName, snapshotSha256: expect.stringMatching(/^[0-9a-f]{64}$/) } }),
    ]);
    expect(audit.filter((e) => e.action === 'ANNUAL_REPORT_SAVED')).toHaveLength(1);
    signed = {
      tables: await board.locator('main').innerText(),
      pdf: readPdf((await download(board, `/board/report.pdf?year=${year}`)).body).text,
      csv: (await download(board, `/board/report.csv?year=${year}`)).body.toString('utf8'),
    };
    expect(signed.pdf).toContain(`Signed off by ${winnerName} on ${date}`);
    expect(csvSections(signed.csv).get('report')![0]).toMatchObject({ status: 'signed-off', signed_off_by: winnerName });
  });

  it('is frozen: cases raised and withdrawn after sign-off change neither the page, the PDF nor the CSV', async () => {
    for (let i = 0; i < 5; i += 1) {
      const c = await factory.raise({ undertakings: ['2.4'] });
      expect((await factory.send(c.id, 'WITHDRAW', 'claimant')).status).toBe(200);
    }
    // The live figures have moved on (13 cases now)...
    await board.goto('/board');
    expect(await board.locator('main').innerText()).toContain('all 13 cases');
    // ...the signed-off report has not.
    await board.goto(`/board/report?year=${year}`);
    await h.checker.check(board, 'signed-off-later');
    expect(await board.locator('main').innerText()).toBe(signed.tables);
    expect(readPdf((await download(board, `/board/report.pdf?year=${year}`)).body).text).toBe(signed.pdf);
    expect((await download(board, `/board/report.csv?year=${year}`)).body.toString('utf8')).toBe(signed.csv);
  });

  it('refuses editing and signing off again with 409, changing nothing', async () => {
    await board.goto(`/board/report?year=${year}`);
    const csrf = await csrfTokenOf(board);
    const edit = await board.request.post('/board/report', { form: { _csrf: csrf, year: String(year), version: '3', lessons: 'Changed', boardResponse: 'Changed' }, maxRedirects: 0 });
    expect(edit.status()).toBe(409);
    expect(await edit.text()).toContain('a signed-off report cannot be changed');
    const again = await board.request.post('/board/report/sign-off', { form: { _csrf: csrf, year: String(year), version: '3' }, maxRedirects: 0 });
    expect(again.status()).toBe(409);
    await board.goto(`/board/report/sign-off?year=${year}`);
    expect(new URL(board.url()).pathname).toBe('/board/report');
    expect(await board.locator('main').innerText()).toBe(signed.tables);
  });

  it('is for the board and administrators only: a party and a mediator get 404 for the page, the downloads and the forms', async () => {
    for (const email of ['user1@example.org', 'user5@example.org']) {
      const page = await h.page();
      await signIn(page, h.receiver, email, h.t.baseUrl);
      const csrf = await csrfTokenOf(page);
      for (const path of [`/board/report?year=${year}`, `/board/report.pdf?year=${year}`, `/board/report.csv?year=${year}`, `/board/report/sign-off?year=${year}`]) {
        const res = await page.request.get(path, { maxRedirects: 0 });
        expect([email, path, res.status()]).toEqual([email, path, 404]);
        expect(res.headers()['content-disposition']).toBeUndefined();
      }
      for (const path of ['/board/report', '/board/report/sign-off']) {
        const res = await page.request.post(path, { form: { _csrf: csrf, year: String(year), version: '1', lessons: 'x', boardResponse: 'y' }, maxRedirects: 0 });
        expect([email, path, res.status()]).toEqual([email, path, 404]);
      }
    }
    const visitor = await h.page();
    const res = await visitor.request.get(`/board/report.pdf?year=${year}`, { maxRedirects: 0 });
    expect(res.status()).toBe(303);
    expect(res.headers().location).toMatch(/^\/sign-in\?next=/);
  });
});

/*
 * The report's figures for cases that ended in the year, on a register that publishes figures from
 * 2 people or cases up: the stages cases were resolved at, and the feedback of those asked when
 * their case ended, answered through the links emailed to them (real SMTP); the page printed; and
 * the pages of its refusals (a text missing at sign-off, a save from a page out of date) in a real
 * browser, checked by axe.
 */
describe('the annual report’s stage and feedback figures, printed, and its refusals as pages', () => {
  const h = new WebHarness('annual-report-figures', { REGISTER_MIN_COUNT: '2' });
  let f: CaseFactory<V2Placement>;
  let year: number;
  let board: Page;
  let board2: Page;
  const LESSONS = 'Most cases were settled in negotiation.\n\nMediation settled the rest within the year.';
  const RESPONSE = 'The board will publish these figures every quarter.';
  const FIGURES = ['invited', 'responded', 'response_rate_percent', 'mean_fair', 'mean_understood', 'mean_timely', 'use_again_percent'] as const;
  const email = (n: number) => `user${n}@example.org`;

  /** Each row of a table on the report page, its cells' text, the row's heading first. */
  const rowsOf = async (page: Page, name: string) => {
    const table = page.locator(`#table-${name} ~ table`).first();
    expect(await table.locator('caption').innerText()).toBe(await page.locator(`#table-${name}`).innerText());
    return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td')).map((c: any) => String(c.textContent ?? '').trim())));
  };
  const asText = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));

  beforeAll(async () => {
    await h.start();
    f = new CaseFactory(h.t.api, h.p, compactDisputeV2, V2_PLACEMENTS);
    year = Number(toLondonDate(h.clock.now()).slice(0, 4));
    const second = await h.t.api.post('/api/v1/users', { name: 'Second Board Member', email: 'board2@example.org', role: 'board', organisationId: null }, ADMIN_TOKEN);
    expect(second.status).toBe(201);
    board = await h.page();
    board2 = await h.page(false);
    await signIn(board, h.receiver, email(7), h.t.baseUrl);
    await signIn(board2, h.receiver, 'board2@example.org', h.t.baseUrl);
  });

  afterAll(() => h.stop());

  it('counts the cases resolved in the year by stage, and the feedback of those asked as they answered it by the emailed links, on the page and in the CSV', async () => {
    const resolvedInNegotiation: Step[] = [...V2_PLACEMENTS.proposalByClaimant, ['ACCEPT_RESOLUTION', 'respondent']];
    const ended: Array<{ reference: string; stage: 'negotiation' | 'mediation'; asked: string[] }> = [];
    // Three resolved in negotiation (both parties asked), two after mediation (the mediator too), two withdrawn while discussing, one still open.
    for (let i = 0; i < 3; i += 1) {
      let view = await f.raise();
      for (const step of resolvedInNegotiation) view = (await f.step(view.id, step)).body;
      ended.push({ reference: view.reference, stage: 'negotiation', asked: [email(1), email(3)] });
    }
    for (let i = 0; i < 2; i += 1) ended.push({ reference: (await f.place('resolvedAfterConfirmation')).reference, stage: 'mediation', asked: [email(1), email(3), email(5)] });
    for (let i = 0; i < 2; i += 1) {
      const view = await f.place('discussing');
      ended.push({ reference: (await f.step(view.id, ['WITHDRAW', 'claimant'])).body.reference, stage: 'negotiation', asked: [email(1), email(3)] });
    }
    await f.place('discussing');

    // Each person asked has a link of their own, by email.
    const links = new Map<string, string>(); // `${reference} ${email}` -> token
    for (const c of ended) {
      const mails = await waitForFeedbackMails(h.receiver, c.reference, c.asked.length);
      expect(mails.flatMap((m) => m.to).sort()).toEqual([...c.asked].sort());
      for (const m of mails) links.set(`${c.reference} ${m.to[0]}`, feedbackTokenOf(m));
    }
    // Five answer: three about cases resolved in negotiation, two about cases resolved after mediation; nobody about a withdrawn case.
    const answers: Array<[number, string, FeedbackFormAnswers]> = [
      [0, email(1), { fair: 5, understood: 4, timely: 4, useAgain: true }],
      [0, email(3), { fair: 3, understood: 4, timely: 2, useAgain: false, comment: 'Slow to start.' }],
      [1, email(1), { fair: 4, understood: 5, timely: 3, useAgain: true }],
      [3, email(5), { fair: 5, understood: 5, timely: 4, useAgain: true }],
      [4, email(1), { fair: 2, understood: 3, timely: 1, useAgain: false }],
    ];
    for (const [i, who, a] of answers) {
      expect(await answerFeedback(h.t.baseUrl, links.get(`${ended[i].reference} ${who}`)!, a)).toEqual({ status: 303, location: '/feedback/thanks' });
    }
    const invited = (stage?: string) => ended.filter((c) => !stage || c.stage === stage).reduce((n, c) => n + c.asked.length, 0);
    const given = (stage?: string) => answers.filter(([i]) => !stage || ended[i].stage === stage).map(([, , a]) => a);
    expect([invited('negotiation'), invited('mediation'), given('negotiation').length, given('mediation').length]).toEqual([10, 6, 3, 2]);
    const label = (state: string) => h.t.app.get(WorkflowRegistry).stages().find((s) => s.state === state)!.label;
    const byStage = [
      { stage: label('negotiation'), ...expectedFeedbackFigures(invited('negotiation'), given('negotiation')) },
      { stage: label('mediation'), ...expectedFeedbackFigures(invited('mediation'), given('mediation')) },
      { stage: 'All stages', ...expectedFeedbackFigures(invited(), given()) },
    ];
    const byYear = [{ year, ...expectedFeedbackFigures(invited(), given()) }];
    expect(byYear[0]).toMatchObject({ invited: 16, responded: 5 });

    const res = await board.goto(`/board/report?year=${year}`);
    expect(res!.status()).toBe(200);
    await h.checker.check(board, 'figures');
    // Raised 8, resolved 5 (3 in negotiation, 2 in mediation), withdrawn 2: all at least 2, none withheld.
    expect(await rowsOf(board, 'cases-by-year')).toEqual([[String(year), '8', '5', '2']]);
    expect(await rowsOf(board, 'cases-by-resolution-stage')).toEqual([
      [label('negotiation'), '3'],
      [label('mediation'), '2'],
    ]);
    const cells = (row: Record<string, unknown>, first: string) => [String(row[first]), ...FIGURES.map((k) => String(row[k]))];
    expect(await rowsOf(board, 'feedback-by-stage')).toEqual(byStage.map((r) => cells(r, 'stage')));
    expect(await rowsOf(board, 'feedback-by-year')).toEqual(byYear.map((r) => cells(r, 'year')));
    const main = await board.locator('main').innerText();
    expect(main).not.toContain('Slow to start.'); // figures only, never an answer
    expect(main).not.toContain('There are no feedback figures for this year.');

    const file = await board.request.get(`/board/report.csv?year=${year}`);
    expect(file.status()).toBe(200);
    const csv = csvSections(await file.text());
    expect(csv.get('report')![0]).toMatchObject({ year: String(year), status: 'draft', min_count: '2' });
    expect(csv.get('cases-by-resolution-stage')).toEqual([
      { table: 'cases-by-resolution-stage', stage: label('negotiation'), resolved: '3' },
      { table: 'cases-by-resolution-stage', stage: label('mediation'), resolved: '2' },
    ]);
    expect(csv.get('feedback-by-stage')).toEqual(byStage.map((r) => ({ table: 'feedback-by-stage', ...asText(r) })));
    expect(csv.get('feedback-by-year')).toEqual(byYear.map((r) => ({ table: 'feedback-by-year', ...asText(r) })));
    // The year before has no case and nobody asked: it is not a report year (the first case is this year's).
    expect((await board.request.get(`/board/report?year=${year - 1}`)).status()).toBe(400);
  });

  it('will not confirm a sign-off while a text is missing: the page says which to write, offers no button, and passes axe (no JavaScript)', async () => {
    const confirm = await board2.goto(`/board/report/sign-off?year=${year}`);
    expect(confirm!.status()).toBe(200);
    expect(await board2.getByRole('heading', { level: 1 }).innerText()).toBe(`Sign off the annual report for ${year}?`);
    await h.checker.check(board2, 'sign-off-nothing-written');
    expect(await board2.locator('main').innerText()).toContain('Before the report can be signed off, write the lessons noted by the board and the board’s response and save them.');
    expect(await board2.getByRole('button', { name: `Sign off the report for ${year}` }).count()).toBe(0);
    expect(await board2.getByRole('link', { name: 'Go back to the report' }).getAttribute('href')).toBe(`/board/report?year=${year}#board-text`);

    // With the lessons saved, only the response is missing.
    await board2.getByRole('link', { name: 'Go back to the report' }).click();
    await board2.getByLabel('Lessons noted by the board').fill(LESSONS);
    await submit(board2, board2.getByRole('button', { name: 'Save the lessons and response' }));
    expect(board2.url()).toMatch(/done=saved/);
    await board2.goto(`/board/report/sign-off?year=${year}`);
    await h.checker.check(board2, 'sign-off-response-missing');
    expect(await board2.locator('main').innerText()).toContain('Before the report can be signed off, write the board’s response and save them.');
    expect(await board2.getByRole('button', { name: `Sign off the report for ${year}` }).count()).toBe(0);

    // A sign-off sent anyway (the form the page would not offer) is refused with 400, and the report stays a draft.
    await board2.goto(`/board/report?year=${year}`);
    const csrf = await csrfTokenOf(board2);
    const version = await board2.locator('input[name="version"]').first().inputValue();
    const forced = await board2.request.post('/board/report/sign-off', { form: { _csrf: csrf, year: String(year), version }, maxRedirects: 0 });
    expect(forced.status()).toBe(400);
    expect(await forced.text()).toContain('Write the board’s response before signing off');
    await board2.reload();
    expect(await board2.locator('#draft').innerText()).toContain('Not signed off yet');
  });

  it('answers a save from a page that another member has saved since with a 409 page that keeps what was typed, and passes axe (no JavaScript)', async () => {
    await board2.goto(`/board/report?year=${year}`);
    await board.goto(`/board/report?year=${year}`);
    await board.getByLabel('The board’s response').fill(RESPONSE);
    await board.getByRole('button', { name: 'Save the lessons and response' }).click();
    await board.waitForURL(/done=saved/);

    // The second member's page is now out of date.
    const typed = 'A response typed on a page out of date.';
    await board2.getByLabel('The board’s response').fill(typed);
    const stale = await submit(board2, board2.getByRole('button', { name: 'Save the lessons and response' }));
    expect(stale!.status()).toBe(409);
    await h.checker.check(board2, 'stale-save');
    expect(await board2.locator('.govuk-notification-banner').innerText()).toContain(`The annual report for ${year} was changed by someone else since you opened it`);
    expect(await board2.getByLabel('The board’s response').inputValue()).toBe(typed);
    expect(await board2.getByLabel('Lessons noted by the board').inputValue()).toBe(LESSONS);
    // What is saved is the first member's.
    await board.reload();
    expect(await board.getByLabel('The board’s response').inputValue()).toBe(RESPONSE);
    const audit = (await h.t.api.get('/api/v1/admin/audit', h.p.board.token)).body.items as Array<{ action: string }>;
    expect(audit.filter((e) => e.action === 'ANNUAL_REPORT_SAVED')).toHaveLength(2);
  });

  it('prints the draft as the report alone: no navigation, form or button, the figures and the board’s texts shown', async () => {
    await board.goto(`/board/report?year=${year}`);
    const hidden = ['.govuk-template__header', '.govuk-service-navigation', '.govuk-skip-link', '.govuk-footer', 'form', 'textarea', 'select', '.govuk-button'];
    // On screen they are there...
    for (const selector of ['.govuk-service-navigation', 'form[action="/board/report"]', 'textarea', '.govuk-button']) {
      expect({ selector, visible: await board.locator(selector).first().isVisible() }).toEqual({ selector, visible: true });
    }
    expect(await board.locator('.app-print-only').isVisible()).toBe(false);
    await board.emulateMedia({ media: 'print' });
    try {
      for (const selector of hidden) {
        const all = board.locator(selector);
        expect(await all.count()).toBeGreaterThan(0);
        for (let i = 0; i < (await all.count()); i += 1) expect({ selector, i, visible: await all.nth(i).isVisible() }).toEqual({ selector, i, visible: false });
      }
      expect(await board.getByRole('link', { name: /^PDF/ }).isVisible()).toBe(false);
      expect(await board.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
      expect(await board.locator('#draft').isVisible()).toBe(true);
      expect(await board.locator('#table-feedback-by-stage ~ table').first().isVisible()).toBe(true);
      const texts = board.locator('.app-print-only .app-report-text');
      expect(await texts.count()).toBe(2);
      expect(await texts.nth(0).isVisible()).toBe(true);
      expect(await texts.nth(1).isVisible()).toBe(true);
      expect((await texts.nth(0).innerText()).trim()).toBe(LESSONS);
      expect((await texts.nth(1).innerText()).trim()).toBe(RESPONSE);
    } finally {
      await board.emulateMedia({ media: 'screen' });
    }
  });
});
