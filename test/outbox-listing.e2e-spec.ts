import { DispatchOutboxUseCase, newOutboxMessage } from '@compact/application';
import { OutboxMessage, Store } from '@compact/domain';
import { dumpDatabase } from './support/database-dump';
import { ManualClock } from './support/manual-clock';
import { listOutbox } from './support/outbox-listing';
import { Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { SmtpReceiver } from './support/smtp-receiver';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';

/*
 * GET /api/v1/outbox pages through every message, newest first, by cursor and limit (as
 * /api/v1/cases does): with more than 100 failed messages, every one of them is listed once.
 */

jest.setTimeout(60_000);

describe('the outbox listing pages through every message', () => {
  const receiver = new SmtpReceiver();
  const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
  let t: TestApp;
  let p: Parties;
  let failedIds: string[];

  beforeAll(async () => {
    const smtpUrl = await receiver.start();
    t = await startTestApp({ clock, env: { SMTP_URL: smtpUrl, MAIL_MAX_ATTEMPTS: '1' } });
    p = await seedParties(t.api);
    // 130 messages the server refuses, each failed after its one attempt: 100 queued at the same
    // instant (the cursor must tell them apart by id), 30 more a second apart.
    const queue = (n: number, at: Date): OutboxMessage[] =>
      Array.from({ length: n }, (_, i) =>
        newOutboxMessage({ caseId: null, kind: 'stage-change', topic: null, at, to: [`person${i}@example.org`], cc: [], subject: `Message ${i}`, text: 'Hello', html: '<p>Hello</p>' }),
      );
    const messages = [...queue(100, clock.now()), ...Array.from({ length: 30 }, (_, i) => queue(1, new Date(clock.now().getTime() + (i + 1) * 1000))[0])];
    await t.app.get(Store).write((r) => r.outbox.enqueue(messages));
    clock.advance(60_000);
    receiver.mode = 'reject';
    const dispatch = t.app.get(DispatchOutboxUseCase);
    let failed = 0;
    for (let round = 0; round < 5 && failed < messages.length; round++) failed += (await dispatch.runOnce()).failed;
    expect(failed).toBe(130);
    failedIds = messages.map((m) => m.id);
    // Two more that are delivered: the status filter leaves them out.
    receiver.mode = 'accept';
    await t.app.get(Store).write((r) => r.outbox.enqueue(queue(2, clock.now())));
    expect(await dispatch.runOnce()).toMatchObject({ sent: 2 });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });

  it('lists all 130 failed messages once each, newest first, 100 a page', async () => {
    const all = await listOutbox(t.api, ADMIN_TOKEN, 'failed');
    expect(all.map((m) => m.id).sort()).toEqual([...failedIds].sort());
    const first = await t.api.get('/api/v1/outbox?status=failed&limit=100', ADMIN_TOKEN);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(100);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.api.get(`/api/v1/outbox?status=failed&limit=100&cursor=${encodeURIComponent(first.body.nextCursor)}`, ADMIN_TOKEN);
    expect(second.body.items).toHaveLength(30);
    expect(second.body.nextCursor).toBeNull();

    const order = all.map((m) => [Date.parse(m.createdAt), m.id] as const);
    const sorted = [...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1));
    expect(order).toEqual(sorted);
    expect(all.every((m) => m.status === 'failed' && !('text' in m) && !('html' in m))).toBe(true);
  });

  it('gives 20 a page by default, the same messages whatever the page size, and filters by status', async () => {
    const page = await t.api.get('/api/v1/outbox?status=failed', ADMIN_TOKEN);
    expect(page.body.items).toHaveLength(20);
    const bySeven = await listOutbox(t.api, ADMIN_TOKEN, 'failed', 7);
    expect(bySeven.map((m) => m.id)).toEqual((await listOutbox(t.api, ADMIN_TOKEN, 'failed')).map((m) => m.id));
    expect((await listOutbox(t.api, ADMIN_TOKEN)).length).toBe(132);
    expect((await listOutbox(t.api, ADMIN_TOKEN, 'sent')).length).toBe(2);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['status=lost', 'status'],
    ['cursor=not-a-cursor', 'cursor'],
    ['page=2', 'page'],
  ])('refuses ?%s with a 400 naming %s, and writes nothing', async (query, field) => {
    const before = await dumpDatabase(t.dataSource);
    expectProblem(await t.api.get(`/api/v1/outbox?${query}`, ADMIN_TOKEN), 400, 'VALIDATION_FAILED', [field]);
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
  });

  it('is for administrators only', async () => {
    expectProblem(await t.api.get('/api/v1/outbox', p.board.token), 403, 'FORBIDDEN');
  });
});
