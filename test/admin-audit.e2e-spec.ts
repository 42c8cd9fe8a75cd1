import { DispatchOutboxUseCase, InviteUserUseCase } from '@compact/application';
import { Store, User } from '@compact/domain';
import { dumpDatabase } from './support/database-dump';
import { ManualClock } from './support/manual-clock';
import { Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { SmtpReceiver } from './support/smtp-receiver';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { listOutbox } from './support/outbox-listing';

/*
 * The administration trail: every administrative action (organisations created, people created,
 * invited or deactivated, API tokens issued, mail retried, the administrator created from
 * ADMIN_TOKEN) is an entry of one hash chain for the deployment, written in the transaction of the
 * action, by whom and about whom, never with a token. Administrators and the board read it newest
 * first, page by page, and verify it; parties and mediators may not. An administrator who issues a
 * token for someone makes the service email that person about it, through the outbox.
 */

jest.setTimeout(60_000);

const ISSUED_AT = '2026-12-01T10:15:00.000Z';

describe('the administration trail', () => {
  const receiver = new SmtpReceiver();
  const clock = new ManualClock(new Date(ISSUED_AT));
  let t: TestApp;
  let p: Parties;
  let admin: User;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SMTP_URL: await receiver.start(), MAIL_MAX_ATTEMPTS: '1' } });
    p = await seedParties(t.api);
    admin = (await t.app.get(Store).read((r) => r.users.findByEmail('admin@localhost')))!;
  });
  afterAll(async () => {
    await t?.close();
    await receiver.stop();
  });

  const trail = async (query = '', token = ADMIN_TOKEN) => t.api.get(`/api/v1/admin/audit${query}`, token);
  /** Every entry, newest first, following the cursor. */
  async function everyEntry(limit = 7): Promise<any[]> {
    const entries: any[] = [];
    let cursor: string | null = null;
    do {
      const page = await trail(`?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      entries.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return entries;
  }
  const newest = async () => (await trail('?limit=1')).body.items[0];
  const byAdmin = () => ({ type: 'user', userId: admin.id, organisationId: null, role: 'admin' });

  it('starts with the administrator created from ADMIN_TOKEN, by the service itself, then what seeding did', async () => {
    const entries = await everyEntry();
    const first = entries[entries.length - 1];
    expect(first).toEqual({
      seq: 1,
      at: expect.any(String),
      actor: { type: 'system' },
      action: 'ADMIN_BOOTSTRAPPED',
      subject: { type: 'user', id: admin.id },
      details: { name: 'Administrator', email: 'admin@localhost', role: 'admin', apiTokenLabel: 'ADMIN_TOKEN', source: 'ADMIN_TOKEN' },
      prevHash: '0'.repeat(64),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Six organisations and seven people, each by the administrator, in order.
    const seeded = entries.slice(0, -1).reverse();
    expect(seeded.map((e) => e.action)).toEqual([...Array(6).fill('ORGANISATION_CREATED'), ...Array(7).fill('USER_CREATED')]);
    expect(seeded.every((e) => JSON.stringify(e.actor) === JSON.stringify(byAdmin()))).toBe(true);
    expect(seeded[0]).toMatchObject({ subject: { type: 'organisation', id: p.orgs.vcs }, details: { name: 'Hope Community Trust', kind: 'vcs' } });
    expect(seeded[6]).toMatchObject({
      subject: { type: 'user', id: p.vcs.userId },
      details: { email: 'user1@example.org', role: 'party', organisationId: p.orgs.vcs, apiTokenLabel: 'created with the user' },
    });
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => entries.length - i));
    expect((await trail('/verify')).body).toEqual({ valid: true, entries: 14 });
  });

  it('records a token issued for someone (by whom, for whom, the label, never the token) and emails that person about it', async () => {
    clock.set(ISSUED_AT);
    const issued = await t.api.post(`/api/v1/users/${p.council.userId}/tokens`, { label: 'reporting script' }, ADMIN_TOKEN);
    expect(issued.status).toBe(201);
    const token: string = issued.body.token;
    expect(await newest()).toMatchObject({
      at: ISSUED_AT,
      actor: byAdmin(),
      action: 'API_TOKEN_ISSUED',
      subject: { type: 'user', id: p.council.userId },
      details: { email: 'user3@example.org', label: 'reporting script' },
    });

    // The mail is in the outbox as soon as the token is, before anything is sent.
    const queued = (await listOutbox(t.api, ADMIN_TOKEN, 'pending')).filter((m) => m.kind === 'token-issued');
    expect(queued.map((m) => [m.to, m.topic])).toEqual([[['user3@example.org'], p.council.userId]]);
    receiver.mode = 'accept';
    await t.app.get(DispatchOutboxUseCase).runOnce();
    const mail = receiver.messages.find((m) => m.to.includes('user3@example.org') && m.subject === 'An API token was issued for your account')!;
    expect(mail).toBeDefined();
    expect(mail.body).toContain('Dear User 3,');
    expect(mail.body).toContain('Issued by: Administrator (admin@localhost)');
    expect(mail.body).toContain('When: Tuesday, 1 December 2026 at 10:15 (London time)');
    expect(mail.body).toContain('Label: reporting script');
    expect(mail.body).toContain('If you did not expect this, tell an administrator of the service straight away');
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    for (const text of [mail.raw, mail.body, JSON.stringify(await everyEntry())]) expect(text).not.toContain(token);
  });

  it('records a person deactivated, once; repeating it records nothing', async () => {
    const leaver = await t.api.post('/api/v1/users', { name: 'Lee Leaver', email: 'lee@council.example', role: 'party', organisationId: p.orgs.council }, ADMIN_TOKEN);
    expect(await newest()).toMatchObject({ action: 'USER_CREATED', subject: { id: leaver.body.id }, details: { name: 'Lee Leaver', email: 'lee@council.example' } });
    expect((await t.api.post(`/api/v1/users/${leaver.body.id}/deactivate`, undefined, ADMIN_TOKEN)).status).toBe(200);
    const deactivated = await newest();
    expect(deactivated).toMatchObject({ actor: byAdmin(), action: 'USER_DEACTIVATED', subject: { type: 'user', id: leaver.body.id }, details: { email: 'lee@council.example' } });
    expect((await t.api.post(`/api/v1/users/${leaver.body.id}/deactivate`, undefined, ADMIN_TOKEN)).status).toBe(200);
    expect(await newest()).toEqual(deactivated);
  });

  it('records a person invited (the pages’ use case, on the same database)', async () => {
    const invited = await t.app.get(InviteUserUseCase).execute({ user: admin }, { name: 'Ivy Invitee', email: 'ivy@trust.example', role: 'party', organisationId: p.orgs.vcs });
    expect(await newest()).toMatchObject({
      actor: byAdmin(),
      action: 'USER_INVITED',
      subject: { type: 'user', id: invited.id },
      details: { name: 'Ivy Invitee', email: 'ivy@trust.example', role: 'party', organisationId: p.orgs.vcs },
    });
  });

  it('records outgoing mail retried', async () => {
    receiver.mode = 'reject';
    expect((await t.api.post(`/api/v1/users/${p.vcs2.userId}/tokens`, {}, ADMIN_TOKEN)).status).toBe(201);
    await t.app.get(DispatchOutboxUseCase).runOnce();
    receiver.mode = 'accept';
    const failed = (await listOutbox(t.api, ADMIN_TOKEN, 'failed')).find((m) => m.kind === 'token-issued');
    expect(failed).toBeDefined();
    expect((await t.api.post(`/api/v1/outbox/${failed.id}/retry`, undefined, ADMIN_TOKEN)).status).toBe(200);
    expect(await newest()).toMatchObject({ actor: byAdmin(), action: 'OUTBOX_MESSAGE_RETRIED', subject: { type: 'outbox-message', id: failed.id }, details: { kind: 'token-issued', caseId: null } });
  });

  it('writes nothing, in the trail or elsewhere, for a refused action', async () => {
    const before = await dumpDatabase(t.dataSource);
    expectProblem(await t.api.post('/api/v1/organisations', { name: 'HOPE community trust', kind: 'vcs' }, ADMIN_TOKEN), 409, 'ALREADY_EXISTS');
    expectProblem(await t.api.post('/api/v1/users', { name: 'Again', email: 'User1@example.org', role: 'board' }, ADMIN_TOKEN), 409, 'ALREADY_EXISTS');
    expectProblem(await t.api.post('/api/v1/organisations', { name: 'Not allowed', kind: 'vcs' }, p.vcs.token), 403, 'FORBIDDEN');
    expectProblem(await t.api.post(`/api/v1/users/${p.vcs.userId}/tokens`, {}, p.board.token), 403, 'FORBIDDEN');
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
  });

  it('keeps one unbroken chain when administrators act at the same moment', async () => {
    const before = (await newest()).seq;
    const results = await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => t.api.post('/api/v1/organisations', { name: `Concurrent Trust ${i}`, kind: 'vcs' }, ADMIN_TOKEN)),
      ...Array.from({ length: 8 }, (_, i) => t.api.post(`/api/v1/users/${p.mediator.userId}/tokens`, { label: `client ${i}` }, ADMIN_TOKEN)),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const entries = await everyEntry(50);
    expect(entries[0].seq).toBe(before + 20);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => entries.length - i));
    expect(new Set(entries.map((e) => e.prevHash)).size).toBe(entries.length);
    expect((await trail('/verify')).body).toEqual({ valid: true, entries: entries.length });
  });

  it('is for administrators and the board: parties and mediators get 403, no token 401', async () => {
    expect((await trail('', p.board.token)).status).toBe(200);
    expect((await trail('/verify', p.board.token)).body).toMatchObject({ valid: true });
    for (const token of [p.vcs.token, p.council.token, p.mediator.token]) {
      expectProblem(await trail('', token), 403, 'FORBIDDEN');
      expectProblem(await trail('/verify', token), 403, 'FORBIDDEN');
    }
    expectProblem(await t.api.get('/api/v1/admin/audit'), 401, 'UNAUTHENTICATED');
  });

  it('pages newest first with a cursor; a cursor it never gave out or a bad limit is 400', async () => {
    const all = await everyEntry(200);
    const paged = await everyEntry(3);
    expect(paged).toEqual(all);
    const first = await trail('?limit=2');
    expect(first.body.items.map((e: any) => e.seq)).toEqual([all[0].seq, all[1].seq]);
    const forged = Buffer.from('admin-audit:0', 'utf8').toString('base64url');
    for (const query of ['?cursor=nonsense', `?cursor=${forged}`, '?limit=0', '?limit=201', '?limit=two']) {
      expectProblem(await trail(query), 400, 'VALIDATION_FAILED');
    }
  });
});
