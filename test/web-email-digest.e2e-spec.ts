import { DispatchOutboxUseCase, FireDueTimersUseCase, londonHourOn, nextDigestAt, SetMailPreferenceUseCase } from '@compact/application';
import { addDays, toLondonDate } from '@compact/calendar';
import { Store } from '@compact/domain';
import { MailTransport } from '@compact/mail';
import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { ManualClock } from './support/manual-clock';
import { describeSidewaysScroll, sidewaysScroll } from './support/sideways-scroll';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { SmtpReceiver, ReceivedMail } from './support/smtp-receiver';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';
import { WebHarness } from './support/web-harness';
import { csrfTokenOf, requestLink, signIn, waitForMail } from './support/web-sign-in';

jest.setTimeout(120_000);

/** 10:00 London time tomorrow, by the real calendar: the tests pass on any date. */
const tomorrowMorning = () => londonHourOn(addDays(toLondonDate(new Date()), 1), 10);

/** A breach raised by Hope Community Trust, that it became aware of a few days before `at`. */
const breachAt = (p: Parties, at: Date, title: string) => breachOf45(p, { title, becameAwareOn: addDays(toLondonDate(at), -3) });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const sentTo = (mails: ReceivedMail[], email: string) => mails.filter((m) => m.to.includes(email));

/*
 * "Your email": each person chooses every email as it happens (the default) or one summary a day.
 * For a person on the summary, case emails that are not about a deadline they must meet are held
 * in the database and sent as one email at the digest hour (London time), by the mail poller the
 * server runs; deadline emails and sign-in links still come at once. Mail is read from a real SMTP
 * receiver; the server's clock is the harness's, moved by hand.
 */
describe('web: daily email summaries', () => {
  const h = new WebHarness('email-digest');
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;
  let claimant: Page;
  let respondent: Page;
  const everyEmail = 'hope-every@example.org';

  const heldFor = async (userId: string) =>
    Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM held_mail WHERE user_id = ${t.db.dialect === 'postgres' ? '$1' : '?'}`, [userId]))[0].n);
  const frequencyOf = async (userId: string) =>
    (await t.dataSource.query(`SELECT frequency FROM mail_preferences WHERE user_id = ${t.db.dialect === 'postgres' ? '$1' : '?'}`, [userId]))[0]?.frequency;

  beforeAll(async () => {
    h.clock.set(tomorrowMorning());
    ({ t, p, checker } = await h.start());
    const created = await t.api.post('/api/v1/users', { name: 'Sam Every', email: everyEmail, role: 'party', organisationId: p.orgs.vcs }, ADMIN_TOKEN);
    expect(created.status).toBe(201);
    [claimant, respondent] = [await h.page(false), await h.page()];
    await signIn(claimant, h.receiver, 'user1@example.org', t.baseUrl);
    await signIn(respondent, h.receiver, 'user3@example.org', t.baseUrl);
  });
  afterAll(() => h.stop());

  it('offers every email by default, from the header, and saves a daily summary without JavaScript', async () => {
    await claimant.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your email' }).click();
    await claimant.getByRole('heading', { level: 1, name: 'Your email' }).waitFor();
    expect(new URL(claimant.url()).pathname).toBe('/account/email');
    await checker.check(claimant, 'your-email');
    expect(await claimant.getByLabel('Every email, as it happens').isChecked()).toBe(true);
    expect(await claimant.locator('.govuk-inset-text').innerText()).toContain('emails about a deadline you must meet, and sign-in links, always come at once');
    expect(await frequencyOf(p.vcs.userId)).toBeUndefined();

    await claimant.getByLabel('One summary email a day').check();
    await claimant.getByRole('button', { name: 'Save' }).click();
    await claimant.getByRole('heading', { level: 1, name: 'Your email' }).waitFor();
    await checker.check(claimant, 'your-email-saved');
    expect(claimant.url()).toMatch(/\/account\/email\?saved=1$/);
    expect(await claimant.locator('.govuk-notification-banner').innerText()).toContain('Your choice was saved. You will get one summary email a day, at 8am.');
    expect(await claimant.getByLabel('One summary email a day').isChecked()).toBe(true);
    expect(await frequencyOf(p.vcs.userId)).toBe('daily');
  });

  it('says what is wrong when no choice is sent, and refuses a choice it does not offer or a form without its token', async () => {
    await respondent.goto('/account/email');
    await respondent.locator('input[name="frequency"]').evaluateAll((inputs) => inputs.forEach((input) => ((input as unknown as { checked: boolean }).checked = false)));
    const [response] = await Promise.all([respondent.waitForResponse((r) => r.request().method() === 'POST'), respondent.getByRole('button', { name: 'Save' }).click()]);
    expect(response.status()).toBe(400);
    await respondent.getByText('There is a problem').waitFor();
    await checker.check(respondent, 'your-email-error');
    expect(await respondent.title()).toMatch(/^Error: Your email/);
    const link = respondent.locator('.govuk-error-summary a');
    expect(await link.innerText()).toBe('Select how you want to get email about your cases');
    expect(await link.getAttribute('href')).toBe('#frequency');
    expect(await respondent.locator('#frequency').count()).toBe(1);
    // On a small phone, with the error shown, nothing scrolls sideways.
    await respondent.setViewportSize({ width: 375, height: 800 });
    const sideways = await sidewaysScroll(respondent);
    expect(sideways ? describeSidewaysScroll('your-email', sideways) : null).toBeNull();
    await respondent.setViewportSize({ width: 1100, height: 900 });

    const token = await csrfTokenOf(respondent);
    const weekly = await respondent.request.post('/account/email', { form: { _csrf: token, frequency: 'weekly' }, maxRedirects: 0 });
    expect(weekly.status()).toBe(400);
    expect(await weekly.text()).toContain('Select how you want to get email about your cases');
    const forged = await respondent.request.post('/account/email', { form: { frequency: 'daily' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(await frequencyOf(p.council.userId)).toBeUndefined();

    await respondent.getByLabel('One summary email a day').check();
    await respondent.getByRole('button', { name: 'Save' }).click();
    await respondent.locator('.govuk-notification-banner').waitFor();
    expect(await frequencyOf(p.council.userId)).toBe('daily');
  });

  it('holds what is not about their own deadlines for the summary at 8am, and sends deadline mail and sign-in links at once', async () => {
    const seen = h.receiver.messages.length;
    const raisedAt = h.clock.now();
    const first = (await t.api.post('/api/v1/cases', breachAt(p, raisedAt, 'Grant ended early'), p.vcs.token)).body;
    // The council (on the summary too) must acknowledge the case: that email comes at once, as it does to the colleague on every email.
    const raised = await waitForMail(h.receiver, (m) => m.to.includes('user3@example.org') && /A case has been raised/.test(m.subject ?? ''), seen);
    expect(raised.to.sort()).toEqual([everyEmail, 'user3@example.org'].sort());
    expect(await heldFor(p.vcs.userId)).toBe(1);

    // The council's proposal gives Hope Community Trust a deadline to answer it: at once, summary or not.
    expect((await t.api.event(first.id, { type: 'ACKNOWLEDGE' }, p.council.token)).status).toBe(200);
    expect((await t.api.event(first.id, { type: 'PROPOSE_RESOLUTION', proposal: 'Three months of funding while we review.' }, p.council.token)).status).toBe(200);
    const answer = await waitForMail(h.receiver, (m) => m.to.includes('user1@example.org') && /You must answer/.test(m.subject ?? ''), seen);
    expect(answer.subject).toContain(first.reference);

    const second = (await t.api.post('/api/v1/cases', breachAt(p, raisedAt, 'Consultation skipped'), p.vcs.token)).body;
    await waitForMail(h.receiver, (m) => m.to.includes(everyEmail) && (m.subject ?? '').includes(second.reference), seen);
    expect(await heldFor(p.vcs.userId)).toBe(2);

    // A sign-in link is never held.
    const other = await h.page();
    await requestLink(other, h.receiver, 'user1@example.org');

    // Not before the digest hour.
    const digestAt = nextDigestAt(raisedAt, 8);
    expect(digestAt.getTime() - raisedAt.getTime()).toBeLessThanOrEqual(24 * 3_600_000);
    h.clock.set(new Date(digestAt.getTime() - 1000));
    await sleep(600);
    expect(sentTo(h.receiver.messages.slice(seen), 'user1@example.org').map((m) => m.subject)).not.toContainEqual(expect.stringMatching(/daily summary/));

    h.clock.set(new Date(digestAt.getTime() + 1000));
    const digest = await waitForMail(h.receiver, (m) => m.to.includes('user1@example.org') && /daily summary/.test(m.subject ?? ''), seen);
    expect(digest.subject).toBe('Your daily summary: 2 updates on 2 cases');
    const body = digest.body.replace(/\s+/g, ' ');
    for (const c of [first, second]) {
      expect(body).toContain(`Case ${c.reference}: ${c.title}`);
      expect(body).toContain(`Open the case: ${t.config.publicUrl}/cases/${c.id}`);
    }
    expect(body).toContain('A case has been raised: Grant ended early');
    expect(body).toContain('What happened: Case raised by User 1');
    expect(await heldFor(p.vcs.userId)).toBe(0);

    // One summary, however many polls follow; the colleague on every email had each email at once and no summary.
    await sleep(600);
    const afterwards = h.receiver.messages.slice(seen);
    expect(sentTo(afterwards, 'user1@example.org').filter((m) => /daily summary/.test(m.subject ?? ''))).toHaveLength(1);
    const colleague = sentTo(afterwards, everyEmail).map((m) => m.subject ?? '');
    expect(colleague.filter((s) => /A case has been raised/.test(s))).toHaveLength(2);
    expect(colleague.filter((s) => /daily summary/.test(s))).toEqual([]);
  });

  it('sends what is held at once, in one email, when the person chooses every email again', async () => {
    const seen = h.receiver.messages.length;
    const raised = (await t.api.post('/api/v1/cases', breachAt(p, h.clock.now(), 'Meeting cancelled'), p.vcs.token)).body;
    await waitForMail(h.receiver, (m) => m.to.includes(everyEmail) && (m.subject ?? '').includes(raised.reference), seen);
    expect(await heldFor(p.vcs.userId)).toBe(1);
    // The clock has moved on a day since the first sign-in.
    await signIn(claimant, h.receiver, 'user1@example.org', t.baseUrl);
    await claimant.goto('/account/email');
    expect(await claimant.locator('#waiting').innerText()).toMatch(/^1 email is waiting for your next summary, at 8am on \w+day \d+ \w+ \d{4}\.$/);
    await claimant.getByLabel('Every email, as it happens').check();
    await claimant.getByRole('button', { name: 'Save' }).click();
    await claimant.locator('.govuk-notification-banner').waitFor();
    expect(await frequencyOf(p.vcs.userId)).toBe('every');
    const digest = await waitForMail(h.receiver, (m) => m.to.includes('user1@example.org') && /daily summary/.test(m.subject ?? ''), seen);
    expect(digest.subject).toBe('Your daily summary: 1 update on 1 case');
    expect(digest.body).toContain(raised.reference);
    expect(await heldFor(p.vcs.userId)).toBe(0);
  });
});

/*
 * A deadline that passes is news at once for whoever had to meet it, summary or not; what the
 * other side may now do (no deadline of its own) waits for its summary.
 */
describe('daily email summaries and passed deadlines', () => {
  it('tells the respondent on the summary at once that its deadline passed, and holds the claimant\'s news for its summary', async () => {
    const receiver = new SmtpReceiver();
    const clock = new ManualClock(tomorrowMorning());
    const t = await startTestApp({ clock, env: { SMTP_URL: await receiver.start() } });
    try {
      const p = await seedParties(t.api);
      const choose = t.app.get(SetMailPreferenceUseCase);
      for (const member of [p.vcs, p.council]) await choose.execute({ user: { id: member.userId } } as never, 'daily');
      const raised = (await t.api.post('/api/v1/cases', breachAt(p, clock.now(), 'Grant ended early'), p.vcs.token)).body;
      const dispatch = t.app.get(DispatchOutboxUseCase);
      await dispatch.runOnce();
      const seen = receiver.messages.length;
      // Past the acknowledgement deadline (5 working days), with room for bank holidays.
      clock.advance(21 * 24 * 3_600_000);
      await t.app.get(FireDueTimersUseCase).runOnce();
      const held: Array<{ user_id: string; summary: string }> = await t.dataSource.query('SELECT user_id, summary FROM held_mail ORDER BY held_at');
      expect(held).toEqual([
        { user_id: p.vcs.userId, summary: 'A case has been raised: Grant ended early' },
        { user_id: p.vcs.userId, summary: expect.stringMatching(/^Deadline passed: .*: what you may do now$/) },
      ]);
      await dispatch.runOnce();
      const mails = receiver.messages.slice(seen);
      expect(sentTo(mails, 'user3@example.org').map((m) => m.subject)).toContainEqual(expect.stringMatching(/Deadline passed/));
      // The claimant's summary due long since lists the case raised; what it may now do waits for the next one, and nothing came to it apart.
      const claimant = sentTo(mails, 'user1@example.org');
      expect(claimant.map((m) => m.subject)).toEqual(['Your daily summary: 1 update on 1 case']);
      expect(claimant[0].body).toContain(`Case ${raised.reference}: Grant ended early`);
      expect(claimant[0].body).toContain('A case has been raised');
      clock.set(new Date(nextDigestAt(clock.now(), 8).getTime() + 1000));
      await dispatch.runOnce();
      const next = sentTo(receiver.messages.slice(seen), 'user1@example.org').slice(1);
      expect(next.map((m) => m.subject)).toEqual(['Your daily summary: 1 update on 1 case']);
      expect(next[0].body).toContain('what you may do now');
    } finally {
      await t.close();
      await receiver.stop();
    }
  });
});

/*
 * The schedule lives in the database: mail held before a restart goes out at the digest hour from
 * the instance that runs then, and two instances polling at the same moment send one summary.
 */
describe('daily email summaries across restarts and instances', () => {
  it('sends the summary held before a restart once, with two instances polling at once', async () => {
    const receiver = new SmtpReceiver();
    const smtp = await receiver.start();
    const db = await createTestDatabase();
    const clock = new ManualClock(tomorrowMorning());
    const env = { SMTP_URL: smtp };
    let first: TestApp | null = await startTestApp({ clock, db, env });
    const apps: TestApp[] = [];
    try {
      const p = await seedParties(first.api);
      await first.app.get(SetMailPreferenceUseCase).execute({ user: { id: p.vcs.userId } } as never, 'daily');
      const raised = (await first.api.post('/api/v1/cases', breachAt(p, clock.now(), 'Grant ended early'), p.vcs.token)).body;
      await first.app.get(DispatchOutboxUseCase).runOnce();
      expect(sentTo(receiver.messages, 'user1@example.org')).toEqual([]);
      await first.close();
      first = null;

      // Two instances share a PostgreSQL database; SQLite has one instance (its own file), with two dispatchers below.
      apps.push(await startTestApp({ clock, db, env }));
      if (db.dialect === 'postgres') apps.push(await startTestApp({ clock, db, env }));
      const dispatchers = apps.map((a) => a.app.get(DispatchOutboxUseCase));
      // A second dispatcher on the same instance, as mail-delivery's tests make one.
      dispatchers.push(new DispatchOutboxUseCase(apps[0].app.get(Store), clock, apps[0].app.get(MailTransport), apps[0].config));
      clock.set(new Date(nextDigestAt(clock.now(), 8).getTime() + 1000));
      await Promise.all(dispatchers.map((d) => d.runOnce()));
      await Promise.all(dispatchers.map((d) => d.runOnce()));
      const digests = sentTo(receiver.messages, 'user1@example.org');
      expect(digests.map((m) => m.subject)).toEqual(['Your daily summary: 1 update on 1 case']);
      expect(digests[0].body).toContain(raised.reference);
    } finally {
      await first?.close();
      for (const a of apps) await a.close();
      await db.drop();
      await receiver.stop();
    }
  });
});
