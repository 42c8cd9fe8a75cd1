import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { breachOf45, Parties } from './support/parties.fixture';
import { ADMIN_TOKEN, TestApp } from './support/test-app';
import { WebHarness } from './support/web-harness';
import { actionForm } from './support/web-case-page';
import { changedTables, settledDump } from './support/web-db';
import { expectErrorSummary, submit } from './support/web-forms';
import { continueOn, fillDate, raiseFromCheck, raiseThroughJourney } from './support/raise-journey';
import { followLink, signIn, signInLink, waitForMail } from './support/web-sign-in';
import { listOutbox } from './support/outbox-listing';

jest.setTimeout(90_000);

/*
 * Forms refuse bad input with the GOV.UK error summary and save nothing; the raise-a-case form
 * offers only the undertakings that bind the respondent's side; the administrator's invitation
 * arrives with a working sign-in link; undeliverable mail shows on /admin with a Retry button.
 */
describe('web forms: the error summary, nothing saved, undertakings offered, invitations and failed mail', () => {
  const h = new WebHarness('forms', { MAIL_MAX_ATTEMPTS: '2', MAIL_RETRY_BASE_MS: '10' });
  const { receiver, clock } = h;
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;
  let vcs: Page;

  const PUBLIC_BODY_UNDERTAKINGS = [
    '1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6',
    '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.11a', '3.12', '3.13',
    '4.1', '4.2', '4.3', '4.4', '4.5', '5.1', '5.2', '5.3',
  ];
  const VCS_UNDERTAKINGS = ['1.6', '1.7', '2.7', '2.8', '2.9', '3.14', '3.15', '3.16', '3.17', '3.18', '3.19', '3.20', '4.6', '4.7', '4.8', '4.9', '5.4', '5.5'];

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
    vcs = await freshPage();
    await signIn(vcs, receiver, 'user1@example.org', t.baseUrl, checker, 'vcs-sign-in');
  });

  afterAll(() => h.stop());

  const freshPage = (javaScriptEnabled = true): Promise<Page> => h.page(javaScriptEnabled);

  async function outbox(status: string): Promise<any[]> {
    return listOutbox(t.api, ADMIN_TOKEN, status);
  }

  /** Nothing written since `before` (compared table by table). */
  async function expectNothingSaved(before: string): Promise<void> {
    expect(changedTables(before, await settledDump(t))).toEqual([]);
  }

  // What a breach may cite is offered first; what only a disagreement may cite follows apart (ids undertakings-other-N).
  const offered = (page: Page) =>
    page.locator('input[name="undertakings"]:not([id^="undertakings-other-"])').evaluateAll((inputs) => inputs.map((i) => (i as any).value as string));
  const offeredForDisagreement = (page: Page) =>
    page.locator('input[name="undertakings"][id^="undertakings-other-"]').evaluateAll((inputs) => inputs.map((i) => (i as any).value as string));

  describe('raise a case', () => {
    /** Through the journey to the undertakings page, against `respondentName`, for a case of `kind`. */
    const openUndertakings = async (page: Page, respondentName: string, kind: 'breach' | 'disagreement') => {
      await page.goto('/cases/new');
      await page.getByLabel(respondentName, { exact: true }).check();
      await continueOn(page);
      await page.getByLabel(kind === 'breach' ? 'An alleged breach of an undertaking' : 'A disagreement').check();
      await continueOn(page);
      await page.getByRole('heading', { name: /^Which undertakings of the .* does the case cite\?$/, level: 1 }).waitFor();
    };
    /** From the undertakings page to the date page, with a valid title and summary. */
    const toDatePage = async (page: Page) => {
      await continueOn(page);
      await page.getByLabel('Title', { exact: true }).fill('Funding ended without three months notice');
      await page.getByLabel('What happened', { exact: true }).fill('Our grant was ended with two weeks notice.');
      await continueOn(page);
      await continueOn(page);
    };

    it('offers a VCS claimant only the undertakings that bind public bodies for a breach, grouped by section with their text', async () => {
      await openUndertakings(vcs, 'Southampton City Council', 'breach');
      await checker.check(vcs, 'new-case-vs-council');
      expect(await offered(vcs)).toEqual(PUBLIC_BODY_UNDERTAKINGS);
      expect(await offeredForDisagreement(vcs)).toEqual([]);
      const legends = (await vcs.locator('#undertakings legend').allInnerTexts()).map((l) => l.trim());
      expect(legends).toHaveLength(5);
      expect(legends.every((l, i) => l.startsWith(`${i + 1}. `))).toBe(true);
      expect(await vcs.getByRole('checkbox', { name: /^4\.5 Give at least three months notice in writing/ }).count()).toBe(1);
      expect(await vcs.getByText('For a breach, choose at least one of the undertakings that bind public bodies and agencies, the side of Southampton City Council.').isVisible()).toBe(true);
      // A disagreement may also cite those that bind the VCS, offered apart.
      await openUndertakings(vcs, 'Southampton City Council', 'disagreement');
      expect(await offered(vcs)).toEqual(PUBLIC_BODY_UNDERTAKINGS);
      expect(await offeredForDisagreement(vcs)).toEqual(VCS_UNDERTAKINGS);
    });

    it('lets a disagreement cite an undertaking that binds the claimant’s own side, as the API does (one citation rule)', async () => {
      const id = await raiseThroughJourney(vcs, {
        respondent: 'Southampton City Council',
        kind: 'disagreement',
        undertakings: ['1.6'],
        title: 'Who reports on the joint project',
        summary: 'We disagree about whose monitoring applies.',
        aware: ['2', '11', '2026'],
      });
      await vcs.goto(`/cases/${id}`);
      await vcs.getByText(/^1\.6\b/).first().waitFor();
    });

    it('offers a council claimant against a VCS organisation only the undertakings that bind the VCS, and refuses a hand-made one', async () => {
      const council = await freshPage();
      await signIn(council, receiver, 'user3@example.org', t.baseUrl);
      await openUndertakings(council, 'Hope Community Trust', 'breach');
      await checker.check(council, 'new-case-vs-vcs');
      expect(await offered(council)).toEqual(VCS_UNDERTAKINGS);
      // A hand-made answer citing a public-body undertaking against the VCS is refused too, and nothing is saved.
      const before = await settledDump(t);
      await council.getByRole('checkbox', { name: /^4\.6 / }).evaluate((box, value) => box.setAttribute('value', value), '4.5');
      await council.getByRole('checkbox', { name: /^4\.6 / }).check();
      const response = await continueOn(council);
      await checker.check(council, 'new-case-wrong-side');
      await expectErrorSummary(council, response, [{ text: /^'4\.5' binds public bodies, not the respondent's side$/, href: '#undertakings-1' }]);
      await expectNothingSaved(before);
      await council.context().close();
    });

    it('refuses a breach that cites no undertaking, announcing the message with each section', async () => {
      await openUndertakings(vcs, 'Southampton City Council', 'breach');
      const before = await settledDump(t);
      const response = await continueOn(vcs);
      await checker.check(vcs, 'new-case-no-undertakings');
      await expectErrorSummary(vcs, response, [{ text: 'Choose at least one undertaking that binds public bodies and agencies', href: '#undertakings-1' }]);
      const describedBy = await vcs.locator('#undertakings fieldset').evaluateAll((fs) => fs.map((f) => f.getAttribute('aria-describedby') ?? ''));
      expect(describedBy).toHaveLength(5);
      expect(describedBy.every((d) => d.split(' ').includes('undertakings-error'))).toBe(true);
      await expectNothingSaved(before);
    });

    it('refuses a date in the future and a date that does not exist', async () => {
      await openUndertakings(vcs, 'Southampton City Council', 'breach');
      await vcs.getByRole('checkbox', { name: /^4\.5 / }).check();
      await toDatePage(vcs);
      const before = await settledDump(t);
      await fillDate(vcs, 'becameAwareOn', ['2', '12', '2026']); // today is 1 December 2026
      let response = await continueOn(vcs);
      await checker.check(vcs, 'new-case-future-date');
      await expectErrorSummary(vcs, response, [{ text: 'The date you became aware of the matter must be today or in the past', href: '#becameAwareOn-day' }]);
      await fillDate(vcs, 'becameAwareOn', ['31', '2', '2026']);
      response = await continueOn(vcs);
      await checker.check(vcs, 'new-case-impossible-date');
      await expectErrorSummary(vcs, response, [{ text: 'The date you became aware of the matter must be a real date', href: '#becameAwareOn-day' }]);
      await fillDate(vcs, 'becameAwareOn', ['2', '', '2026']);
      response = await continueOn(vcs);
      await expectErrorSummary(vcs, response, [{ text: 'The date you became aware of the matter must include a month', href: '#becameAwareOn-month' }]);
      await expectNothingSaved(before);
    });

    it('takes the date of the decision a case is about, refusing one in the future, and shows it on the case page', async () => {
      await openUndertakings(vcs, 'Southampton City Council', 'breach');
      await vcs.getByRole('checkbox', { name: /^4\.5 / }).check();
      await toDatePage(vcs);
      await fillDate(vcs, 'becameAwareOn', ['2', '11', '2026']);
      await fillDate(vcs, 'decisionDate', ['2', '12', '2026']); // today is 1 December 2026
      const before = await settledDump(t);
      const response = await continueOn(vcs);
      await checker.check(vcs, 'new-case-future-decision');
      await expectErrorSummary(vcs, response, [{ text: 'The date of the decision must be today or in the past', href: '#decisionDate-day' }]);
      await expectNothingSaved(before);

      await fillDate(vcs, 'decisionDate', ['28', '10', '2026']);
      await continueOn(vcs);
      expect(await vcs.locator('#answers').innerText()).toMatch(/Date of the decision\s+Wednesday 28 October 2026/);
      const fixed = await raiseFromCheck(vcs);
      expect(fixed!.status()).toBe(200);
      const id = /\/cases\/new\/raised\/([0-9a-f-]{36})$/.exec(vcs.url())![1];
      const view = (await t.api.get(`/api/v1/cases/${id}`, p.vcs.token)).body;
      expect(view.details.decisionDate).toBe('2026-10-28');
      expect(view.deadlines.map((d: any) => d.key)).toEqual(expect.arrayContaining(['reminder.judicial-review-first', 'reminder.judicial-review-final']));
      await vcs.goto(`/cases/${id}`);
      const summary = (await vcs.locator('.govuk-summary-list').first().innerText()).replace(/\s+/g, ' ');
      expect(summary).toContain('Decision made on Wednesday 28 October 2026');
    });
  });

  describe('case actions', () => {
    let caseId: string;

    beforeAll(async () => {
      caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
      await t.api.event(caseId, { type: 'ACKNOWLEDGE' }, p.council.token);
      await t.api.event(caseId, { type: 'PROPOSE_RESOLUTION', proposal: 'One month of funding.' }, p.council.token);
    });

    it('refuses to reject a proposal without a reason, with the form open again', async () => {
      await vcs.goto(`/cases/${caseId}`);
      const before = await settledDump(t);
      const form = actionForm(vcs, 'REJECT_RESOLUTION');
      await form.locator('summary').click();
      const response = await submit(vcs, form.getByRole('button', { name: 'Reject the proposal' }));
      await checker.check(vcs, 'reject-without-reason');
      await expectErrorSummary(vcs, response, [{ text: 'Reason is required', href: '#reject_resolution-reason' }]);
      expect(await actionForm(vcs, 'REJECT_RESOLUTION').getAttribute('open')).not.toBeNull();
      await expectNothingSaved(before);
    });

    it('refuses a meeting held on an impossible date or in the future, keeping what was typed', async () => {
      await vcs.goto(`/cases/${caseId}`);
      const before = await settledDump(t);
      const fill = async (day: string, month: string, year: string) => {
        const form = actionForm(vcs, 'RECORD_MEETING');
        if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
        await form.getByLabel('Day', { exact: true }).fill(day);
        await form.getByLabel('Month', { exact: true }).fill(month);
        await form.getByLabel('Year', { exact: true }).fill(year);
        await form.getByLabel('Summary', { exact: true }).fill('Met the commissioning team.');
        return submit(vcs, form.getByRole('button', { name: 'Record a meeting' }));
      };
      let response = await fill('31', '2', '2026');
      await checker.check(vcs, 'meeting-impossible-date');
      await expectErrorSummary(vcs, response, [{ text: 'Held on must be a real date', href: '#record_meeting-heldOn-day' }]);
      const form = actionForm(vcs, 'RECORD_MEETING');
      expect(await form.getByLabel('Summary', { exact: true }).inputValue()).toBe('Met the commissioning team.');
      expect(await form.getByLabel('Day', { exact: true }).inputValue()).toBe('31');

      response = await fill('2', '12', '2026');
      await checker.check(vcs, 'meeting-future-date');
      await expectErrorSummary(vcs, response, [{ text: 'Held on must not be in the future', href: '#record_meeting-heldOn-day' }]);
      await expectNothingSaved(before);
    });

    it('asks for the reason for skipping mediation as required before mediation, and as optional after it', async () => {
      const failed = (await t.api.post('/api/v1/cases', breachOf45(p, { title: 'Straight to the ombudsman' }), p.vcs.token)).body.id;
      await t.api.event(failed, { type: 'ACKNOWLEDGE' }, p.council.token);
      await t.api.event(failed, { type: 'DECLARE_NEGOTIATION_FAILED', reason: 'No movement.' }, p.vcs.token);
      await vcs.goto(`/cases/${failed}`);
      const form = actionForm(vcs, 'ESCALATE_FORMAL');
      await form.locator('summary').click();
      await expect(form.getByLabel('Reason for not trying mediation', { exact: true }).count()).resolves.toBe(1);
      await expect(form.getByLabel('Reason for not trying mediation (optional)').count()).resolves.toBe(0);
      const before = await settledDump(t);
      await form.getByLabel('The relevant ombudsman').check();
      await form.getByLabel('Name of the body').fill('Local Government and Social Care Ombudsman');
      await form.getByLabel('Its reference').fill('LGSCO-1');
      const response = await submit(vcs, form.getByRole('button', { name: 'Escalate to a formal mechanism' }));
      await checker.check(vcs, 'escalate-without-reason');
      await expectErrorSummary(vcs, response, [
        { text: 'Reason for not trying mediation is required when mediation has not been tried', href: '#escalate_formal-skipMediationReason' },
      ]);
      await expectNothingSaved(before);

      await t.api.event(failed, { type: 'REFER_TO_MEDIATION', mediatorOrganisationId: p.orgs.mediator }, p.vcs.token);
      await t.api.event(failed, { type: 'MEDIATOR_DECLINE', reason: 'Outside our area.' }, p.mediator.token);
      await vcs.goto(`/cases/${failed}`);
      const after = actionForm(vcs, 'ESCALATE_FORMAL');
      await after.locator('summary').click();
      await expect(after.getByLabel('Reason for not trying mediation (optional)').count()).resolves.toBe(1);
    });
  });

  describe('sign-in', () => {
    it.each([
      ['an empty address', '', 'Enter your email address'],
      ['an address without @', 'user1.example.org', 'Enter an email address in the correct format, like name@example.org'],
    ])('refuses %s (without JavaScript too) and sends nothing', async (_what, email, message) => {
      const page = await freshPage(false);
      await page.goto('/sign-in');
      const before = await settledDump(t);
      await page.getByLabel('Email address').fill(email);
      const response = await submit(page, page.getByRole('button', { name: 'Send me a sign-in link' }));
      await checker.check(page, 'sign-in-bad-email');
      await expectErrorSummary(page, response, [{ text: message, href: '#email' }]);
      expect(await page.getByLabel('Email address').inputValue()).toBe(email);
      await expectNothingSaved(before);
      await page.context().close();
    });
  });

  describe('administration', () => {
    let admin: Page;

    beforeAll(async () => {
      admin = await freshPage();
      await signIn(admin, receiver, 'admin@localhost', t.baseUrl, checker, 'admin-sign-in');
      await admin.getByRole('link', { name: 'Administration' }).click();
      await admin.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
      await checker.check(admin, 'admin');
    });

    const invite = async (name: string, email: string) => {
      const form = admin.locator('form[action="/admin/users"]');
      await form.getByLabel('Name', { exact: true }).fill(name);
      await form.getByLabel('Email address').fill(email);
      await form.getByLabel('Acts for a VCS organisation or public body').check();
      await form.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Hope Community Trust (vcs)' });
      return submit(admin, form.getByRole('button', { name: 'Send invitation' }));
    };

    it('refuses an invitation to a bad email address and saves nothing', async () => {
      await admin.goto('/admin');
      const before = await settledDump(t);
      const response = await invite('Nadia Patel', 'nadia.example.org');
      await checker.check(admin, 'admin-bad-email');
      await expectErrorSummary(admin, response, [{ text: 'Enter an email address like name@example.org', href: '#user-email' }]);
      expect(await admin.locator('form[action="/admin/users"]').getByLabel('Name', { exact: true }).inputValue()).toBe('Nadia Patel');
      await expectNothingSaved(before);
    });

    it('invites a person by email with a sign-in link that works', async () => {
      await admin.goto('/admin');
      const seen = receiver.messages.length;
      const response = await invite('Nadia Patel', 'nadia.patel@example.org');
      expect(response!.status()).toBe(200);
      expect(new URL(admin.url()).search).toBe('?done=invited');
      await checker.check(admin, 'admin-invited');
      expect(await admin.locator('.govuk-notification-banner').innerText()).toContain('The person was added and an invitation with a sign-in link is on its way.');
      expect(await admin.locator('#users ~ table').first().innerText()).toContain('nadia.patel@example.org');

      const mail = await waitForMail(receiver, (m) => m.to.includes('nadia.patel@example.org'), seen);
      expect(mail.subject).toBe('You are invited to the Southampton Compact dispute service');
      const invitee = await freshPage();
      await followLink(invitee, signInLink(mail), t.baseUrl, checker, 'invitee');
      expect(new URL(invitee.url()).pathname).toBe('/cases');
      await checker.check(invitee, 'invitee-cases');
      expect(await invitee.getByRole('button', { name: 'Sign out Nadia Patel' }).isVisible()).toBe(true);
    });

    it('lists mail that could not be delivered, with a Retry button that sends it again', async () => {
      receiver.mode = 'reject';
      const seen = receiver.messages.length;
      await admin.goto('/admin');
      await invite('Sam Okafor', 'sam.okafor@example.org');
      // Two refused attempts (MAIL_MAX_ATTEMPTS=2), the second once the retry delay has passed on the clock.
      const deadline = Date.now() + 15_000;
      while (!(await outbox('failed')).some((m) => m.to.includes('sam.okafor@example.org'))) {
        if (Date.now() > deadline) throw new Error('the invitation was not marked failed');
        clock.advance(1_000);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(receiver.messages.length).toBe(seen);

      await admin.goto('/admin');
      await checker.check(admin, 'admin-failed-mail');
      const row = admin.locator('#outbox ~ table tbody tr', { hasText: 'sam.okafor@example.org' });
      expect(await row.count()).toBe(1);
      const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
      expect(cells[0]).toBe('sam.okafor@example.org');
      expect(cells[1]).toBe('You are invited to the Southampton Compact dispute service');
      expect(cells[2]).toBe('2');
      expect(cells[3]).toMatch(/451|temporarily unavailable/i);

      receiver.mode = 'accept';
      const retry = row.getByRole('button', { name: 'Retry the email to sam.okafor@example.org' });
      await submit(admin, retry);
      expect(new URL(admin.url()).search).toBe('?done=retried');
      await checker.check(admin, 'admin-retried');
      expect(await admin.locator('.govuk-notification-banner').innerText()).toContain('The message will be sent again.');
      const mail = await waitForMail(receiver, (m) => m.to.includes('sam.okafor@example.org'), seen);
      expect(signInLink(mail).startsWith(`${t.config.publicUrl}/sign-in/`)).toBe(true);
      expect((await outbox('failed')).some((m) => m.to.includes('sam.okafor@example.org'))).toBe(false);
      await admin.goto('/admin');
      expect(await admin.getByText('All email has been delivered.').isVisible()).toBe(true);
    });

    it('deactivates a person: their open session ends, and they get no new sign-in link', async () => {
      await admin.goto('/admin');
      const seen = receiver.messages.length;
      await invite('Omar Reid', 'omar.reid@example.org');
      const mail = await waitForMail(receiver, (m) => m.to.includes('omar.reid@example.org'), seen);
      const omar = await freshPage();
      await followLink(omar, signInLink(mail), t.baseUrl, checker, 'omar');
      expect(new URL(omar.url()).pathname).toBe('/cases');

      await admin.goto('/admin');
      const own = admin.locator('#users ~ table tbody tr', { hasText: 'admin@localhost' });
      expect((await own.locator('td').allInnerTexts()).map((c) => c.trim()).slice(4)).toEqual(['Active', 'You']);
      expect(await own.getByRole('link', { name: /Deactivate/ }).count()).toBe(0);
      const row = admin.locator('#users ~ table tbody tr', { hasText: 'omar.reid@example.org' });
      // A link to a page that asks first; Cancel goes back with nothing changed.
      await row.getByRole('link', { name: 'Deactivate Omar Reid' }).click();
      await admin.getByRole('heading', { name: 'Deactivate Omar Reid?' }).waitFor();
      await checker.check(admin, 'admin-deactivate-confirm');
      expect(await admin.locator('.govuk-summary-list').innerText()).toContain('omar.reid@example.org');
      await admin.getByRole('link', { name: 'Cancel' }).click();
      await admin.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
      expect((await row.locator('td').nth(4).innerText()).trim()).toBe('Active');
      await row.getByRole('link', { name: 'Deactivate Omar Reid' }).click();
      await submit(admin, admin.getByRole('button', { name: 'Deactivate Omar Reid' }));
      expect(new URL(admin.url()).search).toBe('?done=deactivated');
      await checker.check(admin, 'admin-deactivated');
      expect(await admin.locator('.govuk-notification-banner').innerText()).toContain('they can no longer sign in or use the API');
      const after = admin.locator('#users ~ table tbody tr', { hasText: 'omar.reid@example.org' });
      expect((await after.locator('td').nth(4).innerText()).trim()).toMatch(/^Deactivated on \w+ \d{1,2} \w+ \d{4}$/);
      expect(await after.getByRole('link', { name: /Deactivate/ }).count()).toBe(0);

      await omar.goto('/cases');
      expect(new URL(omar.url()).pathname).toBe('/sign-in');
      const before = receiver.messages.length;
      await omar.getByLabel('Email address').fill('omar.reid@example.org');
      await omar.getByRole('button', { name: 'Send me a sign-in link' }).click();
      await omar.getByRole('heading', { name: 'Check your email' }).waitFor();
      const queued = (await listOutbox(t.api, ADMIN_TOKEN)).filter((m) => m.to.includes('omar.reid@example.org'));
      expect(queued.map((m) => m.kind)).toEqual(['invitation']);
      expect(receiver.messages.slice(before).some((m) => m.to.includes('omar.reid@example.org'))).toBe(false);
    });
  });
});
