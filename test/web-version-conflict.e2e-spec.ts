import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { breachOf45, Parties } from './support/parties.fixture';
import { TestApp } from './support/test-app';
import { actionForm } from './support/web-case-page';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(90_000);

/*
 * Two tabs, or two colleagues: the page a person fills in was read before someone else changed the
 * case. What they send is refused (the version moved on), and the page says what changed meanwhile
 * and keeps what they typed: in its form, open, when the action is still offered; in the banner
 * when it no longer is. Nothing they sent is applied.
 */
describe('web: a form sent after the case changed keeps what was typed', () => {
  const h = new WebHarness('version-conflict');
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;
  let vcs: Page;
  let council: Page;
  let caseId: string;

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    [vcs, council] = [await h.page(false), await h.page(false)];
    await signIn(vcs, h.receiver, 'user1@example.org', t.baseUrl, checker, 'conflict-vcs-sign-in');
    await signIn(council, h.receiver, 'user3@example.org', t.baseUrl, checker, 'conflict-council-sign-in');
    caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
  });
  afterAll(() => h.stop());

  const notes = async () =>
    ((await t.api.get(`/api/v1/cases/${caseId}/history`, p.vcs.token)).body.entries as Array<{ eventType: string; payload: { note?: string } }>)
      .filter((e) => e.eventType === 'ADD_NOTE')
      .map((e) => e.payload.note);

  const fillAndSend = async (page: Page, type: string, note: string) => {
    const form = actionForm(page, type);
    await form.locator('summary').click();
    await form.locator('[name="note"]').fill(note);
    await Promise.all([page.waitForNavigation(), form.locator(`#submit-${type.toLowerCase()}`).click()]);
  };

  it('keeps the note in its open form and names what changed, when the action is still offered', async () => {
    await vcs.goto(`/cases/${caseId}`);
    await vcs.getByRole('heading', { level: 1 }).waitFor();
    // Meanwhile, the council acknowledges the case (another person, another tab).
    expect((await t.api.event(caseId, { type: 'ACKNOWLEDGE', note: 'Received.' }, p.council.token)).status).toBe(200);
    await fillAndSend(vcs, 'ADD_NOTE', 'Our finance lead will join the meeting.');

    const banner = await vcs.locator('.govuk-notification-banner').first().innerText();
    expect(banner).toContain('Someone else changed this case while you were deciding');
    expect(banner).toContain('Southampton City Council acknowledged the case');
    expect(banner).toContain('What you typed is kept in the form below');
    expect(await actionForm(vcs, 'ADD_NOTE').getAttribute('open')).not.toBeNull();
    expect(await actionForm(vcs, 'ADD_NOTE').locator('[name="note"]').inputValue()).toBe('Our finance lead will join the meeting.');
    await checker.check(vcs, 'conflict-kept-in-form');
    expect(await notes()).toEqual([]); // nothing was applied

    // Sent again from the kept form, it goes through.
    await Promise.all([vcs.waitForNavigation(), actionForm(vcs, 'ADD_NOTE').locator('#submit-add_note').click()]);
    expect(await notes()).toEqual(['Our finance lead will join the meeting.']);
  });

  it('shows what was typed in the banner when the action is no longer possible', async () => {
    const second = (await t.api.post('/api/v1/cases', breachOf45(p, { title: 'A second case' }), p.vcs.token)).body.id as string;
    await council.goto(`/cases/${second}`);
    await council.getByRole('heading', { level: 1 }).waitFor();
    // The same person acknowledges it first in another tab (or through the API).
    expect((await t.api.event(second, { type: 'ACKNOWLEDGE' }, p.council.token)).status).toBe(200);
    await fillAndSend(council, 'ACKNOWLEDGE', 'We will reply in full by Friday.');

    const banner = await council.locator('.govuk-notification-banner').first().innerText();
    expect(banner).toContain('Southampton City Council acknowledged the case');
    expect(banner).toContain('“Acknowledge the case” is no longer possible at this stage. What you typed:');
    expect(banner).toContain('Note: We will reply in full by Friday.');
    await checker.check(council, 'conflict-kept-in-banner');
    const history = (await t.api.get(`/api/v1/cases/${second}/history`, p.council.token)).body.entries as Array<{ eventType: string }>;
    expect(history.filter((e) => e.eventType === 'ACKNOWLEDGE')).toHaveLength(1);
  });
});
