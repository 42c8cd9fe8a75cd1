import { DispatchOutboxUseCase, FireDueTimersUseCase } from '@compact/application';
import { ManualClock } from './support/manual-clock';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { SmtpReceiver } from './support/smtp-receiver';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Email on every hand-off within a stage, delivered to a real SMTP receiver: whoever a change
 * hands the next move to is told what happened, what they must do, by when, and what happens if
 * they do not; a move with no new deadline tells each party what it may do now. The clock is the
 * server's own (injected); nothing here reaches a browser.
 */
describe('hand-off emails', () => {
  const receiver = new SmtpReceiver();
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z')); // a Tuesday
  let t: TestApp;
  let p: Parties;
  let dispatch: DispatchOutboxUseCase;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { SMTP_URL: await receiver.start(), PUBLIC_URL: 'https://disputes.example.org' } });
    p = await seedParties(t.api);
    dispatch = t.app.get(DispatchOutboxUseCase);
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  /** The mail sent since `seen`, once the outbox is dispatched. */
  const newMail = async (seen: number) => {
    await dispatch.runOnce();
    return receiver.messages.slice(seen);
  };

  it('tells the organisation a proposal is handed to what to answer, by when, and what happens if it does not', async () => {
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    expect((await t.api.event(id, { type: 'ACKNOWLEDGE' }, p.council.token)).status).toBe(200);
    await newMail(0);
    const seen = receiver.messages.length;
    expect((await t.api.event(id, { type: 'PROPOSE_RESOLUTION', proposal: 'Three months of funding while we review.' }, p.council.token)).status).toBe(200);
    const mails = await newMail(seen);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([[['user1@example.org'], expect.stringMatching(/^\[SOUTHAMPTON-2026-\d{4}\] You must answer Southampton City Council's proposal by Tuesday 15 December 2026$/)]]);
    const body = mails[0].body.replace(/\s+/g, ' ');
    expect(body).toContain('What happened: Propose a resolution, by Southampton City Council');
    expect(body).toContain("What you must do: Hope Community Trust must answer Southampton City Council's proposal");
    expect(body).toContain('By: Tuesday 15 December 2026 (the end of the day; 10 working days)');
    expect(body).toMatch(/If you do not: \S/);
    expect(body).toContain(`https://disputes.example.org/cases/${id}`);
  });

  it('tells the claimant, when the acknowledgement deadline passes, what it may now do', async () => {
    clock.set('2026-12-01T10:00:00Z');
    await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    await newMail(0);
    const seen = receiver.messages.length;
    clock.set('2026-12-09T00:00:01Z');
    await t.app.get(FireDueTimersUseCase).runOnce();
    const mails = await newMail(seen);
    const toClaimant = mails.find((m) => m.to.includes('user1@example.org') && /what you may do now/.test(m.subject ?? ''));
    expect(toClaimant).toBeDefined();
    const body = toClaimant!.body.replace(/\s+/g, ' ');
    expect(body).toMatch(/Hope Community Trust may now: - .*Refer/);
    // The council, who missed it, is told by the deadline-passed email, not twice.
    expect(mails.filter((m) => m.to.includes('user3@example.org') && /what you may do now/.test(m.subject ?? ''))).toEqual([]);
    expect(mails.some((m) => m.to.includes('user3@example.org') && /Deadline passed/.test(m.subject ?? ''))).toBe(true);
  });

  it('sends nothing for a note', async () => {
    clock.set('2026-12-10T10:00:00Z');
    const id = (await t.api.post('/api/v1/cases', breachOf45(p), p.vcs.token)).body.id;
    await newMail(0);
    const seen = receiver.messages.length;
    expect((await t.api.event(id, { type: 'ADD_NOTE', note: 'For the record.' }, p.vcs.token)).status).toBe(200);
    expect(await newMail(seen)).toEqual([]);
  });
});
