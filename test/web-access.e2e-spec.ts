import { Browser, Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { breachOf45, Parties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';
import { WebHarness } from './support/web-harness';
import { changedTables, settledDump } from './support/web-db';
import { csrfTokenOf, followLink, onApp, requestLink, sessionCookie, signIn, signInLink, waitForMail } from './support/web-sign-in';

jest.setTimeout(90_000);

/*
 * Who may open what, in a real browser: nobody sees another organisation's case, parties never
 * reach the board or admin pages, signed-out visitors are sent to sign in, sign-in links work once
 * for 15 minutes, sign-out ends the session, forms need their anti-forgery token, and the session
 * cookie is HttpOnly, SameSite=Lax and (behind HTTPS) Secure.
 */
describe('web access: sessions, sign-in links, CSRF and what each person may open', () => {
  const h = new WebHarness('access');
  const { receiver, clock } = h;
  let t: TestApp;
  let p: Parties;
  let browser: Browser;
  let checker: PageChecker;
  let caseId: string;
  let reference: string;

  const EMAIL = { vcs: 'user1@example.org', vcs2: 'user2@example.org' };

  beforeAll(async () => {
    ({ t, p, browser, checker } = await h.start());
    const raised = await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(raised.status).toBe(201);
    caseId = raised.body.id;
    reference = raised.body.reference;
    await t.api.event(caseId, { type: 'ACKNOWLEDGE' }, p.council.token);
  });

  afterAll(() => h.stop());

  const freshPage = (javaScriptEnabled = true): Promise<Page> => h.page(javaScriptEnabled);

  const historyLength = async () => (await t.api.get(`/api/v1/cases/${caseId}/history`, p.board.token)).body.entries.length;

  describe('a person of another organisation', () => {
    let other: Page;

    beforeAll(async () => {
      other = await freshPage();
      await signIn(other, receiver, EMAIL.vcs2, t.baseUrl, checker, 'vcs2-sign-in');
    });

    it('does not see the case in their list, even filtered by its organisation or undertaking', async () => {
      await other.goto('/cases');
      await checker.check(other, 'vcs2-cases');
      expect(await other.getByRole('heading', { name: 'You have no cases yet' }).isVisible()).toBe(true);
      await other.goto(`/cases?organisation=${p.orgs.council}`);
      expect(await other.getByRole('heading', { name: 'You have no cases yet' }).isVisible()).toBe(true);
      await other.goto(`/cases?organisation=${p.orgs.council}&undertaking=4.5`);
      await checker.check(other, 'vcs2-cases-filtered');
      expect(await other.content()).not.toContain(reference);
    });

    it('pages through their own cases 20 at a time, never meeting the other organisation\'s case', async () => {
      for (let i = 1; i <= 21; i += 1) {
        const res = await t.api.post('/api/v1/cases', { ...breachOf45(p), respondentOrganisationId: p.orgs.council2, title: `Riverside case ${i}` }, p.vcs2.token);
        expect(res.status).toBe(201);
      }
      await other.goto('/cases');
      await checker.check(other, 'vcs2-cases-page-1');
      const titles = async () => other.locator('tbody tr td:nth-child(2)').allInnerTexts();
      const first = await titles();
      expect(first).toHaveLength(20);
      await other.getByRole('link', { name: 'Next page' }).click();
      await other.waitForURL(/cursor=/);
      await checker.check(other, 'vcs2-cases-page-2');
      const second = await titles();
      expect(second).toHaveLength(1);
      expect(await other.getByRole('link', { name: 'Next page' }).count()).toBe(0);
      expect(await other.getByRole('link', { name: 'First page' }).count()).toBe(1);
      expect([...first, ...second].sort()).toEqual(Array.from({ length: 21 }, (_, i) => `Riverside case ${i + 1}`).sort());
      expect(await other.content()).not.toContain(reference);
    });

    it.each([
      ['the case page', () => `/cases/${caseId}`],
      ['the print-friendly history', () => `/cases/${caseId}/print`],
    ])('gets a 404 for %s, with nothing of the case in it', async (_what, path) => {
      const res = await other.goto(path());
      expect(res!.status()).toBe(404);
      await checker.check(other, `vcs2-404-${path().endsWith('print') ? 'print' : 'case'}`);
      expect(await other.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
      const html = await other.content();
      expect(html).not.toContain(reference);
      expect(html).not.toContain('Funding ended without three months notice');
    });

    it('gets a 404 for an event posted to the case with a valid form token, and nothing changes', async () => {
      await other.goto('/cases');
      const csrf = await csrfTokenOf(other);
      const before = await historyLength();
      const res = await other.request.post(`/cases/${caseId}/events`, {
        form: { _csrf: csrf, type: 'ADD_NOTE', note: 'Not my case.' },
        maxRedirects: 0,
      });
      expect(res.status()).toBe(404);
      expect(await res.text()).not.toContain(reference);
      const withdraw = await other.request.post(`/cases/${caseId}/events`, { form: { _csrf: csrf, type: 'WITHDRAW' }, maxRedirects: 0 });
      expect(withdraw.status()).toBe(404);
      expect(await historyLength()).toBe(before);
    });

    it.each(['/board', '/board/export.csv', '/board/export-history.csv', '/board/export.json', '/admin'])('gets a 404 for %s (a party)', async (path) => {
      const res = await other.goto(path);
      expect(res!.status()).toBe(404);
      expect(res!.headers()['content-disposition']).toBeUndefined();
      expect(await other.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
      await checker.check(other, `vcs2-404${path.replace(/\W+/g, '-')}`);
      // Nor does the navigation offer them.
      expect(await other.getByRole('link', { name: 'Governance board' }).count()).toBe(0);
      expect(await other.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    });

    it('gets a 404 for admin forms posted with a valid form token', async () => {
      await other.goto('/cases');
      const csrf = await csrfTokenOf(other);
      const before = await settledDump(t);
      const res = await other.request.post('/admin/users', {
        form: { _csrf: csrf, name: 'Sneaky', email: 'sneaky@example.org', role: 'admin', organisationId: '' },
        maxRedirects: 0,
      });
      expect(res.status()).toBe(404);
      expect(changedTables(before, await settledDump(t))).toEqual([]);
    });

    it('gets a 404 for the deactivation page and form of a colleague, and nobody is deactivated', async () => {
      const colleague = p.vcs.userId;
      const page = await other.request.get(`/admin/users/${colleague}/deactivate`);
      expect(page.status()).toBe(404);
      expect(await page.text()).not.toContain('user1@example.org');
      await other.goto('/cases');
      const csrf = await csrfTokenOf(other);
      const before = await settledDump(t);
      const res = await other.request.post(`/admin/users/${colleague}/deactivate`, { form: { _csrf: csrf }, maxRedirects: 0 });
      expect(res.status()).toBe(404);
      expect(changedTables(before, await settledDump(t))).toEqual([]);
      expect((await t.api.get('/api/v1/cases', p.vcs.token)).status).toBe(200);
    });
  });

  describe('a signed-out visitor', () => {
    let visitor: Page;

    beforeAll(async () => {
      visitor = await freshPage();
    });

    it.each([
      ['/cases', () => '/cases'],
      ['/cases/:id', () => `/cases/${caseId}`],
      ['/cases/:id/print', () => `/cases/${caseId}/print`],
      ['/cases/new', () => '/cases/new'],
      ['/board', () => '/board'],
      ['/board/export.csv', () => '/board/export.csv'],
      ['/board/export-history.csv', () => '/board/export-history.csv'],
      ['/admin', () => '/admin'],
    ])('is sent to the sign-in page from %s', async (_name, path) => {
      const page = visitor;
      const res = await page.goto(path());
      expect(res!.status()).toBe(200);
      const url = new URL(page.url());
      expect(url.pathname).toBe('/sign-in');
      expect(url.searchParams.get('next')).toBe(path());
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in');
      expect(await page.content()).not.toContain(reference);
      await checker.check(page, 'signed-out-redirect');
    });
  });

  describe('sessions', () => {
    it('gives an HttpOnly, SameSite=Lax session cookie (not Secure over plain HTTP) and ends it on sign-out', async () => {
      const page = await freshPage();
      await signIn(page, receiver, EMAIL.vcs, t.baseUrl, checker, 'vcs-sign-in');
      const cookie = await sessionCookie(page.context());
      expect(cookie).toMatchObject({ name: 'cd_session', httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
      expect(cookie!.value.length).toBeGreaterThanOrEqual(40);
      const csrfCookie = (await page.context().cookies()).find((c) => c.name === 'cd_csrf');
      expect(csrfCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
      // The page script cannot read the session cookie.
      expect(await page.evaluate(() => (globalThis as any).document.cookie)).not.toContain('cd_session');
      // API tokens keep working for the API beside the web session.
      expect((await t.api.get(`/api/v1/cases/${caseId}`, p.vcs.token)).status).toBe(200);

      await page.goto(`/cases/${caseId}`);
      await checker.check(page, 'vcs-case');
      await page.getByRole('button', { name: /^Sign out/ }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await checker.check(page, 'signed-out-start');
      expect(await sessionCookie(page.context())).toBeUndefined();
      expect(await page.getByRole('button', { name: 'Start now' }).isVisible()).toBe(true);

      // The old cookie, replayed, no longer opens anything.
      const replay = await fetch(`${t.baseUrl}/cases/${caseId}`, { headers: { cookie: `cd_session=${cookie!.value}` }, redirect: 'manual' });
      expect(replay.status).toBe(303);
      expect(replay.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/cases/${caseId}`)}`);
      const again = await freshPage();
      await again.context().addCookies([{ ...cookie! }]);
      await again.goto('/cases');
      expect(new URL(again.url()).pathname).toBe('/sign-in');
    });

    it('gives the browser a relative cookie lifetime: a server clock years away neither drops the session nor stretches it', async () => {
      const kept = clock.now();
      const twelveHours = 12 * 3600;
      try {
        for (const serverTime of ['2020-01-07T10:00:00Z', '2034-06-06T10:00:00Z']) {
          clock.set(serverTime);
          const page = await freshPage();
          const [answer] = await Promise.all([
            page.waitForResponse((r) => r.request().method() === 'POST' && /\/sign-in\/[^/]+$/.test(new URL(r.url()).pathname)),
            signIn(page, receiver, EMAIL.vcs, t.baseUrl),
          ]);
          expect(await answer.headerValue('set-cookie')).toMatch(/cd_session=[^;]+;.*Max-Age=43200/);
          // The browser counts the 12 hours on its own clock, whatever the server's says.
          const cookie = await sessionCookie(page.context());
          expect(Math.abs(cookie!.expires - (Date.now() / 1000 + twelveHours))).toBeLessThan(120);
          // The server still ends the session on its own clock, even though the browser keeps the cookie.
          clock.advance(twelveHours * 1000 + 1000);
          await page.goto('/cases');
          expect(new URL(page.url()).pathname).toBe('/sign-in');
          expect(await sessionCookie(page.context())).toBeDefined();
        }
      } finally {
        clock.set(kept);
      }
    });

    it('uses a sign-in link once only', async () => {
      const first = await freshPage();
      const link = await requestLink(first, receiver, EMAIL.vcs);
      expect(link.startsWith(`${t.config.publicUrl}/sign-in/`)).toBe(true);
      await followLink(first, link, t.baseUrl);
      expect(new URL(first.url()).pathname).toBe('/cases');

      const second = await freshPage();
      const res = await second.goto(onApp(link, t.baseUrl));
      expect(res!.status()).toBe(200);
      const [answer] = await Promise.all([second.waitForResponse((r) => r.request().method() === 'POST'), second.getByRole('button', { name: 'Continue' }).click()]);
      expect(answer.status()).toBe(410);
      await second.getByRole('heading', { name: 'This sign-in link has expired' }).waitFor();
      await checker.check(second, 'link-used-twice');
      expect(await sessionCookie(second.context())).toBeUndefined();
      await second.goto('/cases');
      expect(new URL(second.url()).pathname).toBe('/sign-in');
    });

    it('honours a sign-in link for 15 minutes and no longer', async () => {
      const page = await freshPage();
      const fresh = await requestLink(page, receiver, EMAIL.vcs);
      clock.advance(14 * 60_000 + 59_000);
      await followLink(page, fresh, t.baseUrl);
      expect(new URL(page.url()).pathname).toBe('/cases');

      const late = await freshPage();
      const stale = await requestLink(late, receiver, EMAIL.vcs);
      clock.advance(15 * 60_000 + 1_000);
      await followLink(late, stale, t.baseUrl);
      await late.getByRole('heading', { name: 'This sign-in link has expired' }).waitFor();
      await checker.check(late, 'link-expired');
      expect(await sessionCookie(late.context())).toBeUndefined();
    });

    it('refuses a POST without or with a wrong form token (403) and changes nothing', async () => {
      const page = await freshPage();
      await signIn(page, receiver, EMAIL.vcs, t.baseUrl);
      await page.goto(`/cases/${caseId}`);
      const before = await settledDump(t);

      // In the browser: the form's token has been tampered with.
      const note = page.locator('#action-add_note');
      await note.locator('summary').click();
      await note.getByLabel('Note').fill('This note must not be saved.');
      await note.locator('input[name="_csrf"]').evaluate((input, value) => input.setAttribute('value', value), 'x'.repeat(43));
      const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), note.getByRole('button', { name: 'Add a note' }).click()]);
      expect(answer.status()).toBe(403);
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await checker.check(page, 'csrf-refused');
      expect(await page.locator('main').innerText()).toContain('The form has expired or did not come from this service');

      // Without any token, and with the token of another session (a form forged elsewhere).
      const version = String((await t.api.get(`/api/v1/cases/${caseId}`, p.vcs.token)).body.version);
      const missing = await page.request.post(`/cases/${caseId}/events`, { form: { type: 'ADD_NOTE', note: 'Forged', version }, maxRedirects: 0 });
      expect(missing.status()).toBe(403);
      const otherSession = await freshPage();
      await otherSession.goto('/sign-in');
      const foreign = await csrfTokenOf(otherSession);
      const wrong = await page.request.post(`/cases/${caseId}/events`, { form: { _csrf: foreign, type: 'ADD_NOTE', note: 'Forged', version }, maxRedirects: 0 });
      expect(wrong.status()).toBe(403);
      const signOut = await page.request.post('/sign-out', { form: {}, maxRedirects: 0 });
      expect(signOut.status()).toBe(403);
      // A visitor's sign-in request needs its token too (no mail is queued).
      const signInWithout = await otherSession.request.post('/sign-in', { form: { email: EMAIL.vcs }, maxRedirects: 0 });
      expect(signInWithout.status()).toBe(403);

      expect(changedTables(before, await settledDump(t))).toEqual([]);
      // The session survived the refused sign-out.
      await page.goto('/cases');
      expect(new URL(page.url()).pathname).toBe('/cases');
    });
  });

  it('fails a page with an accessibility violation, with and without JavaScript (the checker is not blind)', async () => {
    const selfTest = new PageChecker(browser, 'access-selftest');
    try {
      for (const javaScriptEnabled of [true, false]) {
        const page = await freshPage(javaScriptEnabled);
        await page.goto('/sign-in');
        await page.evaluate(() => {
          const img = (globalThis as any).document.createElement('img');
          img.src = '/assets/images/favicon.svg';
          (globalThis as any).document.querySelector('main').append(img);
        });
        await expect(selfTest.check(page, `broken-${javaScriptEnabled ? 'js' : 'no-js'}`)).rejects.toThrow(/image-alt/);
        await page.context().close();
      }
    } finally {
      await selfTest.close();
    }
  });

  it('marks the session cookie (and the form-token cookie) Secure when PUBLIC_URL is https', async () => {
    const secure = await startTestApp({
      clock,
      workers: true,
      env: { SMTP_URL: h.smtpUrl, OUTBOX_POLL_INTERVAL_MS: '100', PUBLIC_URL: 'https://disputes.example.org' },
    });
    try {
      const form = await fetch(`${secure.baseUrl}/sign-in`);
      const csrfSetCookie = form.headers.getSetCookie().find((c) => c.startsWith('cd_csrf='))!;
      expect(csrfSetCookie).toMatch(/; HttpOnly/i);
      expect(csrfSetCookie).toMatch(/; Secure/i);
      expect(csrfSetCookie).toMatch(/; SameSite=Lax/i);
      const csrfCookie = csrfSetCookie.split(';')[0];
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];

      // The bootstrap administrator (ADMIN_EMAIL, admin@localhost) asks for a link.
      const seen = receiver.messages.length;
      const sent = await fetch(`${secure.baseUrl}/sign-in`, {
        method: 'POST',
        headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, email: 'admin@localhost' }),
      });
      expect(sent.status).toBe(200);
      const link = signInLink(await waitForMail(receiver, (m) => m.to.includes('admin@localhost'), seen));
      expect(link.startsWith('https://disputes.example.org/sign-in/')).toBe(true);

      const used = await fetch(onApp(link, secure.baseUrl), {
        method: 'POST',
        headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, next: '/admin' }),
        redirect: 'manual',
      });
      expect(used.status).toBe(303);
      expect(used.headers.get('location')).toBe('/admin');
      const session = used.headers.getSetCookie().find((c) => c.startsWith('cd_session='))!;
      expect(session).toBeDefined();
      expect(session).toMatch(/; HttpOnly/i);
      expect(session).toMatch(/; Secure/i);
      expect(session).toMatch(/; SameSite=Lax/i);
      expect(session).toMatch(/; Path=\//);
      expect(session).toMatch(/; Expires=/);

      const signedOut = await fetch(`${secure.baseUrl}/sign-out`, { method: 'POST', headers: { cookie: session.split(';')[0] }, redirect: 'manual' });
      expect(signedOut.status).toBe(403); // no form token: refused, as any forged form
    } finally {
      await secure.close();
    }
  });
});
