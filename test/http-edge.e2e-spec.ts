import { gzipSync } from 'node:zlib';
import { Page } from 'playwright-core';
import { PageChecker } from './support/browser';
import { Parties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { ADMIN_TOKEN, TestApp } from './support/test-app';
import { changedTables, settledDump } from './support/web-db';
import { WebHarness } from './support/web-harness';

jest.setTimeout(90_000);

/*
 * The HTTP edge of the service: routes match case-sensitively (an unknown API path in any case is a
 * problem+json 404, an unknown page the GOV.UK 404 page), every response carries helmet's headers
 * (nosniff on all of them, a script-nonce CSP on pages, a CSP of its own on the Swagger UI, which
 * still renders in a browser that enforces it), and a page form that cannot be read is a 4xx error
 * page that saves nothing.
 */
describe('the HTTP edge: routes, headers, unreadable forms', () => {
  const h = new WebHarness('edge');
  let t: TestApp;
  let p: Parties;
  let checker: PageChecker;

  beforeAll(async () => {
    ({ t, p, checker } = await h.start());
  });
  afterAll(() => h.stop());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.baseUrl}${path}`, { headers, redirect: 'manual' });

  /** The anonymous form token and its cookie, as the sign-in page hands them out. */
  async function formToken(): Promise<{ cookie: string; csrf: string }> {
    const form = await get('/sign-in');
    const cookie = form.headers.getSetCookie().find((c) => c.startsWith('cd_csrf='))!.split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
    return { cookie, csrf };
  }

  describe('routes match the case of their letters', () => {
    it.each([
      ['GET', '/API/v1/cases'],
      ['GET', '/Api/V1/Cases'],
      ['GET', '/api/v1/CASES'],
      ['GET', '/api/V1/organisations'],
      ['GET', '/API/docs'],
      ['GET', '/HEALTH'],
      ['POST', '/API/v1/cases'],
      ['POST', '/api/v1/Organisations'],
    ])('%s %s with a valid token is a problem+json 404, never a page or a redirect', async (method, path) => {
      const before = await settledDump(t);
      for (const token of [ADMIN_TOKEN, p.vcs.token, undefined]) {
        const res = await t.api.request(method, path, { token, body: method === 'POST' ? { name: 'Upper Case Trust', kind: 'vcs' } : undefined });
        expectProblem(res, 404, 'NOT_FOUND');
        expect(res.headers.get('location')).toBeNull();
      }
      expect(changedTables(before, await settledDump(t))).toEqual([]);
    });

    it.each(['/Sign-In', '/CASES', '/Cases/new', '/ADMIN', '/Board', '/no-such-page'])('%s is the GOV.UK 404 page', async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toMatch(/<h1 class="govuk-heading-l">Page not found<\/h1>/);
    });

    it('still serves the lower-case addresses', async () => {
      expect((await t.api.get('/api/v1/cases', p.vcs.token)).status).toBe(200);
      expect((await get('/sign-in')).status).toBe(200);
      expect((await get('/health')).status).toBe(200);
    });

    it('shows the 404 page for an upper-case page address in the browser', async () => {
      const page = await h.page();
      const res = await page.goto('/Sign-In');
      expect(res!.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Page not found');
      await checker.check(page, 'upper-case-404');
    });
  });

  describe('headers on every response', () => {
    const responses: Array<[string, () => Promise<Response>]> = [
      ['a page', () => get('/sign-in')],
      ['the 404 page', () => get('/nope')],
      ['a static asset', () => get('/public/app.js')],
      ['an API answer', () => get('/api/v1/compact')],
      ['an API 401', () => get('/api/v1/cases')],
      ['an API 404', () => get('/api/v1/nope')],
      ['/health', () => get('/health')],
      ['the Swagger UI', () => get('/api/docs')],
      ['the OpenAPI document', () => get('/api/docs-json')],
      ['malformed JSON (the body parser refusing)', () => fetch(`${t.baseUrl}/api/v1/cases`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${p.vcs.token}` }, body: '{"x":' })],
      ['a form too large (the body parser refusing)', () => fetch(`${t.baseUrl}/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${'a'.repeat(120_000)}` })],
      ['a form with a lying gzip header', () => fetch(`${t.baseUrl}/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' }, body: 'email=a' })],
    ];

    it.each(responses)('%s: nosniff, no framing, same-origin referrers, a CSP that forbids framing', async (_what, fetchIt) => {
      const res = await fetchIt();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-powered-by')).toBeNull();
      // Served over plain HTTP: browsers are not told to insist on HTTPS.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });

    it('gives each page a fresh script nonce, the one its inline script carries', async () => {
      const nonces: string[] = [];
      for (let i = 0; i < 2; i += 1) {
        const res = await get('/sign-in');
        const csp = res.headers.get('content-security-policy')!;
        const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
        expect(nonce).toBeDefined();
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("base-uri 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain('unsafe-inline');
        expect(await res.text()).toContain(`nonce="${nonce}"`);
        nonces.push(nonce!);
      }
      expect(nonces[0]).not.toBe(nonces[1]);
    });

    it('forbids the API from loading anything', async () => {
      expect((await get('/api/v1/compact')).headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    });

    it('renders the Swagger UI in a browser that enforces its CSP, with no violation', async () => {
      const context = await h.browser.newContext({ baseURL: t.baseUrl });
      try {
        const page = await context.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        const res = await page.goto('/api/docs');
        expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
        await page.locator('.swagger-ui .info .title').filter({ hasText: 'Compact disputes API' }).waitFor();
        await page.locator('.opblock-tag', { hasText: 'cases' }).first().waitFor();
        expect(await page.locator('.opblock').count()).toBeGreaterThan(10);
        await page.screenshot({ path: 'test-artifacts/screenshots/edge-swagger-ui.png' });
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('runs the pages’ own scripts under their CSP (the nonce works), with no violation', async () => {
      const context = await h.browser.newContext({ baseURL: t.baseUrl });
      try {
        const page = await context.newPage();
        const violations: string[] = [];
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        await page.goto('/sign-in');
        // GOV.UK Frontend marks the body once its script (started by the inline, nonced one) has run.
        await page.waitForFunction(() => (globalThis as any).document.body.classList.contains('govuk-frontend-supported'));
        expect(violations).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  describe('a page form that cannot be read', () => {
    const forms: Array<[what: string, status: number, body: (csrf: string) => string | Uint8Array, headers: Record<string, string>]> = [
      ['over 100 kB', 413, (csrf) => `_csrf=${csrf}&email=user1%40example.org&filler=${'a'.repeat(101 * 1024)}`, {}],
      ['with 501 fields', 413, (csrf) => `_csrf=${csrf}&email=user1%40example.org&${Array.from({ length: 499 }, (_, i) => `f${i}=1`).join('&')}`, {}],
      ['with a bogus charset', 415, (csrf) => `_csrf=${csrf}&email=user1%40example.org`, { 'content-type': 'application/x-www-form-urlencoded; charset=klingon' }],
      ['with a gzip header on plain data', 400, (csrf) => `_csrf=${csrf}&email=user1%40example.org`, { 'content-encoding': 'gzip' }],
      ['with truncated gzip', 400, (csrf) => gzipSync(Buffer.from(`_csrf=${csrf}&email=user1%40example.org`)).subarray(0, 20), { 'content-encoding': 'gzip' }],
      ['with broken deflate', 400, (csrf) => `_csrf=${csrf}&email=user1%40example.org`, { 'content-encoding': 'deflate' }],
      ['with broken brotli', 400, (csrf) => `_csrf=${csrf}&email=user1%40example.org`, { 'content-encoding': 'br' }],
      ['with a NUL character', 400, (csrf) => `_csrf=${csrf}&email=user1%40example.org%00`, {}],
    ];

    it.each(forms)('%s is a %p error page, and nothing is saved or sent', async (_what, status, body, headers) => {
      const { cookie, csrf } = await formToken();
      const before = await settledDump(t);
      const seen = h.receiver.messages.length;
      const res = await fetch(`${t.baseUrl}/sign-in`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: body(csrf),
        redirect: 'manual',
      });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html).toMatch(/<h1 class="govuk-heading-l">There is a problem<\/h1>/);
      expect(html).toContain('Nothing was saved');
      expect(changedTables(before, await settledDump(t))).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      expect(h.receiver.messages.length).toBe(seen);
    });

    it('shows the error page in the browser when a form arrives with a body that is not what its Content-Encoding says', async () => {
      const page: Page = await h.page();
      await page.goto('/sign-in');
      await page.getByLabel('Email address').fill('user1@example.org');
      const before = await settledDump(t);
      // What a broken proxy or a hostile client would send: the form as typed, labelled gzip.
      await page.route('**/sign-in', (route) =>
        route.request().method() === 'POST' ? route.continue({ headers: { ...route.request().headers(), 'content-encoding': 'gzip' } }) : route.continue(),
      );
      const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Send me a sign-in link' }).click()]);
      expect(response.status()).toBe(400);
      await page.getByRole('heading', { name: 'There is a problem', level: 1 }).waitFor();
      expect(await page.locator('main').innerText()).toContain('The form could not be read. Nothing was saved.');
      await checker.check(page, 'unreadable-form');
      expect(changedTables(before, await settledDump(t))).toEqual([]);
    });
  });
});
