import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from './support/api-client';
import { breachOf45, seedParties } from './support/parties.fixture';
import { ensureBuilt, freePort, ServerProcess } from './support/server-process';
import { SmtpReceiver } from './support/smtp-receiver';
import { ADMIN_TOKEN } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

describe('deadlines survive a crash of the service (SIGKILL)', () => {
  const receiver = new SmtpReceiver();
  let db: TestDatabase;
  let server: ServerProcess;
  let mailDir: string;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    mailDir = mkdtempSync(join(tmpdir(), 'compact-restart-mail-'));
    server = new ServerProcess({
      PORT: String(await freePort()),
      DATABASE_URL: db.url,
      ADMIN_TOKEN,
      DEADLINE_UNIT: 'seconds',
      SMTP_URL: await receiver.start(),
      MAIL_DIR: mailDir,
      TIMER_POLL_INTERVAL_MS: '200',
      OUTBOX_POLL_INTERVAL_MS: '200',
    });
  }, 120_000);

  afterAll(async () => {
    await server.stop();
    await receiver.stop();
    await db.drop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('applies the overdue acknowledgement exactly once after a restart and delivers the reminder', async () => {
    await server.start();
    const api = new ApiClient(server.baseUrl);
    const p = await seedParties(api);
    const raisedAt = Date.now();
    const raised = await api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(raised.status).toBe(201);
    const id = raised.body.id;
    const ack = raised.body.deadlines.find((d: any) => d.key === 'deadline.acknowledgement');
    expect(Date.parse(ack.dueAt) - raisedAt).toBeGreaterThanOrEqual(4900); // 5 working days = 5 s on the demo clock

    await server.kill(); // before the reminder (3 s) and the deadline (5 s)
    await sleepUntil(Date.parse(ack.dueAt) + 1500);
    await server.start();

    // Poll the restarted service until the deadline event and the reminder have been processed.
    const until = Date.now() + 15_000;
    let history: any[] = [];
    while (Date.now() < until) {
      history = (await api.get(`/api/v1/cases/${id}/history`, p.board.token)).body.entries;
      if (history.some((e) => e.eventType === 'REMINDER_SENT' && e.payload.kind === 'reminder')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const overdue = history.filter((e) => e.eventType === 'ACKNOWLEDGEMENT_OVERDUE');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].actor).toEqual({ type: 'system' });
    const view = (await api.get(`/api/v1/cases/${id}`, p.vcs.token)).body;
    expect(view.statePath).toBe('raised.acknowledgementOverdue');
    const reminder = receiver.messages.filter((m) => m.body.includes(id) && /Reminder:/.test(m.subject ?? ''));
    expect(reminder).toHaveLength(1);
    expect(reminder[0].to).toEqual([expect.stringMatching(/@example\.org$/)]);

    // A second restart changes nothing: no timer is left to fire twice.
    await server.kill();
    await server.start();
    await new Promise((r) => setTimeout(r, 1000));
    const again = (await api.get(`/api/v1/cases/${id}/history`, p.board.token)).body.entries;
    expect(again.filter((e: any) => e.eventType === 'ACKNOWLEDGEMENT_OVERDUE')).toHaveLength(1);
    expect((await api.get(`/api/v1/cases/${id}/history/verify`, p.board.token)).body.valid).toBe(true);
  }, 90_000);
});
