import { BackgroundTasks } from '@compact/application';
import { dumpDatabase } from './support/database-dump';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { listOutbox } from './support/outbox-listing';

/*
 * An administrator gives a person a further API token (POST /api/v1/users/:id/tokens: a lost token
 * is replaced, a second client gets its own), and takes a person's access away (POST /api/v1/users/:id/deactivate): their token
 * stops working at once (even one trusted a moment ago), their organisation's mail no longer goes
 * to them, they cannot ask for a sign-in link, and what they did stays in the evidence. Refusals
 * change nothing.
 */

jest.setTimeout(60_000);

describe('user access: further tokens and deactivation', () => {
  let t: TestApp;
  let p: Parties;
  let adminId: string;
  /** A second person at the council, who leaves it. */
  let leaver: { id: string; token: string; email: string; second?: string };

  beforeAll(async () => {
    t = await startTestApp();
    p = await seedParties(t.api);
    const users = (await t.api.get('/api/v1/users', ADMIN_TOKEN)).body as any[];
    adminId = users.find((u) => u.role === 'admin').id;
    const created = await t.api.post(
      '/api/v1/users',
      { name: 'Lee Leaver', email: 'lee.leaver@council.example', role: 'party', organisationId: p.orgs.council },
      ADMIN_TOKEN,
    );
    expect(created.status).toBe(201);
    expect(created.body.user.deactivatedAt).toBeNull();
    leaver = { id: created.body.id, token: created.body.token, email: 'lee.leaver@council.example' };
  });
  afterAll(() => t?.close());

  const deactivate = (id: string, token = ADMIN_TOKEN) => t.api.post(`/api/v1/users/${id}/deactivate`, undefined, token);
  const recipientsOf = async (caseId: string) =>
    (await listOutbox(t.api, ADMIN_TOKEN)).filter((m) => m.caseId === caseId).flatMap((m) => [...m.to, ...m.cc]);

  const issue = (id: string, body: unknown = {}, token = ADMIN_TOKEN) => t.api.post(`/api/v1/users/${id}/tokens`, body, token);

  it('issues a further token that works beside the first, shown once as { id, token }', async () => {
    const res = await issue(leaver.id, { label: 'reporting script' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: leaver.id, token: expect.stringMatching(/^cdt_\S{40,}$/) });
    expect(res.body.token).not.toBe(leaver.token);
    expect((await t.api.get('/api/v1/cases', res.body.token)).status).toBe(200);
    expect((await t.api.get('/api/v1/cases', leaver.token)).status).toBe(200);
    leaver.second = res.body.token;
    const rows = await t.dataSource.query(`SELECT label, token_hash FROM api_tokens WHERE user_id = '${leaver.id}' ORDER BY created_at`);
    expect(rows.map((r: any) => r.label)).toEqual(['created with the user', 'reporting script']);
    expect(JSON.stringify(rows)).not.toContain(res.body.token);
  });

  it.each([
    ['an empty label (400)', () => issue(leaver.id, { label: '  ' }), 400, 'VALIDATION_FAILED'],
    ['a label over 100 characters (400)', () => issue(leaver.id, { label: 'x'.repeat(101) }), 400, 'VALIDATION_FAILED'],
    ['an unknown field (400)', () => issue(leaver.id, { label: 'ok', expires: 'never' }), 400, 'VALIDATION_FAILED'],
    ['an unknown user (404)', () => issue('00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND'],
    ['a party asking (403)', () => issue(p.vcs.userId, {}, p.vcs.token), 403, 'FORBIDDEN'],
  ])('refuses a token for %s and changes nothing', async (_name, send, status, code) => {
    const before = await dumpDatabase(t.dataSource);
    expectProblem(await send(), status as number, code as string);
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
  });

  it.each([
    ['an unknown id (404)', () => deactivate('00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND'],
    ['oneself (409)', () => deactivate(adminId), 409, 'SELF_DEACTIVATION'],
    ['a party (403)', () => deactivate(leaver.id, p.vcs.token), 403, 'FORBIDDEN'],
    ['a board member (403)', () => deactivate(leaver.id, p.board.token), 403, 'FORBIDDEN'],
    ['no token (401)', () => t.api.post(`/api/v1/users/${leaver.id}/deactivate`, undefined), 401, 'UNAUTHENTICATED'],
  ])('refuses %s and changes nothing', async (_name, send, status, code) => {
    const before = await dumpDatabase(t.dataSource);
    expectProblem(await send(), status as number, code as string);
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
  });

  it('mails the organisation’s active people, the leaver included, before', async () => {
    const raised = await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(raised.status).toBe(201);
    expect(await recipientsOf(raised.body.id)).toContain(leaver.email);
  });

  it('stops the token at once, even one trusted a moment ago, and answers the user with deactivatedAt', async () => {
    expect((await t.api.get('/api/v1/cases', leaver.token)).status).toBe(200); // now trusted (cached)
    const res = await deactivate(leaver.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: leaver.id, email: leaver.email, deactivatedAt: expect.any(String) });
    expectProblem(await t.api.get('/api/v1/cases', leaver.token), 401, 'UNAUTHENTICATED');
    expectProblem(await t.api.get('/api/v1/cases', leaver.second!), 401, 'UNAUTHENTICATED');
    const listed = ((await t.api.get('/api/v1/users', ADMIN_TOKEN)).body as any[]).find((u) => u.id === leaver.id);
    expect(listed.deactivatedAt).toBe(res.body.deactivatedAt);
    // The colleague who stays keeps working.
    expect((await t.api.get('/api/v1/cases', p.council.token)).status).toBe(200);
  });

  it('gives a deactivated person no new token (409 USER_DEACTIVATED), changing nothing', async () => {
    const before = await dumpDatabase(t.dataSource);
    expectProblem(await issue(leaver.id), 409, 'USER_DEACTIVATED');
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
  });

  it('changes nothing when repeated', async () => {
    const first = ((await t.api.get('/api/v1/users', ADMIN_TOKEN)).body as any[]).find((u) => u.id === leaver.id);
    const before = await dumpDatabase(t.dataSource);
    const again = await deactivate(leaver.id);
    expect(again.status).toBe(200);
    expect(again.body.deactivatedAt).toBe(first.deactivatedAt);
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
  });

  it('no longer mails them about their organisation’s cases; their colleague still gets the mail', async () => {
    const raised = await t.api.post('/api/v1/cases', { ...breachOf45(p), title: 'A second breach' }, p.vcs.token);
    expect(raised.status).toBe(201);
    const recipients = await recipientsOf(raised.body.id);
    expect(recipients).not.toContain(leaver.email);
    expect(recipients.length).toBeGreaterThan(0);
  });

  it('sends them no sign-in link, answering exactly as for an unknown address', async () => {
    // The link and its mail are written just after the answer: wait for that before counting.
    const countSignIn = async () => {
      await t.app.get(BackgroundTasks).idle();
      return (await listOutbox(t.api, ADMIN_TOKEN)).filter((m) => m.kind === 'sign-in').length;
    };
    /** The sign-in form as a browser posts it: the form-token cookie from GET /sign-in and its hidden field. */
    const ask = async (email: string) => {
      const form = await fetch(`${t.baseUrl}/sign-in`);
      const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const res = await fetch(`${t.baseUrl}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ email, _csrf: csrf }).toString(),
      });
      const html = await res.text();
      return { status: res.status, heading: /<h1[^>]*>([^<]+)</.exec(html)?.[1].trim() };
    };
    const before = await countSignIn();
    const forLeaver = await ask(leaver.email);
    const forNobody = await ask('nobody@example.org');
    expect(forLeaver).toEqual({ status: 200, heading: 'Check your email' });
    expect(forNobody).toEqual(forLeaver);
    expect(await countSignIn()).toBe(before);
    // The same request for an active colleague does queue a link (the count above can move).
    expect(await ask('user3@example.org')).toEqual(forLeaver);
    expect(await countSignIn()).toBe(before + 1);
  });

  it('keeps what they did in the audit trail, which still verifies', async () => {
    // A case the leaver acknowledged before leaving (new case, so the leaver acts, then is deactivated).
    const stayer = await t.api.post(
      '/api/v1/users',
      { name: 'Sam Stayer', email: 'sam.stayer@council.example', role: 'party', organisationId: p.orgs.council },
      ADMIN_TOKEN,
    );
    const raised = await t.api.post('/api/v1/cases', { ...breachOf45(p), title: 'A third breach' }, p.vcs.token);
    expect((await t.api.event(raised.body.id, { type: 'ACKNOWLEDGE' }, stayer.body.token)).status).toBe(200);
    expect((await deactivate(stayer.body.id)).status).toBe(200);
    const history = (await t.api.get(`/api/v1/cases/${raised.body.id}/history`, p.board.token)).body;
    expect(history.entries.map((e: any) => [e.eventType, e.actor.userId ?? null])).toEqual([
      ['CASE_RAISED', p.vcs.userId],
      ['ACKNOWLEDGE', stayer.body.id],
    ]);
    expect((await t.api.get(`/api/v1/cases/${raised.body.id}/history/verify`, p.board.token)).body).toEqual({ valid: true, entries: 2, documents: [] });
  });
});
