import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { breachOf45, Parties } from './support/parties.fixture';
import { TestApp } from './support/test-app';
import { actionForm } from './support/web-case-page';
import { WebHarness } from './support/web-harness';
import { signIn } from './support/web-sign-in';

jest.setTimeout(90_000);

/*
 * An act that ends the case (the workflow reaches a final state: withdrawing it, closing it) cannot
 * be taken back. Its form has the GOV.UK warning button, and sending it leads first to a page that
 * asks "Are you sure…?", showing what the person entered, with "Yes, …" (a warning button) and a
 * way back. Nothing changes until they say yes. Without JavaScript, as every page works.
 */
describe('web: an act that ends the case is confirmed first', () => {
  const h = new WebHarness('confirm-ending');
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;
  let vcs: Page;
  let caseId: string;

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    vcs = await h.page(false);
    await signIn(vcs, h.receiver, 'user1@example.org', t.baseUrl, checker, 'confirm-ending-sign-in');
    caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
  });
  afterAll(() => h.stop());

  const stateOf = async () => (await t.api.get(`/api/v1/cases/${caseId}`, p.vcs.token)).body.state as string;
  const historyTypes = async () => ((await t.api.get(`/api/v1/cases/${caseId}/history`, p.vcs.token)).body.entries as Array<{ eventType: string }>).map((e) => e.eventType);

  const askToWithdraw = async (reason: string) => {
    await vcs.goto(`/cases/${caseId}`);
    await vcs.getByRole('heading', { level: 1 }).waitFor();
    const form = actionForm(vcs, 'WITHDRAW');
    await form.locator('summary').click();
    await form.locator('textarea[name="reason"], input[name="reason"]').fill(reason);
    await Promise.all([vcs.waitForNavigation(), form.locator('#submit-withdraw').click()]);
  };

  it('offers withdrawing with a warning button; the API marks it as ending the case, and not the others', async () => {
    await vcs.goto(`/cases/${caseId}`);
    await vcs.getByRole('heading', { level: 1 }).waitFor();
    expect(await actionForm(vcs, 'WITHDRAW').locator('#submit-withdraw').getAttribute('class')).toContain('govuk-button--warning');
    expect(await actionForm(vcs, 'ADD_NOTE').locator('#submit-add_note').getAttribute('class')).not.toContain('govuk-button--warning');
    await checker.check(vcs, 'confirm-ending-case-page');
    const view = (await t.api.get(`/api/v1/cases/${caseId}`, p.vcs.token)).body;
    expect(view.endingEvents).toEqual(['WITHDRAW']);
    expect(view.allowedEvents).toEqual(expect.arrayContaining(['WITHDRAW', 'ADD_NOTE']));
  });

  it('asks "Are you sure…?" with what was entered, and changes nothing when the person goes back', async () => {
    const before = await historyTypes();
    await askToWithdraw('Settled over the phone.');
    expect(await vcs.getByRole('heading', { level: 1 }).innerText()).toBe('Are you sure you want to withdraw the case?');
    expect(await vcs.locator('.govuk-warning-text').innerText()).toContain('cannot be undone');
    expect(await vcs.locator('.govuk-summary-list').innerText()).toContain('Settled over the phone.');
    expect(await vcs.locator('#confirm-ending').getAttribute('class')).toContain('govuk-button--warning');
    await checker.check(vcs, 'confirm-ending-question');
    expect(await stateOf()).toBe('raised');
    expect(await historyTypes()).toEqual(before);

    await Promise.all([vcs.waitForNavigation(), vcs.locator('#cancel-ending').click()]);
    expect(new URL(vcs.url()).pathname).toBe(`/cases/${caseId}`);
    expect(await stateOf()).toBe('raised');
  });

  it('withdraws the case, with the reason entered, once the person says yes', async () => {
    await askToWithdraw('Resolved informally.');
    await Promise.all([vcs.waitForNavigation(), vcs.locator('#confirm-ending').click()]);
    expect(await vcs.locator('.govuk-notification-banner').innerText()).toContain('Done: Withdraw the case');
    expect(await stateOf()).toBe('closed');
    const history = (await t.api.get(`/api/v1/cases/${caseId}/history`, p.vcs.token)).body.entries as Array<{ eventType: string; payload: Record<string, unknown> }>;
    const withdrawn = history.filter((e) => e.eventType === 'WITHDRAW');
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0].payload).toMatchObject({ reason: 'Resolved informally.' });
    await checker.check(vcs, 'confirm-ending-done');
  });
});
