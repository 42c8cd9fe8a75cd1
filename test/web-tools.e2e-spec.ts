import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { continueOn, raiseFromCheck } from './support/raise-journey';
import { Parties } from './support/parties.fixture';
import { TestApp } from './support/test-app';
import { WebHarness } from './support/web-harness';
import { expectErrorSummary, submit } from './support/web-forms';
import { followLink, signIn, waitForMail } from './support/web-sign-in';

jest.setTimeout(120_000);

/*
 * The Compact's calculators as pages (/tools/notice for 4.5, /tools/consultation for 2.4), in a
 * real browser with and without JavaScript: public, the result on the same page, the GOV.UK error
 * summary for dates they cannot use, and "Raise a case about this" ending in a case whose first
 * audit entry records the calculator's result, worked out again by the server from the dates.
 * The app runs on the injected clock (1 December 2026); no date here is one the browser enforces.
 */
describe('web: the Compact’s calculators and raising a case about their result', () => {
  const h = new WebHarness('tools');
  const { receiver } = h;
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;
  let text45: string;
  let text24: string;

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    text45 = (await t.api.get('/api/v1/compact/undertakings/4.5')).body.text;
    text24 = (await t.api.get('/api/v1/compact/undertakings/2.4')).body.text;
  });
  afterAll(() => h.stop());

  async function fillDate(page: Page, name: string, [day, month, year]: string[]): Promise<void> {
    await page.locator(`#${name}-day`).fill(day);
    await page.locator(`#${name}-month`).fill(month);
    await page.locator(`#${name}-year`).fill(year);
  }

  const summaryRows = async (page: Page) =>
    Object.fromEntries(
      await page.locator('#result .govuk-summary-list__row').evaluateAll((rows) =>
        rows.map((r) => [r.querySelector('dt')!.textContent!.trim(), r.querySelector('dd')!.textContent!.trim()]),
      ),
    );

  async function checkNotice(page: Page, given: string[], ends: string[]) {
    await fillDate(page, 'given', given);
    await fillDate(page, 'ends', ends);
    return submit(page, page.getByRole('button', { name: 'Check the notice' }));
  }

  async function checkConsultation(page: Page, opens: string[], closes: string[]) {
    await fillDate(page, 'opens', opens);
    await fillDate(page, 'closes', closes);
    return submit(page, page.getByRole('button', { name: 'Check the consultation' }));
  }

  describe.each([
    ['without JavaScript', false],
    ['with JavaScript', true],
  ])('%s, signed out', (label, javaScript) => {
    let page: Page;
    beforeAll(async () => {
      page = await h.page(javaScript);
    });
    const step = (name: string) => `${javaScript ? 'js' : 'nojs'}-${name}`;

    it('are linked from the start page and the navigation, and need no sign-in', async () => {
      await page.goto('/');
      await page.getByRole('link', { name: 'Check the notice of a funding change' }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calculators' }).click();
      await page.getByRole('heading', { name: 'The Compact’s calculators', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/tools');
      await checker.check(page, step('index'));
      await page.getByRole('link', { name: 'Check the notice of a funding change' }).click();
      await page.getByRole('heading', { name: 'Check the notice of a funding change', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/tools/notice');
      // The undertaking verbatim, from the Compact in force.
      expect((await page.locator('#undertaking-text').innerText()).trim()).toBe(text45);
      await checker.check(page, step('notice-form'));
    });

    it(`notice: a short notice shows the shortfall, the date notice was due and how months are counted (${label})`, async () => {
      await page.goto('/tools/notice');
      const response = await checkNotice(page, ['1', '12', '2026'], ['31', '1', '2027']);
      expect(response?.status()).toBe(200);
      const url = new URL(page.url());
      expect(url.pathname).toBe('/tools/notice');
      expect(url.searchParams.get('given-day')).toBe('1'); // a GET form: the result has its own address
      await checker.check(page, step('notice-short'));
      expect((await page.locator('#result-headline').innerText()).trim()).toBe('This is less than three months’ notice');
      expect(await summaryRows(page)).toEqual({
        'You were told on': 'Tuesday 1 December 2026',
        'The funding changes or ends on': 'Sunday 31 January 2027',
        'Notice given': '61 days',
        'Three months from the date you were told': 'Monday 1 March 2027',
        'Short by': '29 days',
        'Notice should have been given by': 'Saturday 31 October 2026',
      });
      await page.getByRole('heading', { name: 'How months are counted' }).waitFor();
      expect(await page.getByText(/^Months are counted as calendar months/).isVisible()).toBe(true);
      expect(await page.getByText(/allows less notice in exceptional circumstances/).isVisible()).toBe(true);
      expect((await page.locator('#undertaking-text').innerText()).trim()).toBe(text45);
      // The answer is the API's, word for word.
      const api = (await t.api.get('/api/v1/tools/notice?given=2026-12-01&ends=2027-01-31')).body;
      expect((await page.locator('#result-explanation').innerText()).trim()).toBe(api.explanation);
      // The form keeps what was typed.
      expect(await page.locator('#ends-day').inputValue()).toBe('31');
      expect(await page.getByRole('button', { name: 'Raise a case about this' }).count()).toBe(1);
    });

    it(`notice: a month end with no such day in the third month is counted as that month’s last day (${label})`, async () => {
      await page.goto('/tools/notice');
      await checkNotice(page, ['30', '11', '2026'], ['28', '2', '2027']);
      await checker.check(page, step('notice-month-end'));
      expect((await page.locator('#result-headline').innerText()).trim()).toBe('This is at least three months’ notice');
      expect(await summaryRows(page)).toMatchObject({ 'Short by': 'Not short', 'Three months from the date you were told': 'Sunday 28 February 2027' });
      expect(await page.getByText(/Here February 2027 has no 30th, so three months from Monday 30 November 2026 is its last day, Sunday 28 February 2027\./).isVisible()).toBe(true);
    });

    it(`notice: the error summary names each date it cannot use (${label})`, async () => {
      await page.goto('/tools/notice');
      let response = await submit(page, page.getByRole('button', { name: 'Check the notice' }));
      await checker.check(page, step('notice-empty'));
      await expectErrorSummary(page, response, [
        { text: 'Enter the date you were told', href: '#given-day' },
        { text: 'Enter the date the funding changes or ends', href: '#ends-day' },
      ]);
      expect(await page.locator('#result').count()).toBe(0);

      response = await checkNotice(page, ['1', '12', ''], ['30', '2', '2027']);
      await checker.check(page, step('notice-unreal'));
      await expectErrorSummary(page, response, [
        { text: 'The date you were told must include a year', href: '#given-year' },
        { text: 'The date the funding changes or ends must be a real date', href: '#ends-day' },
      ]);

      response = await checkNotice(page, ['1', '12', '26'], ['', '', '']);
      await expectErrorSummary(page, response, [
        { text: 'The date you were told must have a year with 4 numbers', href: '#given-year' },
        { text: 'Enter the date the funding changes or ends', href: '#ends-day' },
      ]);

      response = await checkNotice(page, ['1', '12', '2026'], ['30', '11', '2026']);
      await checker.check(page, step('notice-wrong-order'));
      await expectErrorSummary(page, response, [{ text: 'The date the funding changes or ends must be the same as or after the date you were told', href: '#ends-day' }]);
    });

    it(`consultation: a short consultation shows its length, the shortfall and the Compact’s exception, quoting 2.4 (${label})`, async () => {
      await page.goto('/tools');
      await page.getByRole('link', { name: 'Check the length of a consultation' }).click();
      await page.getByRole('heading', { name: 'Check the length of a consultation', level: 1 }).waitFor();
      await checker.check(page, step('consultation-form'));
      const response = await checkConsultation(page, ['4', '1', '2027'], ['5', '3', '2027']);
      expect(response?.status()).toBe(200);
      await checker.check(page, step('consultation-short'));
      expect((await page.locator('#result-headline').innerText()).trim()).toBe('This consultation is shorter than 12 weeks');
      expect(await summaryRows(page)).toEqual({
        'Opens on': 'Monday 4 January 2027',
        'Closes on': 'Friday 5 March 2027',
        Length: '60 days (8 weeks and 4 days)',
        '12 weeks from the opening': 'Monday 29 March 2027',
        'Short by': '24 days',
      });
      await page.getByRole('heading', { name: 'When a shorter consultation is allowed' }).waitFor();
      expect(await page.getByText('A shorter time-frame can be used, but it needs clear explanations, as does a more informal approach.').isVisible()).toBe(true);
      // Undertaking 2.4's own words, verbatim from the catalogue, exception included.
      const quoted = (await page.locator('#undertaking-text').innerText()).trim();
      expect(quoted).toBe(text24);
      expect(quoted).toContain('with clear explanations for shorter time-frames or a more informal approach');
    });

    it(`consultation: one that closes 12 weeks after it opens meets the undertaking, and the page says so (${label})`, async () => {
      await page.goto('/tools/consultation');
      const response = await checkConsultation(page, ['4', '1', '2027'], ['29', '3', '2027']);
      expect(response?.status()).toBe(200);
      const url = new URL(page.url());
      expect(url.pathname).toBe('/tools/consultation');
      expect(url.searchParams.get('closes-day')).toBe('29');
      await checker.check(page, step('consultation-enough'));
      expect((await page.locator('#result-headline').innerText()).trim()).toBe('This consultation runs for at least 12 weeks');
      expect(await summaryRows(page)).toEqual({
        'Opens on': 'Monday 4 January 2027',
        'Closes on': 'Monday 29 March 2027',
        Length: '84 days (12 weeks)',
        '12 weeks from the opening': 'Monday 29 March 2027',
        'Short by': 'Not short',
      });
      expect(await page.locator('#result').innerText()).not.toContain('shorter than 12 weeks');
      // The answer is the API's, word for word, and the API says it is long enough.
      const api = (await t.api.get('/api/v1/tools/consultation?opens=2027-01-04&closes=2027-03-29')).body;
      expect(api).toMatchObject({ enough: true, lengthDays: 84, shortfallDays: 0, earliestClose: '2027-03-29' });
      expect((await page.locator('#result-explanation').innerText()).trim()).toBe(api.explanation);
      expect((await page.locator('#undertaking-text').innerText()).trim()).toBe(text24);
      // One day less is one day short: 12 weeks is the line.
      await checkConsultation(page, ['4', '1', '2027'], ['28', '3', '2027']);
      expect((await page.locator('#result-headline').innerText()).trim()).toBe('This consultation is shorter than 12 weeks');
      expect(await summaryRows(page)).toMatchObject({ Length: '83 days (11 weeks and 6 days)', 'Short by': '1 day' });
    });

    it(`consultation: the error summary for dates it cannot use (${label})`, async () => {
      await page.goto('/tools/consultation');
      let response = await submit(page, page.getByRole('button', { name: 'Check the consultation' }));
      await checker.check(page, step('consultation-empty'));
      await expectErrorSummary(page, response, [
        { text: 'Enter the date the consultation opens', href: '#opens-day' },
        { text: 'Enter the date the consultation closes', href: '#closes-day' },
      ]);
      response = await checkConsultation(page, ['4', '1', '2027'], ['3', '1', '2027']);
      await expectErrorSummary(page, response, [{ text: 'The date the consultation closes must be the same as or after the date it opens', href: '#closes-day' }]);
      response = await checkConsultation(page, ['x', '1', '2027'], ['', '3', '']);
      await expectErrorSummary(page, response, [
        { text: 'The date the consultation opens must be a real date', href: '#opens-day' },
        { text: 'The date the consultation closes must include a day and year', href: '#closes-day' },
      ]);
    });
  });

  /** The first audit entry of a case, as the API gives it to the claimant. */
  async function firstEntry(caseId: string, token: string) {
    const history = await t.api.get(`/api/v1/cases/${caseId}/history`, token);
    expect(history.status).toBe(200);
    return history.body.entries[0];
  }

  const caseIdOf = (page: Page) => /\/cases\/(?:new\/raised\/)?([0-9a-f-]{36})/.exec(page.url())![1];

  it('raise a case about a notice: a visitor signs in by the emailed link, comes back, and the case records the result (no JavaScript)', async () => {
    const page = await h.page(false);
    await page.goto('/tools/notice');
    await checkNotice(page, ['20', '11', '2026'], ['31', '1', '2027']);
    await page.getByRole('button', { name: 'Raise a case about this' }).click();
    // Signed out: the sign-in page, which will come back here.
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    const next = new URL(page.url()).searchParams.get('next')!;
    expect(next).toBe('/cases/new?about=notice&given=2026-11-20&ends=2027-01-31');
    await checker.check(page, 'raise-sign-in');
    const seen = receiver.messages.length;
    await page.getByLabel('Email address').fill('user1@example.org');
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    const mail = await waitForMail(receiver, (m) => m.to.includes('user1@example.org') && m.subject === 'Your sign-in link', seen);
    const link = /https?:\/\/[^\s"<>]+\/sign-in\/[A-Za-z0-9_-]{20,}\?next=[^\s"<>]+/.exec(mail.body)?.[0];
    expect(link).toBeDefined();
    expect(new URL(link!).searchParams.get('next')).toBe(next);
    await followLink(page, link!, t.baseUrl, checker, 'raise');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(next);

    // Choosing the respondent keeps the calculator's dates.
    await checker.check(page, 'raise-choose-respondent');
    expect(await page.locator('#calculator').innerText()).toContain('Notice given on Friday 20 November 2026 that funding ends on Sunday 31 January 2027');
    await page.getByLabel('Southampton City Council').check();
    await continueOn(page);
    await page.getByLabel('An alleged breach of an undertaking').check();
    await continueOn(page);
    await checker.check(page, 'raise-undertakings-notice');
    // 4.5 ticked, the date told as the date of becoming aware.
    expect(await page.getByRole('checkbox', { name: /^4\.5 / }).isChecked()).toBe(true);
    expect(await page.locator('input[name="undertakings"]:checked').evaluateAll((inputs) => inputs.map((i) => (i as any).value))).toEqual(['4.5']);
    await continueOn(page);
    await page.getByLabel('Title', { exact: true }).fill('Youth grant ended on less than three months notice');
    await page.getByLabel('What happened', { exact: true }).fill('We were told on 20 November that the grant ends on 31 January.');
    await continueOn(page);
    await continueOn(page);
    await checker.check(page, 'raise-aware-notice');
    expect([await page.locator('#becameAwareOn-day').inputValue(), await page.locator('#becameAwareOn-month').inputValue(), await page.locator('#becameAwareOn-year').inputValue()]).toEqual(['20', '11', '2026']);
    expect(await page.locator('#calculator').innerText()).toContain('From the calculator, undertaking 4.5 is ticked and the date you became aware is the date you were told.');
    await continueOn(page);
    await checker.check(page, 'raise-check-notice');
    expect(await page.locator('#calculator').innerText()).toContain('Notice given on Friday 20 November 2026');
    const response = await raiseFromCheck(page);
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toMatch(/^\/cases\/new\/raised\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Go to the case' }).click();
    await checker.check(page, 'raise-case-page');
    // The case page shows the evidence in its history.
    await page.getByText(/^Calculator result \(recorded as evidence\): Notice given on Friday 20 November 2026/).waitFor();

    const entry = await firstEntry(caseIdOf(page), p.vcs.token);
    expect(entry.eventType).toBe('CASE_RAISED');
    expect(entry.payload).toMatchObject({ becameAwareOn: '2026-11-20', undertakings: ['4.5'] });
    expect(entry.payload.calculator).toEqual({
      tool: 'notice',
      undertaking: '4.5',
      given: '2026-11-20',
      ends: '2027-01-31',
      // 20 Nov + 3 months = 20 Feb; 31 Jan is 20 days before it; the latest notice for 31 Jan was 31 Oct.
      result: { enough: false, noticeDays: 72, shortfallDays: 20, earliestEnd: '2027-02-20', noticeDueBy: '2026-10-31' },
      explanation: (await t.api.get('/api/v1/tools/notice?given=2026-11-20&ends=2027-01-31')).body.explanation,
    });
    expect((await t.api.get(`/api/v1/cases/${caseIdOf(page)}/history/verify`, p.vcs.token)).body).toMatchObject({ valid: true });
  });

  describe('raise a case about a consultation, signed in as a party (with JavaScript)', () => {
    let page: Page;
    beforeAll(async () => {
      page = await h.page(true);
      await signIn(page, receiver, 'user1@example.org', t.baseUrl, checker, 'party-sign-in');
    });

    it('goes straight to choosing the respondent and records the consultation result', async () => {
      await page.goto('/tools/consultation');
      await checkConsultation(page, ['2', '11', '2026'], ['14', '12', '2026']);
      await checker.check(page, 'party-consultation-result');
      await page.getByRole('button', { name: 'Raise a case about this' }).click();
      await page.getByRole('heading', { name: 'Which organisation is the case against?' }).waitFor();
      await page.getByLabel('Southampton City Council').check();
      await continueOn(page);
      await page.getByLabel('An alleged breach of an undertaking').check();
      await continueOn(page);
      await checker.check(page, 'party-raise-undertakings-consultation');
      expect(await page.locator('input[name="undertakings"]:checked').evaluateAll((inputs) => inputs.map((i) => (i as any).value))).toEqual(['2.4']);
      await continueOn(page);
      await page.getByLabel('Title', { exact: true }).fill('Six-week consultation on the youth strategy');
      await page.getByLabel('What happened', { exact: true }).fill('The consultation ran for six weeks with no explanation.');
      await continueOn(page);
      await continueOn(page);
      expect(await page.locator('#becameAwareOn-day').inputValue()).toBe('2');
      await continueOn(page);
      await raiseFromCheck(page);
      expect(new URL(page.url()).pathname).toMatch(/^\/cases\/new\/raised\/[0-9a-f-]{36}$/);
      const entry = await firstEntry(caseIdOf(page), p.vcs.token);
      expect(entry.payload.calculator).toEqual({
        tool: 'consultation',
        undertaking: '2.4',
        opens: '2026-11-02',
        closes: '2026-12-14',
        result: { enough: false, lengthDays: 42, shortfallDays: 42, earliestClose: '2027-01-25' },
        explanation:
          'A consultation that opens on Monday 2 November 2026 and closes on Monday 14 December 2026 runs for 42 days (6 weeks). ' +
          'That is shorter than 12 weeks: 12 weeks from Monday 2 November 2026 is Monday 25 January 2027, so it is 42 days short.',
      });
    });

    it('does not fill in a date of becoming aware that is still to come, and says so only for what it filled in', async () => {
      await page.goto(`/cases/new?about=notice&given=2027-03-01&ends=2027-04-01&respondent=${p.orgs.council}`);
      await page.getByLabel('An alleged breach of an undertaking').check();
      await continueOn(page);
      expect(await page.getByRole('checkbox', { name: /^4\.5 / }).isChecked()).toBe(true);
      await continueOn(page);
      await page.getByLabel('Title', { exact: true }).fill('Notice to come');
      await page.getByLabel('What happened', { exact: true }).fill('We will be told in March.');
      await continueOn(page);
      await continueOn(page);
      expect(await page.locator('#becameAwareOn-day').inputValue()).toBe('');
      expect(await page.locator('#calculator').innerText()).toContain('From the calculator, undertaking 4.5 is ticked. Change it');
    });

    /** Posts the raise form as a browser would (its session and form token), with these fields. */
    async function postRaiseForm(fields: Record<string, string>) {
      await page.goto(`/cases/new?respondent=${p.orgs.council}`);
      const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
      const form = {
        _csrf: csrf,
        respondent: p.orgs.council,
        kind: 'breach',
        title: 'Forged result',
        summary: 'The form says the notice was long enough.',
        'becameAwareOn-day': '20',
        'becameAwareOn-month': '11',
        'becameAwareOn-year': '2026',
        undertakings: '4.5',
        ...fields,
      };
      return page.request.post('/cases/new', { form, maxRedirects: 0 });
    }

    it('never takes a result from the form: only the dates, worked out again on the server', async () => {
      const res = await postRaiseForm({
        about: 'notice',
        given: '2026-11-20',
        ends: '2027-01-31',
        enough: 'true',
        shortfallDays: '0',
        result: '{"enough":true}',
        explanation: 'Plenty of notice.',
      });
      expect(res.status()).toBe(303);
      const caseId = /\/cases\/new\/raised\/([0-9a-f-]{36})/.exec(res.headers().location)![1];
      const entry = await firstEntry(caseId, p.vcs.token);
      expect(entry.payload.calculator).toMatchObject({ given: '2026-11-20', ends: '2027-01-31', result: { enough: false, shortfallDays: 20 } });
      expect(entry.payload.calculator.explanation).not.toContain('Plenty');
    });

    it('refuses calculator dates it cannot use with a 400 page, raising nothing', async () => {
      const before = (await t.api.get('/api/v1/cases?limit=100', p.vcs.token)).body.items.length;
      const res = await postRaiseForm({ about: 'notice', given: '2026-12-01', ends: '2026-11-30' });
      expect(res.status()).toBe(400);
      const html = await res.text();
      expect(html).toContain('There is a problem');
      expect(html).toContain('The calculator result: ends (2026-11-30) is before given (2026-12-01)');
      const unreal = await postRaiseForm({ about: 'consultation', opens: '2026-02-30', closes: '' });
      expect(unreal.status()).toBe(400);
      expect((await t.api.get('/api/v1/cases?limit=100', p.vcs.token)).body.items.length).toBe(before);
    });
  });

  it('offers “Raise a case about this” only to those who raise cases: not to a signed-in board member', async () => {
    const board = await h.page(true);
    await signIn(board, receiver, 'user7@example.org', t.baseUrl, checker, 'board-sign-in');
    await board.goto('/tools/notice?given-day=1&given-month=12&given-year=2026&ends-day=31&ends-month=1&ends-year=2027');
    await board.locator('#result-headline').waitFor();
    await checker.check(board, 'board-notice-result');
    expect(await board.getByRole('button', { name: 'Raise a case about this' }).count()).toBe(0);
    expect(await board.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calculators' }).count()).toBe(1);
  });

  it('answers an address typed by hand with odd fields as a page, never a 500', async () => {
    for (const [query, status] of [
      ['given-day=1&given-day=2&given-month=12&given-year=2026', 400],
      ['given-day=%00&ends-year=99999999999', 400],
      ['ends-month[x]=1&given=2026-12-01', 200], // no box of the form: the empty form
    ] as const) {
      const res = await fetch(`${t.baseUrl}/tools/notice?${query}`);
      expect([query, res.status]).toEqual([query, status]);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
    const raise = await fetch(`${t.baseUrl}/cases/new?about=notice&given=nonsense`, { redirect: 'manual' });
    expect(raise.status).toBe(303); // signed out: to sign in, as any raise page
    expect(raise.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent('/cases/new?about=notice&given=nonsense')}`);
  });
});
