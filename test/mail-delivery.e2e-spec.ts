import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DispatchOutboxUseCase, FireDueTimersUseCase } from '@compact/application';
import { ManualClock } from './support/manual-clock';
import { listOutbox } from './support/outbox-listing';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { SmtpReceiver } from './support/smtp-receiver';
import { startTestApp, TestApp } from './support/test-app';

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
    } finally {
      await t.close();
    }
  });
});
