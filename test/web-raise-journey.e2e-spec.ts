import { formatLongDate } from '@compact/calendar';
import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { Parties } from './support/parties.fixture';
import { answerJourney, BREACH_OF_45, continueOn, fillDate, raiseFromCheck, raiseThroughJourney } from './support/raise-journey';
import { ADMIN_TOKEN, TestApp } from './support/test-app';
import { changedTables, settledDump } from './support/web-db';
import { expectErrorSummary, submit } from './support/web-forms';
import { WebHarness } from './support/web-harness';
import { csrfTokenOf, signIn, waitForMail } from './support/web-sign-in';

jest.setTimeout(120_000);

/*
 * Raising a case, one question a page: every page checked with axe, with and without JavaScript;
 * all of a page's problems at once; Change on check your answers and back; the confirmation with
 * what happens next and by when, read from the case; and an organisation where nobody can sign in.
 */
describe('web: the raise journey', () => {
  const h = new WebHarness('raise-journey');
  const { receiver } = h;
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;
  let vcs: Page;

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    vcs = await h.page();
    await signIn(vcs, receiver, 'user1@example.org', t.baseUrl);
  });

  afterAll(() => h.stop());

  /** What the case's own deadlines say the claimant waits for: the respondent's acknowledgement, by its date in words. */
  async function acknowledgementDue(caseId: string): Promise<string> {
    const view = (await t.api.get(`/api/v1/cases/${caseId}`, p.vcs.token)).body;
    const deadline = view.deadlines.find((d: any) => d.purpose === 'deadline' && /acknowledges/i.test(d.label));
    expect(deadline).toBeDefined();
    return formatLongDate(deadline.dueDate);
  }

  it.each([
    ['with JavaScript', true],
    ['without JavaScript', false],
  ])('raises a breach %s, each page passing axe, and confirms what happens next and by when', async (how, js) => {
    const page = js ? vcs : await h.page(false);
    if (!js) await signIn(page, receiver, 'user1@example.org', t.baseUrl);
    const label = js ? 'js' : 'nojs';
    const id = await raiseThroughJourney(page, { ...BREACH_OF_45, outcome: 'Reinstate funding for the notice period.', title: `Notice not given (${how})` }, { checker, label });
    await checker.check(page, `${label}-confirmation`);
    const panel = page.locator('.govuk-panel');
    expect(await panel.locator('.govuk-panel__title').innerText()).toBe('Case raised');
    const view = (await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body;
    expect(await panel.innerText()).toContain(view.reference);
    expect(await page.locator('#what-next').innerText()).toBe(`Waiting for Southampton City Council to acknowledge the case, by ${await acknowledgementDue(id)}.`);
    expect(await page.locator('#who-told').innerText()).toBe('We have emailed Southampton City Council to tell them about the case.');
    // And so it was; no administrator is troubled when someone there can sign in.
    await waitForMail(receiver, (m) => m.to.includes('user3@example.org') && (m.subject ?? '').endsWith(`A case has been raised: Notice not given (${how})`));
    expect(receiver.messages.some((m) => /Nobody at Southampton City Council/.test(m.subject ?? ''))).toBe(false);
    expect(view).toMatchObject({
      kind: 'breach',
      title: `Notice not given (${how})`,
      summary: 'Our grant was ended with two weeks notice.',
      desiredOutcome: 'Reinstate funding for the notice period.',
      becameAwareOn: '2026-11-02',
      parties: { respondent: { id: p.orgs.council } },
    });
    expect(view.citedUndertakings.map((u: any) => u.id)).toEqual(['4.5']);
    await page.getByRole('button', { name: 'Go to the case' }).click();
    expect(new URL(page.url()).pathname).toBe(`/cases/${id}`);
  });

  it('shows every problem of a page at once, in GOV.UK words, keeping what was typed, and saves nothing', async () => {
    const before = await settledDump(t);
    await vcs.goto('/cases/new');
    let response = await continueOn(vcs);
    await expectErrorSummary(vcs, response, [{ text: 'Choose the organisation the case is against', href: '#respondent' }]);
    await checker.check(vcs, 'error-respondent');
    await vcs.getByLabel('Southampton City Council', { exact: true }).check();
    await continueOn(vcs);
    response = await continueOn(vcs);
    await expectErrorSummary(vcs, response, [{ text: 'Choose whether it is a breach of an undertaking or a disagreement', href: '#kind' }]);
    await vcs.getByLabel('An alleged breach of an undertaking').check();
    await continueOn(vcs);
    response = await continueOn(vcs);
    await checker.check(vcs, 'error-undertakings');
    await expectErrorSummary(vcs, response, [{ text: 'Choose at least one undertaking that binds public bodies and agencies', href: '#undertakings-1' }]);
    await vcs.locator('input[name="undertakings"][value="4.5"]').check();
    await continueOn(vcs);
    response = await continueOn(vcs);
    await checker.check(vcs, 'error-details');
    await expectErrorSummary(vcs, response, [
      { text: 'Enter a title', href: '#title' },
      { text: 'Enter what happened', href: '#summary' },
    ]);
    await vcs.getByLabel('Title', { exact: true }).fill('x'.repeat(201));
    await vcs.getByLabel('What happened', { exact: true }).fill('Kept after the error');
    response = await continueOn(vcs);
    await expectErrorSummary(vcs, response, [{ text: 'Title must be 200 characters or fewer', href: '#title' }]);
    expect(await vcs.getByLabel('What happened', { exact: true }).inputValue()).toBe('Kept after the error');
    await vcs.getByLabel('Title', { exact: true }).fill('A title');
    await continueOn(vcs);
    await continueOn(vcs); // what you want to happen is optional
    response = await continueOn(vcs);
    await checker.check(vcs, 'error-aware');
    await expectErrorSummary(vcs, response, [{ text: 'Enter the date you became aware of the matter', href: '#becameAwareOn-day' }]);
    await fillDate(vcs, 'becameAwareOn', ['2', '12', '2026']); // the harness's today is 1 December 2026
    await fillDate(vcs, 'decisionDate', ['31', '2', '2026']);
    response = await continueOn(vcs);
    await expectErrorSummary(vcs, response, [
      { text: 'The date you became aware of the matter must be today or in the past', href: '#becameAwareOn-day' },
      { text: 'The date of the decision must be a real date', href: '#decisionDate-day' },
    ]);
    expect(await vcs.locator('#decisionDate-day').inputValue()).toBe('31');
    expect(changedTables(before, await settledDump(t))).toEqual([]);
  });

  it('refuses a breach between two organisations of the same side, with the reason', async () => {
    await vcs.goto('/cases/new');
    await vcs.getByLabel('Riverside Youth Project', { exact: true }).check();
    await continueOn(vcs);
    expect(await vcs.getByLabel('A disagreement').isChecked()).toBe(true);
    await vcs.getByLabel('An alleged breach of an undertaking').check();
    const response = await continueOn(vcs);
    await expectErrorSummary(vcs, response, [
      { text: /^A breach cannot be raised between two voluntary and community organisations: the Compact's undertakings bind each side towards the other/, href: '#kind' },
    ]);
  });

  it('searches the undertakings by their words, keeping those chosen that the search hides', async () => {
    await vcs.goto('/cases/new');
    await vcs.getByLabel('Southampton City Council', { exact: true }).check();
    await continueOn(vcs);
    await vcs.getByLabel('An alleged breach of an undertaking').check();
    await continueOn(vcs);
    await vcs.locator('input[name="undertakings"][value="2.4"]').check();
    await vcs.getByLabel('Search the undertakings').fill('three months');
    await submit(vcs, vcs.getByRole('button', { name: 'Search', exact: true }));
    await checker.check(vcs, 'undertakings-search');
    const shown = await vcs.locator('input[type="checkbox"][name="undertakings"]').evaluateAll((b) => b.map((i) => (i as any).value));
    expect(shown).toContain('4.5');
    expect(shown).not.toContain('2.4');
    expect(await vcs.locator('#search-result').innerText()).toMatch(/^1 undertaking matches ‘three months’\. 1 you chose is not shown and will stay chosen\.$/);
    await vcs.locator('input[name="undertakings"][value="4.5"]').check();
    await continueOn(vcs);
    await vcs.getByLabel('Title', { exact: true }).fill('Two undertakings');
    await vcs.getByLabel('What happened', { exact: true }).fill('Both were broken.');
    await continueOn(vcs);
    await continueOn(vcs);
    await fillDate(vcs, 'becameAwareOn', ['2', '11', '2026']);
    await continueOn(vcs);
    expect(await vcs.locator('#answers').innerText()).toMatch(/Undertakings cited\s+2\.4 [^\n]+\n+4\.5 /);
  });

  it('Change returns to that question, then back to check your answers with everything else kept', async () => {
    await answerJourney(vcs, { ...BREACH_OF_45, title: 'Before the change' });
    await submit(vcs, vcs.locator('#change-title'));
    expect(await vcs.getByLabel('Title', { exact: true }).inputValue()).toBe('Before the change');
    await vcs.getByLabel('Title', { exact: true }).fill('After the change');
    await continueOn(vcs);
    await vcs.getByRole('heading', { name: 'Check your answers before raising the case' }).waitFor();
    const answers = await vcs.locator('#answers').innerText();
    expect(answers).toMatch(/Title\s+After the change/);
    expect(answers).toMatch(/Date you became aware of the matter\s+Monday 2 November 2026/);
    expect(answers).toMatch(/Undertakings cited\s+4\.5 /);
    // Changing the kind to a disagreement keeps the undertakings; going back to check needs no other page.
    await submit(vcs, vcs.locator('#change-kind'));
    await vcs.getByLabel('A disagreement').check();
    await continueOn(vcs);
    expect(await vcs.locator('#answers').innerText()).toMatch(/Kind of case\s+A disagreement/);
    const id = /\/cases\/new\/raised\/([0-9a-f-]{36})$/.exec((await raiseFromCheck(vcs), vcs.url()))![1];
    expect((await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body).toMatchObject({ title: 'After the change', kind: 'disagreement' });
  });

  it('refuses a page sent without the form token, and answers odd hand-made pages as pages, never a 500', async () => {
    await vcs.goto('/cases/new');
    const csrf = await csrfTokenOf(vcs);
    const forged = await vcs.request.post('/cases/new/answers', { form: { step: 'details', title: 'x', summary: 'y' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    const odd = await vcs.request.post('/cases/new/answers', {
      form: { _csrf: csrf, step: 'nonsense', go: 'change:nonsense', respondent: 'not-an-id', kind: 'neither' },
      maxRedirects: 0,
    });
    expect(odd.status()).toBe(200);
    expect(await odd.text()).toContain('Which organisation is the case against?');
    // Raising with answers missing goes to the first page that needs one, with its problems, keeping the rest.
    const early = await vcs.request.post('/cases/new', { multipart: { _csrf: csrf, respondent: p.orgs.council, kind: 'breach', title: 'Kept' }, maxRedirects: 0 });
    expect(early.status()).toBe(400);
    const html = await early.text();
    expect(html).toContain('Choose at least one undertaking that binds public bodies and agencies');
    expect(html).toContain('name="title" value="Kept"');
    const unknown = await vcs.request.get('/cases/new/raised/00000000-0000-4000-8000-000000000000');
    expect(unknown.status()).toBe(404);
  });

  it('says before raising that nobody at the organisation can sign in, and emails an administrator once it is raised', async () => {
    const created = await t.api.post('/api/v1/organisations', { name: 'Itchen Food Bank', kind: 'vcs' }, ADMIN_TOKEN);
    expect(created.status).toBe(201);
    const council = await h.page();
    await signIn(council, receiver, 'user3@example.org', t.baseUrl);
    await answerJourney(council, { respondent: 'Itchen Food Bank', kind: 'breach', undertakings: ['4.6'], title: 'Monitoring returns not sent', summary: 'No returns for two quarters.', aware: ['2', '11', '2026'] });
    await checker.check(council, 'check-nobody-can-sign-in');
    expect(await council.locator('#nobody-can-sign-in').innerText()).toContain(
      'Nobody at Itchen Food Bank can sign in to this service yet, so nobody there will be emailed about the case.',
    );
    const seen = receiver.messages.length;
    await raiseFromCheck(council);
    await checker.check(council, 'confirmation-nobody-can-sign-in');
    const told = await council.locator('#who-told').innerText();
    expect(told).toContain('Nobody at Itchen Food Bank can sign in to this service yet, so nobody there has been emailed.');
    expect(told).not.toMatch(/We have emailed Itchen/);
    const mail = await waitForMail(receiver, (m) => /Nobody at Itchen Food Bank can sign in/.test(m.subject ?? ''), seen);
    expect(mail.to).toContain('admin@localhost');
    expect(mail.body).toContain('Southampton City Council has raised a case against Itchen Food Bank');
    expect(mail.body).toMatch(/\/admin\b/);
    // Nobody at the food bank was written to: there is nobody there.
    expect(receiver.messages.slice(seen).every((m) => m.to.every((a) => !/food/i.test(a)))).toBe(true);
  });
});
