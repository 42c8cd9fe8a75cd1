import { Locator, Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { breachOf45, Parties } from './support/parties.fixture';
import { TestApp } from './support/test-app';
import { act, escalationPath } from './support/web-case-page';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(90_000);

/*
 * A v2 agreement in a real browser, as the council officer and the charity worker would do it:
 * a proposal with an action made in the page's form, shown in full to the party that must answer;
 * accepted, it becomes the agreement shown near the top with each action's due date and where it
 * stands; more time asked for and agreed moves that date (the history says from and to); the action
 * reported done and confirmed resolves the case. Every page passes axe (the harness's checker).
 */
describe('web: an agreement of compact-dispute v2 followed up in the pages', () => {
  const h = new WebHarness('agreements');
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;
  let vcs: Page;
  let council: Page;
  let caseId: string;

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    [vcs, council] = [await h.page(), await h.page()];
    await signIn(vcs, h.receiver, 'user1@example.org', t.baseUrl, checker, 'vcs-sign-in');
    await signIn(council, h.receiver, 'user3@example.org', t.baseUrl, checker, 'council-sign-in');
    caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    expect((await t.api.event(caseId, { type: 'ACKNOWLEDGE' }, p.council.token)).status).toBe(200);
  });
  afterAll(() => h.stop());

  const open = async (page: Page) => {
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
  };
  /** The rows of the summary list under the heading `heading`, as "key: value" lines. */
  const block = async (page: Page, heading: string): Promise<string[]> => {
    const list = page.locator(`h2:text-is("${heading}") + dl`);
    const rows: string[] = [];
    for (const row of await list.locator('.govuk-summary-list__row').all()) {
      const [key, value] = (await row.locator('dt, dd').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
      rows.push(`${key}: ${value}`);
    }
    return rows;
  };
  const timelineText = async (page: Page) => (await page.locator('.moj-timeline').innerText()).replace(/\s+/g, ' ');

  it('shows a proposal with an action in full to the party that must answer it', async () => {
    await open(council);
    await act(council, 'PROPOSE_RESOLUTION', async (form: Locator) => {
      await form.getByLabel('Proposal', { exact: true }).fill('We will explain our decision in writing.');
      const row = form.locator('fieldset.app-action-row').first();
      await row.getByLabel('Southampton City Council').check();
      await row.getByLabel('What they will do').fill('Send the written rationale for ending the grant.');
      await row.getByLabel('Or within this many working days of the agreement').fill('5');
    });
    await open(vcs);
    await checker.check(vcs, 'proposal-with-terms');
    expect(await block(vcs, 'Proposal awaiting an answer')).toEqual([
      'Proposed by: Southampton City Council, on Tuesday 1 December 2026',
      'Proposal: We will explain our decision in writing.',
      'Action 1 offered: Southampton City Council: Send the written rationale for ending the grant. (within 5 working days of the agreement)',
      'Must be answered by: Hope Community Trust',
    ]);
    expect(await timelineText(vcs)).toContain(
      'Actions offered: (1) the respondent: Send the written rationale for ending the grant. (within 5 working days of the agreement)',
    );
  });

  it('shows the accepted proposal as the agreement, each action with its date and where it stands', async () => {
    await act(vcs, 'ACCEPT_RESOLUTION');
    await checker.check(vcs, 'agreement');
    expect(await vcs.locator('h2:text-is("Proposal awaiting an answer")').count()).toBe(0);
    expect(await block(vcs, 'Agreement')).toEqual([
      'Reached: in negotiation, on Tuesday 1 December 2026',
      'Agreement: We will explain our decision in writing.',
      'Action 1: Southampton City Council: Send the written rationale for ending the grant. (by Tuesday 8 December 2026). Not done yet.',
    ]);
    expect((await escalationPath(vcs)).current).toEqual(['Agreement carried out']);
  });

  it('moves the action’s date when more time is asked for and agreed, and says so in the history', async () => {
    await open(council);
    await act(council, 'REQUEST_EXTENSION', async (form: Locator) => {
      await form.getByLabel(/An agreed action is due: Send the written rationale/).check();
      await form.getByRole('textbox', { name: 'Working days more' }).fill('3');
      await form.getByLabel('Reason').fill('The officer who knows the file is away.');
    });
    await open(vcs);
    await act(vcs, 'AGREE_EXTENSION');
    await checker.check(vcs, 'agreement-extended');
    expect((await block(vcs, 'Agreement'))[2]).toContain('(by Friday 11 December 2026)');
    expect(await timelineText(vcs)).toContain(
      'Deadline moved: An agreed action is due, from Tuesday 8 December 2026 to Friday 11 December 2026 (3 working days more)',
    );
  });

  it('resolves the case once the action is reported done and confirmed', async () => {
    await open(council);
    await act(council, 'ACTION_DONE', async (form: Locator) => {
      await form.getByLabel('Send the written rationale for ending the grant.').check();
      await form.getByLabel('What was done (optional)').fill('Letter sent by post and email.');
    });
    await open(vcs);
    expect((await block(vcs, 'Agreement'))[2]).toContain(
      'Reported done on Tuesday 1 December 2026 ("Letter sent by post and email."); Hope Community Trust to confirm.',
    );
    await act(vcs, 'ACTION_CONFIRMED', async (form: Locator) => {
      await form.getByLabel('Send the written rationale for ending the grant.').check();
    });
    await checker.check(vcs, 'agreement-kept');
    expect((await block(vcs, 'Agreement'))[2]).toContain('Done, confirmed by Hope Community Trust on Tuesday 1 December 2026.');
    expect((await escalationPath(vcs)).current).toEqual(['Resolved']);
    expect((await t.api.get(`/api/v1/cases/${caseId}`, p.vcs.token)).body.statePath).toBe('resolved');
  });
});
