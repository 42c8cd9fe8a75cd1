import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { breachOf45, Parties } from './support/parties.fixture';
import { TestApp } from './support/test-app';
import { nextMoveOf } from './support/web-case-page';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(90_000);

/*
 * The banner at the top of a case page tells the person looking what happens next: their own move
 * (what, by when, how long is left, what happens if they do not, and the main action as a button
 * that opens its form, without JavaScript too), or whom the case waits for and by when, or that
 * nobody has to act. It is derived from the case's workflow, for every version alike.
 */
describe('web: the case page says whose move it is', () => {
  const h = new WebHarness('next-move');
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;
  let vcs: Page;
  let council: Page;
  let board: Page;
  let caseId: string;

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    [vcs, council, board] = [await h.page(), await h.page(false), await h.page()];
    await signIn(vcs, h.receiver, 'user1@example.org', t.baseUrl, checker, 'next-move-vcs-sign-in');
    await signIn(council, h.receiver, 'user3@example.org', t.baseUrl, checker, 'next-move-council-sign-in');
    await signIn(board, h.receiver, 'user7@example.org', t.baseUrl, checker, 'next-move-board-sign-in');
    // Raised on Tuesday 1 December 2026 (the harness's clock): 5 working days to acknowledge.
    caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
  });
  afterAll(() => h.stop());

  const open = async (page: Page, name: string) => {
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await checker.check(page, name);
    return nextMoveOf(page);
  };

  it("tells the respondent what it must do, by when and what happens if it does not, with the action as a button (no JavaScript)", async () => {
    expect(await open(council, 'next-move-respondent')).toEqual({
      text:
        'Your move You must acknowledge the case by Tuesday 8 December 2026 (5 working days left). ' +
        'If you do not, Hope Community Trust may take the case to a mediator or to the formal route.',
      action: expect.stringMatching(/^Acknowledge/),
    });
    // The same action leads the page's actions, under its own heading; the others are grouped below it.
    const headings = (await council.locator('h2:text("What you can do now") ~ h3').allInnerTexts()).map((h) => h.trim());
    expect(headings).toEqual(['Your next step', 'Other things you can do']);
    const actions = await council.locator('details[id^="action-"]').evaluateAll((ds) => ds.map((d) => d.id));
    expect(actions[0]).toBe('action-acknowledge');
    expect(actions.length).toBeGreaterThan(1);
    expect(await council.locator('#main-action-heading + details').getAttribute('id')).toBe('action-acknowledge');
    // The button opens the action's form on the page (a link: it works without JavaScript).
    expect(await council.locator('#action-acknowledge').getAttribute('open')).toBeNull();
    await council.locator('#next-move-action').click();
    await council.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(council.url()).searchParams.get('act')).toBe('ACKNOWLEDGE');
    expect(await council.locator('#action-acknowledge').getAttribute('open')).not.toBeNull();
    await checker.check(council, 'next-move-respondent-form-open');
  });

  it('lists the same move on /cases: the respondent reads its own, the claimant whom it waits for, each with the date', async () => {
    const rowOf = async (page: Page, name: string) => {
      await page.goto('/cases');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await checker.check(page, name);
      const headers = (await page.locator('table.govuk-table thead th').allInnerTexts()).map((h) => h.trim());
      const row = page.locator('table.govuk-table tbody tr').filter({ has: page.locator(`a[href="/cases/${caseId}"]`) });
      const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
      return Object.fromEntries(headers.map((h, i) => [h, cells[i]]));
    };
    const respondent = await rowOf(council, 'next-move-list-respondent');
    expect(respondent['Your move']).toBe('You must acknowledge the case');
    expect(respondent['Next deadline']).toBe('Tuesday 8 December 2026');
    const claimant = await rowOf(vcs, 'next-move-list-claimant');
    expect(claimant['Your move']).toBe('Waiting for Southampton City Council to acknowledge the case');
    expect(claimant['Next deadline']).toBe('Tuesday 8 December 2026');
    // The API's list carries the same move.
    const listed = (await t.api.get('/api/v1/cases', p.council.token)).body.items.find((c: { id: string }) => c.id === caseId);
    expect(listed.nextMove).toEqual({ yours: true, who: ['Southampton City Council'], todo: 'acknowledge the case', dueDate: '2026-12-08' });
  });

  it('tells the claimant and the board whom the case waits for, and by when', async () => {
    const claimant = await open(vcs, 'next-move-claimant');
    expect(claimant.text).toMatch(/^Waiting for Southampton City Council to acknowledge the case, by Tuesday 8 December 2026\./);
    const reader = await open(board, 'next-move-board');
    expect(reader).toEqual({ text: 'Waiting for Southampton City Council to acknowledge the case, by Tuesday 8 December 2026.', action: null });
  });

  it('moves on with the case: a proposal made is for the other party to answer, named', async () => {
    expect((await t.api.event(caseId, { type: 'ACKNOWLEDGE' }, p.council.token)).status).toBe(200);
    const proposal = await t.api.event(caseId, { type: 'PROPOSE_RESOLUTION', proposal: 'We will restore the grant for three months.' }, p.council.token);
    expect(proposal.status).toBe(200);
    const claimant = await open(vcs, 'next-move-claimant-answers');
    expect(claimant.text).toMatch(/^Your move You must answer Southampton City Council['’]s proposal by \w+day \d{1,2} \w+ 2026 \(\d+ working days? left\)\. If you do not, /);
    expect(claimant.action).not.toBeNull();
    const respondent = await open(council, 'next-move-respondent-waits');
    expect(respondent.text).toMatch(/^Waiting for Hope Community Trust to answer Southampton City Council['’]s proposal, by /);
  });

  it('says when nobody has to act: the case withdrawn', async () => {
    expect((await t.api.event(caseId, { type: 'WITHDRAW', reason: 'Settled informally.' }, p.vcs.token)).status).toBe(200);
    expect(await open(vcs, 'next-move-ended')).toEqual({ text: 'Nobody has to act on this case now.', action: null });
  });
});
