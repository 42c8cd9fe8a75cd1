import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DispatchOutboxUseCase, FireDueTimersUseCase } from '@compact/application';
import { Store } from '@compact/domain';
import { MailTransport } from '@compact/mail';
import { connectDirectly } from './support/audit-tamper';
import { ManualClock } from './support/manual-clock';
import { listOutbox } from './support/outbox-listing';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { SmtpReceiver } from './support/smtp-receiver';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';

describe('reminders delivered to a real SMTP receiver, with retries and the failed state', () => {
  const receiver = new SmtpReceiver();
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
  let t: TestApp;
  let p: Parties;
  let dispatch: DispatchOutboxUseCase;

  beforeAll(async () => {
    const smtpUrl = await receiver.start();
    t = await startTestApp({
      clock,
      env: { SMTP_URL: smtpUrl, MAIL_MAX_ATTEMPTS: '3', MAIL_RETRY_BASE_MS: '1000', MAIL_SEND_TIMEOUT_MS: '2000', PUBLIC_URL: 'https://disputes.example.org' },
    });
    p = await seedParties(t.api);
    dispatch = t.app.get(DispatchOutboxUseCase);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  const outbox = (status?: string) => listOutbox(t.api, p.admin.token, status);

  it('sends the stage-change mail and the reminder in plain text and HTML, copying the mediator, and audits the reminder', async () => {
    receiver.mode = 'accept';
    clock.set('2026-12-01T10:00:00Z');
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    await dispatch.runOnce();
    const raisedMail = receiver.messages.filter((m) => m.subject?.includes('A case has been raised'));
    expect(raisedMail.length).toBe(1);
    expect(raisedMail[0].to.sort()).toEqual(['user1@example.org', 'user3@example.org'].sort());
    // It says who must act first and by when: the council, by the acknowledgement deadline.
    expect(raisedMail[0].body).toMatch(/Due next: The respondent acknowledges the case: Southampton City Council must act by Tuesday 8 December 2026 \(end of the day; 5 working days\)/);

    clock.set('2026-12-04T00:00:01Z');
    await t.app.get(FireDueTimersUseCase).runOnce();
    const queued = (await outbox('pending')).find((m) => m.caseId === id && m.kind === 'reminder');
    expect(queued).toBeDefined();
    expect(await dispatch.runOnce()).toMatchObject({ sent: 1, failed: 0 });
    const mail = receiver.messages.find((m) => m.messageId === `<${queued.id}@disputes.example.org>`)!;
    expect(mail).toBeDefined();
    expect(mail.to).toEqual(['user3@example.org']); // the council's user must act
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    expect(mail.body).toContain('By: Tuesday 8 December 2026');
    expect(mail.body).toContain(`Open the case: https://disputes.example.org/cases/${id}`);
    expect(mail.body).toContain('4.5  Give at least three months notice in writing');
    const audit = (await t.api.get(`/api/v1/cases/${id}/history`, p.board.token)).body.entries;
    const sent = audit.filter((e: any) => e.eventType === 'REMINDER_SENT');
    expect(sent).toHaveLength(1);
    expect(sent[0].payload).toMatchObject({ kind: 'reminder', topic: 'deadline.acknowledgement', to: ['user3@example.org'] });
    expect((await outbox('sent')).map((m) => m.id)).toContain(queued.id);
  });

  it('copies the mediator on stage-change mail once the case is referred', async () => {
    receiver.mode = 'accept';
    clock.set('2026-12-01T10:00:00Z');
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    await t.api.event(id, { type: 'ACKNOWLEDGE' }, p.council.token);
    await t.api.event(id, { type: 'DECLARE_NEGOTIATION_FAILED', reason: 'No movement.' }, p.vcs.token);
    await t.api.event(id, { type: 'REFER_TO_MEDIATION', mediatorOrganisationId: p.orgs.mediator }, p.vcs.token);
    await t.api.event(id, { type: 'MEDIATOR_ACCEPT' }, p.mediator.token);
    await t.api.event(id, { type: 'MEDIATION_FAILED', reason: 'No agreement.' }, p.mediator.token);
    await dispatch.runOnce();
    const stage = receiver.messages.filter((m) => m.body.includes(id) && m.subject?.includes('moved to mediation'));
    expect(stage.length).toBe(1);
    expect(stage[0].to).toEqual(expect.arrayContaining(['user1@example.org', 'user3@example.org', 'user5@example.org']));
  });

  it('retries a refusing receiver with backoff, marks the message failed after the last attempt, and retries on request', async () => {
    clock.set('2026-12-01T10:00:00Z');
    await dispatch.runOnce();
    receiver.mode = 'reject';
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    const message = (await outbox('pending')).find((m) => m.caseId === id)!;
    expect(await dispatch.runOnce()).toMatchObject({ retrying: 1 });
    expect(await dispatch.runOnce()).toMatchObject({ sent: 0, retrying: 0, failed: 0 }); // backoff: not due yet
    clock.advance(999);
    expect(await dispatch.runOnce()).toMatchObject({ retrying: 0 });
    clock.advance(1);
    expect(await dispatch.runOnce()).toMatchObject({ retrying: 1 }); // second attempt after 1 s
    clock.advance(2000);
    expect(await dispatch.runOnce()).toMatchObject({ failed: 1 }); // third and last attempt after 2 s more
    const failed = await outbox('failed');
    expect(failed.map((m) => m.id)).toContain(message.id);
    expect(failed.find((m) => m.id === message.id)).toMatchObject({ attempts: 3, lastError: expect.stringContaining('451') });

    receiver.mode = 'accept';
    const retried = await t.api.post(`/api/v1/outbox/${message.id}/retry`, {}, p.admin.token);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('pending');
    expect((await t.api.post(`/api/v1/outbox/${message.id}/retry`, {}, p.admin.token)).status).toBe(409);
    expect((await t.api.post(`/api/v1/outbox/${message.id}/retry`, {}, p.vcs.token)).status).toBe(403);
    await dispatch.runOnce();
    expect(receiver.messages.some((m) => m.messageId === `<${message.id}@disputes.example.org>`)).toBe(true);
  });

  it('retries when the receiver drops the connection', async () => {
    clock.set('2026-12-01T10:00:00Z');
    await dispatch.runOnce();
    receiver.mode = 'drop';
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    expect(await dispatch.runOnce()).toMatchObject({ retrying: 1 });
    const pending = (await outbox('pending')).find((m) => m.caseId === id)!;
    expect(pending.attempts).toBe(1);
    receiver.mode = 'accept';
    clock.advance(1000);
    expect(await dispatch.runOnce()).toMatchObject({ sent: 1 });
    expect(receiver.messages.some((m) => m.messageId === `<${pending.id}@disputes.example.org>`)).toBe(true);
  });
});

describe('without SMTP_URL mail is written as .eml files', () => {
  it('writes one RFC 5322 file per message under MAIL_DIR', async () => {
    const t = await startTestApp();
    try {
      const p = await seedParties(t.api);
      await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
      expect(await t.app.get(DispatchOutboxUseCase).runOnce()).toMatchObject({ sent: 1 });
      const files = readdirSync(t.config.mailDir).filter((f) => f.endsWith('.eml'));
      expect(files).toHaveLength(1);
      const eml = readFileSync(join(t.config.mailDir, files[0]), 'utf8');
      expect(eml).toMatch(/^Message-ID: <[0-9a-f-]+@localhost>/m);
      expect(eml).toMatch(/^Subject: .*A case has been raised/m);
      expect(eml).toContain('Give at least three months notice in writing');
      // Named by when it was queued, its kind and its outbox id.
      const [message] = await listOutbox(t.api, ADMIN_TOKEN, 'sent');
      const stamp = new Date(message.createdAt).toISOString().replace(/:/g, '-');
      expect(files[0]).toBe(`${stamp}_stage-change_${message.id}.eml`);
      // The same row sent again (after a crash mid-send) overwrites its own file.
      const row = (await t.app.get(Store).read((r) => r.outbox.findById(message.id)))!;
      await t.app.get(MailTransport).send({
        messageId: `<${row.id}@localhost>`,
        from: t.config.mailFrom,
        to: row.to,
        cc: row.cc,
        recipients: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
        kind: row.kind,
        createdAt: row.createdAt,
      });
      expect(readdirSync(t.config.mailDir).filter((f) => f.endsWith('.eml'))).toEqual(files);
    } finally {
      await t.close();
    }
  });
});

describe('delivery per recipient: refusals at RCPT TO, permanent refusals, the attempt limit', () => {
  const receiver = new SmtpReceiver();
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
  let t: TestApp;
  let p: Parties;
  let dispatch: DispatchOutboxUseCase;
  const VCS = 'user1@example.org';
  const COUNCIL = 'user3@example.org';

  beforeAll(async () => {
    const smtpUrl = await receiver.start();
    t = await startTestApp({
      clock,
      env: { SMTP_URL: smtpUrl, MAIL_MAX_ATTEMPTS: '3', MAIL_RETRY_BASE_MS: '1000', MAIL_SEND_TIMEOUT_MS: '5000', PUBLIC_URL: 'https://disputes.example.org' },
    });
    p = await seedParties(t.api);
    dispatch = t.app.get(DispatchOutboxUseCase);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  /** Raises a case and returns its "case raised" message (to the VCS and the council users), not yet sent. */
  async function raisedMail(): Promise<{ caseId: string; message: any; messageId: string }> {
    const caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    const message = (await listOutbox(t.api, ADMIN_TOKEN, 'pending')).find((m) => m.caseId === caseId && m.kind === 'stage-change');
    expect(message.to.sort()).toEqual([VCS, COUNCIL].sort());
    return { caseId, message, messageId: `<${message.id}@disputes.example.org>` };
  }
  const row = async (id: string) => (await listOutbox(t.api, ADMIN_TOKEN)).find((m) => m.id === id);
  const received = (messageId: string) => receiver.messages.filter((m) => m.messageId === messageId);
  const byAddress = (message: any) => Object.fromEntries(message.recipients.map((r: any) => [r.address, r]));

  beforeEach(() => {
    receiver.mode = 'accept';
    receiver.acceptEveryone();
  });

  it('delivers to the recipients the server accepts and retries only the one it refused for now (4xx), with the same Message-ID', async () => {
    receiver.refuse(COUNCIL, 450);
    const { message, messageId } = await raisedMail();
    await dispatch.runOnce();
    expect(received(messageId).map((m) => m.to)).toEqual([[VCS]]);
    const after1 = await row(message.id);
    expect(after1).toMatchObject({ status: 'pending', attempts: 1 });
    expect(byAddress(after1)[VCS]).toMatchObject({ status: 'sent', field: 'to' });
    expect(byAddress(after1)[COUNCIL]).toMatchObject({ status: 'pending', response: expect.stringMatching(/^450 .*Mailbox busy/) });

    receiver.acceptEveryone();
    clock.advance(1000); // the first retry is due after MAIL_RETRY_BASE_MS
    await dispatch.runOnce();
    // The retry went to the council user only: the VCS user has the message once.
    expect(received(messageId).map((m) => m.to)).toEqual([[VCS], [COUNCIL]]);
    expect(received(messageId).every((m) => /^To: /m.test(m.raw) && m.raw.includes(VCS) && m.raw.includes(COUNCIL))).toBe(true);
    const after2 = await row(message.id);
    expect(after2).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(after2.recipients.map((r: any) => r.status)).toEqual(['sent', 'sent']);
    clock.advance(60_000);
    await dispatch.runOnce();
    expect(received(messageId)).toHaveLength(2);
  });

  it('fails a recipient refused permanently (5xx) at once, with the server’s answer, lists it as failed, and a retry goes to that recipient only', async () => {
    receiver.refuse(COUNCIL, 550);
    const { message, messageId } = await raisedMail();
    await dispatch.runOnce();
    expect(received(messageId).map((m) => m.to)).toEqual([[VCS]]);
    const failed = (await listOutbox(t.api, ADMIN_TOKEN, 'failed')).find((m) => m.id === message.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('550') });
    expect(byAddress(failed)[COUNCIL]).toMatchObject({ status: 'failed', response: expect.stringMatching(/^550 .*No such user here/) });
    expect(byAddress(failed)[VCS]).toMatchObject({ status: 'sent' });
    expect(failed).not.toHaveProperty('text');
    expect(failed).not.toHaveProperty('html');

    clock.advance(3_600_000); // never tried again by itself
    await dispatch.runOnce();
    expect(received(messageId)).toHaveLength(1);
    expect(receiver.refusedRecipients.filter((r) => r === `${COUNCIL} 550`)).toHaveLength(1);

    receiver.acceptEveryone();
    const retried = await t.api.post(`/api/v1/outbox/${message.id}/retry`, {}, ADMIN_TOKEN);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
    expect(retried.body).not.toHaveProperty('text');
    expect(byAddress(retried.body)[COUNCIL].status).toBe('pending');
    await dispatch.runOnce();
    expect(received(messageId).map((m) => m.to)).toEqual([[VCS], [COUNCIL]]);
    expect(await row(message.id)).toMatchObject({ status: 'sent' });
  });

  it('audits a reminder whose only recipient is refused permanently as REMINDER_FAILED at once, naming the recipient and the answer', async () => {
    clock.set('2026-12-01T10:00:00Z');
    const { caseId } = await raisedMail();
    await dispatch.runOnce();
    receiver.refuse(COUNCIL, 550);
    clock.set('2026-12-04T00:00:01Z');
    await t.app.get(FireDueTimersUseCase).runOnce();
    const reminder = (await listOutbox(t.api, ADMIN_TOKEN, 'pending')).find((m) => m.caseId === caseId && m.kind === 'reminder');
    expect(reminder.to).toEqual([COUNCIL]);
    await dispatch.runOnce();
    expect(await row(reminder.id)).toMatchObject({ status: 'failed', attempts: 1 });
    const entries = (await t.api.get(`/api/v1/cases/${caseId}/history`, p.board.token)).body.entries as any[];
    const failed = entries.filter((e) => e.eventType === 'REMINDER_FAILED');
    expect(failed).toHaveLength(1);
    expect(failed[0].payload).toMatchObject({
      kind: 'reminder',
      to: [COUNCIL],
      failures: [{ address: COUNCIL, response: expect.stringMatching(/^550 /) }],
    });
    expect(entries.filter((e) => e.eventType === 'REMINDER_SENT')).toHaveLength(0);
    expect((await t.api.get(`/api/v1/cases/${caseId}/history/verify`, p.board.token)).body.valid).toBe(true);
  });

  it('fails a message the server refuses as a whole with a 5xx at once, without retrying it', async () => {
    receiver.mode = 'reject-permanent';
    const { message, messageId } = await raisedMail();
    const before = receiver.attempts;
    await dispatch.runOnce();
    expect(await row(message.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringMatching(/^554 /) });
    for (let i = 0; i < 3; i++) {
      clock.advance(3_600_000);
      await dispatch.runOnce();
    }
    expect(receiver.attempts - before).toBe(1);
    expect(received(messageId)).toHaveLength(0);
    expect((await row(message.id)).recipients.map((r: any) => r.status)).toEqual(['failed', 'failed']);
  });

  it('never makes more than MAIL_MAX_ATTEMPTS attempts: a message whose last attempt was cut short is failed, not sent again', async () => {
    const { message, messageId } = await raisedMail();
    // What a crash during the third and last attempt leaves: the row `sending`, three attempts
    // counted, and a lease that ran out with the instance that held it.
    const sql = await connectDirectly(t.db);
    try {
      await sql.run(`UPDATE outbox_messages SET status = 'sending', attempts = 3, next_attempt_at = $2 WHERE id = $1`, [
        message.id,
        clock.now().getTime() - 1,
      ]);
    } finally {
      await sql.close();
    }
    expect(await dispatch.runOnce()).toMatchObject({ sent: 0, failed: 1 });
    expect(await row(message.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringContaining('cut short') });
    clock.advance(3_600_000);
    await dispatch.runOnce();
    expect(received(messageId)).toHaveLength(0);
    expect((await row(message.id)).attempts).toBe(3);
  });
});

describe('leases: an instance does not take a message another one is still sending', () => {
  const receiver = new SmtpReceiver();
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
  let t: TestApp;
  let p: Parties;

  beforeAll(async () => {
    const smtpUrl = await receiver.start();
    t = await startTestApp({ clock, env: { SMTP_URL: smtpUrl, MAIL_LEASE_MS: '900', MAIL_SEND_TIMEOUT_MS: '20000' } });
    p = await seedParties(t.api);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  it('renews the lease while the server takes its time, so a second dispatcher leaves the message alone; it arrives once', async () => {
    const first = t.app.get(DispatchOutboxUseCase);
    const second = new DispatchOutboxUseCase(t.app.get(Store), clock, t.app.get(MailTransport), t.config);
    const caseId = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    const message = (await listOutbox(t.api, ADMIN_TOKEN, 'pending')).find((m) => m.caseId === caseId);
    receiver.hold = true;
    const sending = first.runOnce();
    await receiver.waitFor(() => receiver.holding.length === 1, 'the message to arrive');
    // Far beyond the lease the first dispatcher took: only its renewals keep the message its own.
    clock.advance(120_000);
    await new Promise((r) => setTimeout(r, 700));
    const secondRun = second.runOnce();
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.holding).toHaveLength(1); // a lease taken over would be a second copy on its way
    const listed = (await listOutbox(t.api, ADMIN_TOKEN, 'sending')).find((m) => m.id === message.id);
    expect(listed).toMatchObject({ status: 'sending', attempts: 1 });
    receiver.release();
    expect(await secondRun).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await sending).toMatchObject({ sent: 1 });
    expect(receiver.messages.filter((m) => m.messageId === `<${message.id}@localhost>`)).toHaveLength(1);
    expect(receiver.holding).toHaveLength(0);
    expect(second.instanceId).not.toBe(first.instanceId);
  });
});
