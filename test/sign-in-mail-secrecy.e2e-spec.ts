import { BackgroundTasks, DispatchOutboxUseCase, InviteUserUseCase, RequestSignInLinkUseCase } from '@compact/application';
import { Store } from '@compact/domain';
import { connectDirectly, DirectConnection } from './support/audit-tamper';
import { dumpDatabase } from './support/database-dump';
import { ManualClock } from './support/manual-clock';
import { listOutbox } from './support/outbox-listing';
import { seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { SmtpReceiver } from './support/smtp-receiver';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { onApp, signInLink } from './support/web-sign-in';

/*
 * A sign-in link (in a sign-in or an invitation email) is never readable from the outbox: no
 * listing shows the body of such a message, and the stored body is erased once it is delivered,
 * or when the link expires (15 minutes) if that comes first; a message that expired before it
 * could be delivered is failed, saying so.
 */

jest.setTimeout(60_000);

const LINK = /\/sign-in\/[A-Za-z0-9_-]{20,}/;

describe('sign-in links are never readable from the outbox', () => {
  const receiver = new SmtpReceiver();
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
  let t: TestApp;
  let sql: DirectConnection;
  let dispatch: DispatchOutboxUseCase;

  beforeAll(async () => {
    const smtpUrl = await receiver.start();
    t = await startTestApp({ clock, env: { SMTP_URL: smtpUrl, PUBLIC_URL: 'https://disputes.example.org', MAIL_RETRY_BASE_MS: '60000', MAIL_MAX_ATTEMPTS: '2' } });
    await seedParties(t.api);
    sql = await connectDirectly(t.db);
    dispatch = t.app.get(DispatchOutboxUseCase);
  });
  afterAll(async () => {
    await sql?.close();
    await t?.close();
    await receiver.stop();
  });

  const stored = async (id: string) => (await sql.run('SELECT text_body, html_body, status FROM outbox_messages WHERE id = $1', [id]))[0];
  /** A sign-in link asked for as the page does (from a client address), with its mail queued once the answer is given. */
  const requestLink = async (email: string) => {
    await t.app.get(RequestSignInLinkUseCase).execute(email, '127.0.0.1');
    await t.app.get(BackgroundTasks).idle();
  };
  const newest = async (kind: string) => (await listOutbox(t.api, ADMIN_TOKEN)).find((m) => m.kind === kind);

  it('lists a sign-in message without its body, and erases the body once it is delivered: no dump holds the live link', async () => {
    receiver.mode = 'accept';
    await requestLink('user1@example.org');
    const listing = await listOutbox(t.api, ADMIN_TOKEN);
    const message = listing.find((m) => m.kind === 'sign-in');
    expect(JSON.stringify(listing)).not.toMatch(LINK);
    expect(message).not.toHaveProperty('text');
    expect(message).not.toHaveProperty('html');
    expect(message).toMatchObject({ to: ['user1@example.org'], subject: 'Your sign-in link', status: 'pending', erasedAt: null });
    expect((await stored(message.id)).text_body).toMatch(LINK); // until it is delivered, the row needs it

    await dispatch.runOnce();
    const mail = receiver.messages.find((m) => m.to.includes('user1@example.org') && m.subject === 'Your sign-in link')!;
    const link = signInLink(mail);
    const token = link.slice(link.lastIndexOf('/') + 1);

    const row = await stored(message.id);
    expect(row).toMatchObject({ status: 'sent', text_body: '', html_body: '' });
    expect(Number((await sql.run('SELECT erased_at FROM outbox_messages WHERE id = $1', [message.id]))[0].erased_at)).toBe(clock.now().getTime());
    const dump = await dumpDatabase(t.dataSource);
    expect(dump).not.toContain(token);
    expect(dump).not.toMatch(LINK);
    expect(JSON.stringify(await listOutbox(t.api, ADMIN_TOKEN))).not.toContain(token);
    expect(await newest('sign-in')).toMatchObject({ status: 'sent', erasedAt: expect.any(String) });
    // The link itself is live: it opens the page that signs the person in.
    const page = await fetch(onApp(link, t.baseUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Continue signing in');
  });

  it('erases an invitation that could not be delivered before its link expired, fails it saying so, and refuses to retry it', async () => {
    receiver.mode = 'reject';
    const admin = (await t.app.get(Store).read((r) => r.users.findByEmail('admin@localhost')))!;
    await t.app.get(InviteUserUseCase).execute({ user: admin }, { name: 'Ada Brook', email: 'ada.brook@example.org', role: 'board', organisationId: null });
    const message = (await listOutbox(t.api, ADMIN_TOKEN)).find((m) => m.kind === 'invitation' && m.to.includes('ada.brook@example.org'));
    await dispatch.runOnce();
    expect(await stored(message.id)).toMatchObject({ status: 'pending' });
    const link = LINK.exec((await stored(message.id)).text_body)![0];
    expect(await t.api.get('/api/v1/outbox?status=pending', ADMIN_TOKEN).then((r) => JSON.stringify(r.body))).not.toContain(link);

    const attemptsBefore = receiver.attempts;
    clock.advance(15 * 60_000); // the link's 15 minutes are over (the next retry would be due too)
    await dispatch.runOnce();
    expect(receiver.attempts).toBe(attemptsBefore); // not tried again with a dead link
    const failed = (await listOutbox(t.api, ADMIN_TOKEN, 'failed')).find((m) => m.id === message.id);
    expect(failed).toMatchObject({ status: 'failed', lastError: expect.stringContaining('expired before it could be delivered'), erasedAt: expect.any(String) });
    expect(failed.recipients).toEqual([
      expect.objectContaining({ address: 'ada.brook@example.org', status: 'failed', response: expect.stringContaining('expired') }),
    ]);
    expect(await stored(message.id)).toMatchObject({ text_body: '', html_body: '' });
    expect(await dumpDatabase(t.dataSource)).not.toContain(link.slice(link.lastIndexOf('/') + 1));

    const before = await dumpDatabase(t.dataSource);
    expectProblem(await t.api.post(`/api/v1/outbox/${message.id}/retry`, {}, ADMIN_TOKEN), 409, 'MESSAGE_EXPIRED');
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
    receiver.mode = 'accept';
  });

  it('keeps the body of a failed sign-in message while its link lives (so it can be retried), and erases it when the link expires', async () => {
    receiver.mode = 'reject';
    clock.set('2026-12-02T09:00:00Z');
    await requestLink('user3@example.org');
    const message = (await listOutbox(t.api, ADMIN_TOKEN)).find((m) => m.kind === 'sign-in' && m.to.includes('user3@example.org'));
    await dispatch.runOnce();
    clock.advance(60_000);
    await dispatch.runOnce(); // the second and last attempt (MAIL_MAX_ATTEMPTS=2), within the link's 15 minutes
    expect(await stored(message.id)).toMatchObject({ status: 'failed' });
    expect((await stored(message.id)).text_body).toMatch(LINK);
    clock.advance(15 * 60_000);
    await dispatch.runOnce();
    expect(await stored(message.id)).toMatchObject({ status: 'failed', text_body: '', html_body: '' });
    expect((await listOutbox(t.api, ADMIN_TOKEN, 'failed')).find((m) => m.id === message.id).lastError).toContain('expired');
    receiver.mode = 'accept';
  });
});
