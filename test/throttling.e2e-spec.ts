import { BackgroundTasks } from '@compact/application';
import { ManualClock } from './support/manual-clock';
import { Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { listOutbox } from './support/outbox-listing';
import { SmtpReceiver } from './support/smtp-receiver';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TEST_DIALECT } from './support/test-database';
import { signInLink } from './support/web-sign-in';

jest.setTimeout(120_000);

/*
 * Abuse is throttled, with the counters in the database: sign-in mail per address and per client
 * address (the answer never changes, so nobody learns whether an address is known or limited),
 * older sign-in links stop working when a new one is sent, known and unknown addresses take the
 * same time, and a client sending unknown API tokens is refused with 429 and Retry-After, the same
 * refusal whether a token exists or not. On PostgreSQL the limits hold across two instances.
 */

const MINUTE = 60_000;
const KNOWN = 'user1@example.org';

interface Instance {
  t: TestApp;
  cookie: string;
  csrf: string;
}

async function formTokenOf(t: TestApp): Promise<{ cookie: string; csrf: string }> {
  const form = await fetch(`${t.baseUrl}/sign-in`);
  const cookie = form.headers.getSetCookie().find((c) => c.startsWith('cd_csrf='))!.split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  return { cookie, csrf };
}

/** POST /sign-in as a person would (with the form token), from `forwardedFor` when a proxy is trusted. */
async function askForLink(i: Instance, email: string, forwardedFor?: string): Promise<{ status: number; html: string; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${i.t.baseUrl}/sign-in`, {
    method: 'POST',
    headers: { cookie: i.cookie, 'content-type': 'application/x-www-form-urlencoded', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: new URLSearchParams({ _csrf: i.csrf, email }),
  });
  const html = await res.text();
  return { status: res.status, html, ms: performance.now() - started };
}

/** The page a person sees after asking, with the address they typed taken out. */
const sentPage = (html: string, email: string) =>
  html
    .replaceAll(email, '<email>')
    .replace(/name="_csrf" value="[^"]*"/g, '')
    .replace(/nonce="[^"]*"/g, '');

async function settle(t: TestApp): Promise<void> {
  await t.app.get(BackgroundTasks).idle();
  for (;;) {
    const pending = await listOutbox(t.api, ADMIN_TOKEN, 'pending');
    const sending = await listOutbox(t.api, ADMIN_TOKEN, 'sending');
    if (pending.length + sending.length === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const mailsTo = (receiver: SmtpReceiver, email: string) => receiver.messages.filter((m) => m.to.includes(email) && m.subject === 'Your sign-in link');

describe('throttling', () => {
  const receiver = new SmtpReceiver();
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
  let smtpUrl: string;

  beforeAll(async () => {
    smtpUrl = await receiver.start();
  });
  afterAll(() => receiver.stop());

  const start = async (env: Record<string, string> = {}, db?: Awaited<ReturnType<typeof createTestDatabase>>): Promise<Instance> => {
    const t = await startTestApp({ clock, workers: true, db, env: { SMTP_URL: smtpUrl, OUTBOX_POLL_INTERVAL_MS: '50', ...env } });
    return { t, ...(await formTokenOf(t)) };
  };

  describe('sign-in mail', () => {
    let i: Instance;
    let p: Parties;

    beforeAll(async () => {
      i = await start({ TRUST_PROXY: 'loopback' });
      p = await seedParties(i.t.api);
    });
    afterAll(() => i.t.close());

    it('sends at most 5 links for 200 requests for one address in a second, answering every one as for an unknown address; only the newest link works', async () => {
      const seen = mailsTo(receiver, KNOWN).length;
      const unknown = await askForLink(i, 'nobody@example.org', '203.0.113.1');
      const answers = await Promise.all(Array.from({ length: 200 }, (_, n) => askForLink(i, KNOWN, `198.51.100.${n + 1}`)));
      await settle(i.t);
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
      expect(new Set(answers.map((a) => sentPage(a.html, KNOWN)))).toEqual(new Set([sentPage(unknown.html, 'nobody@example.org')]));
      const mails = mailsTo(receiver, KNOWN).slice(seen);
      expect(mails).toHaveLength(5);

      // One live link at a time: each new one discarded the ones before it.
      const placeholder = TEST_DIALECT === 'postgres' ? '$1' : '?';
      const live = await i.t.dataSource.query(`SELECT COUNT(*) AS n FROM sign_in_links WHERE user_id = ${placeholder} AND used_at IS NULL`, [p.vcs.userId]);
      expect(Number(live[0].n)).toBe(1);
      const results: number[] = [];
      for (const mail of mails) {
        const res = await fetch(`${i.t.baseUrl}${new URL(signInLink(mail)).pathname}`, {
          method: 'POST',
          headers: { cookie: i.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: i.csrf }),
          redirect: 'manual',
        });
        results.push(res.status);
      }
      expect(results.filter((s) => s === 303)).toHaveLength(1);
      expect(results.filter((s) => s === 410)).toHaveLength(4);
    });

    it('sends again once the window is over', async () => {
      clock.advance(16 * MINUTE);
      const seen = mailsTo(receiver, KNOWN).length;
      expect((await askForLink(i, KNOWN, '198.51.100.250')).status).toBe(200);
      await settle(i.t);
      expect(mailsTo(receiver, KNOWN).length).toBe(seen + 1);
    });

    it('limits one client to 20 requests a window, whatever the addresses (and other clients are not held back)', async () => {
      clock.advance(16 * MINUTE);
      const before = receiver.messages.length;
      const people = ['user2@example.org', 'user3@example.org', 'user4@example.org', 'user5@example.org'];
      // 20 requests for unknown addresses use up the client's window...
      for (let n = 0; n < 20; n += 1) expect((await askForLink(i, `stranger${n}@example.org`, '192.0.2.7')).status).toBe(200);
      // ...so the same client's requests for real people send nothing, with the same answer.
      for (const person of people) expect((await askForLink(i, person, '192.0.2.7')).status).toBe(200);
      await settle(i.t);
      expect(receiver.messages.length).toBe(before);
      // Another client is served.
      for (const person of people) await askForLink(i, person, '192.0.2.8');
      await settle(i.t);
      expect(receiver.messages.slice(before).map((m) => m.to[0]).sort()).toEqual(people);
    });

    it('trusts X-Forwarded-For only behind a trusted proxy (TRUST_PROXY unset: one client, however it is forged)', async () => {
      const direct = await start({ SIGN_IN_LIMIT_PER_CLIENT: '3' });
      try {
        await seedParties(direct.t.api);
        await settle(direct.t);
        const before = receiver.messages.length;
        const people = ['user1@example.org', 'user2@example.org', 'user3@example.org', 'user4@example.org', 'user5@example.org'];
        for (const [n, person] of people.entries()) expect((await askForLink(direct, person, `198.51.100.${n + 1}`)).status).toBe(200);
        await settle(direct.t);
        expect(receiver.messages.length - before).toBe(3);
      } finally {
        await direct.t.close();
      }
    });
  });

  describe('unknown API tokens', () => {
    let i: Instance;
    let p: Parties;

    beforeAll(async () => {
      i = await start({ TRUST_PROXY: 'loopback', BAD_TOKEN_LIMIT: '10', BAD_TOKEN_WINDOW_MINUTES: '15' });
      p = await seedParties(i.t.api);
    });
    afterAll(() => i.t.close());

    const call = (token: string, from: string) => i.t.api.request('GET', '/api/v1/cases', { token, headers: { 'x-forwarded-for': from } });
    const guess = (n: number) => `cdt_${'guess'.padEnd(40, String(n % 10))}`;

    it('answers 401 ten times, then 429 with Retry-After to that client for any token, known or not', async () => {
      for (let n = 0; n < 10; n += 1) expectProblem(await call(guess(n), '203.0.113.9'), 401, 'UNAUTHENTICATED');
      const refused = await call(guess(10), '203.0.113.9');
      expectProblem(refused, 429, 'TOO_MANY_REQUESTS');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);

      // A real token that this instance has not seen yet: refused exactly like a guess, and not looked up.
      const fresh = await i.t.api.post('/api/v1/users', { name: 'Newcomer', email: 'newcomer@example.org', role: 'board' }, ADMIN_TOKEN);
      const real = await call(fresh.body.token, '203.0.113.9');
      const fake = await call(guess(11), '203.0.113.9');
      expectProblem(real, 429, 'TOO_MANY_REQUESTS');
      expect(real.body).toEqual(fake.body);
      expect(real.headers.get('retry-after')).toBe(fake.headers.get('retry-after'));

      // Other clients are not held back.
      expect((await call(p.vcs.token, '203.0.113.10')).status).toBe(200);
      expectProblem(await call(guess(12), '203.0.113.10'), 401, 'UNAUTHENTICATED');
    });

    it('lets the client in again when the block is over', async () => {
      clock.advance(15 * MINUTE + 1000);
      expect((await call(p.vcs.token, '203.0.113.9')).status).toBe(200);
      expectProblem(await call(guess(13), '203.0.113.9'), 401, 'UNAUTHENTICATED');
    });

    it('does not count a missing or malformed Authorization header as a guess', async () => {
      for (let n = 0; n < 15; n += 1) expectProblem(await i.t.api.request('GET', '/api/v1/cases', { headers: { 'x-forwarded-for': '203.0.113.11' } }), 401, 'UNAUTHENTICATED');
      expect((await call(p.vcs.token, '203.0.113.11')).status).toBe(200);
    });
  });

  (TEST_DIALECT === 'postgres' ? describe : describe.skip)('two instances sharing PostgreSQL', () => {
    let a: Instance;
    let b: Instance;

    beforeAll(async () => {
      const db = await createTestDatabase();
      a = await start({ TRUST_PROXY: 'loopback' }, db);
      b = await start({ TRUST_PROXY: 'loopback' }, db);
      await seedParties(a.t.api, '-shared');
    });
    afterAll(async () => {
      await b?.t.close();
      await a?.t.close();
      await a?.t.db.drop();
    });

    it('count sign-in requests together: 40 spread over both send at most 5 links', async () => {
      clock.advance(16 * MINUTE);
      const email = 'user1shared@example.org';
      const seen = mailsTo(receiver, email).length;
      const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => askForLink(n % 2 ? a : b, email, `198.51.100.${n + 1}`)));
      expect(new Set(answers.map((r) => r.status))).toEqual(new Set([200]));
      await Promise.all([settle(a.t), settle(b.t)]);
      expect(mailsTo(receiver, email).length - seen).toBe(5);
    });

    it('count unknown tokens together: the 11th, on either instance, is refused on both', async () => {
      for (let n = 0; n < 10; n += 1) {
        expect((await (n % 2 ? a : b).t.api.request('GET', '/api/v1/cases', { token: `cdt_shared_guess_${n}`, headers: { 'x-forwarded-for': '203.0.113.50' } })).status).toBe(401);
      }
      for (const instance of [a, b]) {
        const res = await instance.t.api.request('GET', '/api/v1/cases', { token: 'cdt_shared_guess_x', headers: { 'x-forwarded-for': '203.0.113.50' } });
        expectProblem(res, 429, 'TOO_MANY_REQUESTS');
      }
    });
  });
});
