import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from './support/api-client';
import { connectDirectly } from './support/audit-tamper';
import { listOutbox } from './support/outbox-listing';
import { breachOf45, Parties, seedParties } from './support/parties.fixture';
import { ensureBuilt, freePort, ServerProcess } from './support/server-process';
import { SmtpReceiver } from './support/smtp-receiver';
import { ADMIN_TOKEN } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/*
 * The built service killed (SIGKILL) while a message is with the SMTP server, before the server
 * answered: after a restart the message goes out again within seconds (not after a long lease),
 * with the same Message-ID, once; and a message whose last allowed attempt was the one cut short
 * is failed, not sent again. On SQLite (one instance) every `sending` row is an orphan at
 * start-up; on PostgreSQL (shared by instances) the dead instance's short lease runs out.
 */

jest.setTimeout(150_000);

const LEASE_MS = 10_000; // MAIL_LEASE_MS's default

describe('mail being sent when the service is killed', () => {
  const receiver = new SmtpReceiver();
  let db: TestDatabase;
  let mailDir: string;
  let env: Record<string, string>;
  let server: ServerProcess | null = null;
  let api: ApiClient;
  let p: Parties | undefined;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    mailDir = mkdtempSync(join(tmpdir(), 'compact-crash-mail-'));
    env = {
      PORT: String(await freePort()),
      DATABASE_URL: db.url,
      ADMIN_TOKEN,
      SMTP_URL: await receiver.start(),
      MAIL_DIR: mailDir,
      OUTBOX_POLL_INTERVAL_MS: '200',
      TIMER_POLL_INTERVAL_MS: '5000',
    };
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await receiver.stop();
    await db.drop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  async function start(extra: Record<string, string> = {}): Promise<void> {
    await server?.stop();
    server = new ServerProcess({ ...env, PUBLIC_URL: `http://127.0.0.1:${env.PORT}`, ...extra });
    await server.start();
    api = new ApiClient(server.baseUrl);
    p ??= await seedParties(api);
  }

  afterEach(async () => {
    await server?.stop();
    receiver.release();
  });

  /** Raises a case while the receiver holds every answer, waits for its mail to arrive, then kills the service. */
  async function killMidSend(): Promise<{ id: string; messageId: string }> {
    receiver.hold = true;
    const raised = await api.post('/api/v1/cases', breachOf45(p!), p!.vcs.token);
    expect(raised.status).toBe(201);
    const message = (await listOutbox(api, ADMIN_TOKEN)).find((m) => m.caseId === raised.body.id && m.kind === 'stage-change');
    const messageId = `<${message.id}@127.0.0.1>`;
    await receiver.waitFor(() => receiver.holding.some((m) => m.messageId === messageId), 'the message to reach the server');
    await server!.kill();
    await receiver.waitFor(() => receiver.holdingForNobody.some((m) => m.messageId === messageId), 'the killed sender’s connection to close');
    receiver.release(); // the sender is gone: the server never answered, nothing was delivered
    expect(receiver.abandoned.map((m) => m.messageId)).toContain(messageId);
    const sql = await connectDirectly(db);
    try {
      const [row] = await sql.run('SELECT status, attempts FROM outbox_messages WHERE id = $1', [message.id]);
      expect(row).toMatchObject({ status: 'sending', attempts: 1 });
    } finally {
      await sql.close();
    }
    return { id: message.id, messageId };
  }

  it('sends the interrupted message again within seconds of the restart, with the same Message-ID, exactly once', async () => {
    await start();
    const { id, messageId } = await killMidSend();
    const killedAt = Date.now();
    await start();
    const restartedAt = Date.now();
    await receiver.waitFor(() => receiver.messages.some((m) => m.messageId === messageId), 'the message to be sent again', 30_000);
    const arrivedAt = Date.now();
    if (db.dialect === 'sqlite') expect(arrivedAt - restartedAt).toBeLessThan(5_000);
    else expect(arrivedAt - killedAt).toBeLessThan(LEASE_MS + 6_000);
    await new Promise((r) => setTimeout(r, 1_000));
    const copies = receiver.messages.filter((m) => m.messageId === messageId);
    expect(copies).toHaveLength(1);
    expect(copies[0].to.sort()).toEqual(['user1@example.org', 'user3@example.org']);
    expect((await listOutbox(api, ADMIN_TOKEN)).find((m) => m.id === id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('fails, and does not send again, a message whose last allowed attempt was the one cut short', async () => {
    const oneAttempt = { MAIL_MAX_ATTEMPTS: '1' };
    await start(oneAttempt);
    const { id, messageId } = await killMidSend();
    await start(oneAttempt);
    const until = Date.now() + LEASE_MS + 15_000;
    let message: any;
    while (Date.now() < until) {
      message = (await listOutbox(api, ADMIN_TOKEN)).find((m) => m.id === id);
      if (message.status !== 'sending' && message.status !== 'pending') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(message).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('cut short') });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(receiver.messages.filter((m) => m.messageId === messageId)).toHaveLength(0);
    expect((await listOutbox(api, ADMIN_TOKEN, 'failed')).map((m) => m.id)).toContain(id);
  });
});
