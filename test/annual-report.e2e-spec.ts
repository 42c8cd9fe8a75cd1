import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { toLondonDate } from '@compact/calendar';
import { CaseFactory } from './support/case-factory';
import { parseCsvLine } from './support/csv';
import { ADMIN_TOKEN } from './support/test-app';
import { WebHarness } from './support/web-harness';
import { csrfTokenOf, signIn } from './support/web-sign-in';

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
    await Promise.all([
      board.getByRole('button', { name: `Sign off the report for ${year}` }).click().then(() => board.waitForLoadState('load')),
      board2.getByRole('button', { name: `Sign off the report for ${year}` }).click().then(() => board2.waitForLoadState('load')),
    ]);
    const outcomes = await Promise.all([board, board2].map(async (p) => ({ url: p.url(), main: await p.locator('main').innerText() })));
    const winners = outcomes.filter((o) => /done=signed/.test(o.url));
    expect(winners).toHaveLength(1);
    const loser = outcomes.find((o) => !/done=signed/.test(o.url))!;
    expect(loser.main).toMatch(/was signed off by .* a signed-off report cannot be changed/);
    const winnerName = winners[0] === outcomes[0] ? 'User 7' : 'Second Board Member';
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
