import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, MIGRATIONS, openDatabase, parseDatabaseUrl } from '@compact/persistence';
import { DataSource } from 'typeorm';
import { ApiClient } from './support/api-client';
import { listOutbox } from './support/outbox-listing';
import { breachOf45, seedParties } from './support/parties.fixture';
import { freePort, ServerProcess, ensureBuilt } from './support/server-process';
import { ADMIN_TOKEN } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/*
 * Upgrading a database that holds data: a service run on the schema of the first three migrations
 * (the previous release) leaves people, sessions, tokens, cases, audit entries and outgoing mail;
 * the migrations added since then apply at start, and every row is still there and still works.
 */

jest.setTimeout(120_000);

const LIVE_LINK = `http://localhost:3000/sign-in/${'L'.repeat(43)}`;
const OLD_LINK = `http://localhost:3000/sign-in/${'O'.repeat(43)}`;

const TABLES = ['organisations', 'users', 'api_tokens', 'web_sessions', 'sign_in_links', 'cases', 'case_participants', 'audit_entries', 'case_timers', 'outbox_messages'];

describe('schema upgrade with data in place', () => {
  let db: TestDatabase;
  let previous: DataSource;
  let mailDir: string;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    mailDir = mkdtempSync(join(tmpdir(), 'compact-upgrade-mail-'));
  });
  afterAll(async () => {
    if (previous?.isInitialized) await previous.destroy();
    await db?.drop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  const counts = async (ds: DataSource) =>
    Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, Number((await ds.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n)])));

  it('keeps every row and every token when the new migrations apply', async () => {
    const target = parseDatabaseUrl(db.url);
    // The previous release's schema: the first three migrations only.
    previous = new DataSource({ ...createDataSource(target).options, migrations: MIGRATIONS.slice(0, 3) });
    await previous.initialize();
    await previous.runMigrations({ transaction: 'each' });
    const columns = async (ds: DataSource) =>
      db.dialect === 'sqlite'
        ? (await ds.query(`PRAGMA table_info(users)`)).map((c: { name: string }) => c.name)
        : (await ds.query(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'users'`)).map((c: { name: string }) => c.name);
    expect(await columns(previous)).not.toContain('deactivated_at');

    // Data as the previous release wrote it (rows inserted with that schema's columns only).
    const at = Date.now();
    await previous.query(`INSERT INTO organisations (id, name, name_key, kind, created_at) VALUES ('o-1', 'Trust', 'trust', 'vcs', ${at})`);
    await previous.query(
      `INSERT INTO users (id, name, email, role, organisation_id, created_at) VALUES ('u-1', 'Vic', 'vic@example.org', 'party', 'o-1', ${at})`,
    );
    await previous.query(`INSERT INTO api_tokens (id, user_id, token_hash, label, created_at) VALUES ('t-1', 'u-1', '${'a'.repeat(64)}', 'first', ${at})`);
    await previous.query(
      `INSERT INTO web_sessions (id, user_id, token_hash, csrf_token, expires_at, created_at) VALUES ('s-1', 'u-1', '${'b'.repeat(64)}', 'c', ${at + 3_600_000}, ${at})`,
    );
    await previous.query(
      `INSERT INTO sign_in_links (id, user_id, token_hash, expires_at, used_at, created_at) VALUES ('l-1', 'u-1', '${'c'.repeat(64)}', ${at + 900_000}, NULL, ${at})`,
    );
    // Outgoing mail as the previous release kept it: one status for all recipients, bodies in full.
    const outbox = (id: string, kind: string, status: string, to: string[], cc: string[], extra: { attempts?: number; lastError?: string; text?: string; createdAt?: number; sentAt?: number }) =>
      previous.query(
        `INSERT INTO outbox_messages (id, case_id, kind, status, attempts, next_attempt_at, last_error, topic, to_addresses, cc_addresses, subject, text_body, html_body, created_at, sent_at)
         VALUES ('${id}', NULL, '${kind}', '${status}', ${extra.attempts ?? 0}, ${at}, ${extra.lastError ? `'${extra.lastError}'` : 'NULL'}, NULL,
                 '${JSON.stringify(to)}', '${JSON.stringify(cc)}', 'Subject ${id}', '${extra.text ?? 'Hello'}', '<p>${extra.text ?? 'Hello'}</p>', ${extra.createdAt ?? at}, ${extra.sentAt ?? 'NULL'})`,
      );
    await outbox('m-pending', 'stage-change', 'pending', ['a@example.org'], ['b@example.org'], { attempts: 1, lastError: '451 Try again later' });
    await outbox('m-failed', 'stage-change', 'failed', ['c@example.org'], [], { attempts: 6, lastError: '451 Still busy' });
    await outbox('m-sent-link', 'sign-in', 'sent', ['vic@example.org'], [], { text: `Use this link: ${LIVE_LINK}`, sentAt: at, attempts: 1 });
    await outbox('m-old-invitation', 'invitation', 'pending', ['new@example.org'], [], { text: `Use this link: ${OLD_LINK}`, createdAt: at - 3_600_000 });
    const before = await counts(previous);
    await previous.destroy();

    // The current service starts on it: the pending migrations apply, nothing is lost.
    const current = await openDatabase(target);
    try {
      expect(await columns(current)).toContain('deactivated_at');
      expect(await counts(current)).toEqual(before);
      expect(before).toMatchObject({ users: 1, api_tokens: 1, web_sessions: 1, sign_in_links: 1 });
      expect(await current.query(`SELECT deactivated_at FROM users WHERE id = 'u-1'`)).toEqual([{ deactivated_at: null }]);

      // Every message kept, with its recipients' delivery filled in from its status.
      const outboxColumns =
        db.dialect === 'sqlite'
          ? (await current.query(`PRAGMA table_info(outbox_messages)`)).map((c: { name: string }) => c.name)
          : (await current.query(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'outbox_messages'`)).map((c: { name: string }) => c.name);
      expect(outboxColumns).toEqual(expect.arrayContaining(['recipients', 'expires_at', 'erased_at', 'lease_owner']));
      const rows = Object.fromEntries(
        (await current.query(`SELECT id, status, recipients, text_body, expires_at, erased_at, created_at, sent_at FROM outbox_messages`)).map((r: any) => [r.id, r]),
      );
      expect(Object.keys(rows).sort()).toEqual(['m-failed', 'm-old-invitation', 'm-pending', 'm-sent-link']);
      expect(JSON.parse(rows['m-pending'].recipients)).toEqual([
        { address: 'a@example.org', field: 'to', status: 'pending', response: '451 Try again later', at: null },
        { address: 'b@example.org', field: 'cc', status: 'pending', response: '451 Try again later', at: null },
      ]);
      expect(JSON.parse(rows['m-failed'].recipients)).toEqual([{ address: 'c@example.org', field: 'to', status: 'failed', response: '451 Still busy', at: null }]);
      expect(JSON.parse(rows['m-sent-link'].recipients)).toEqual([{ address: 'vic@example.org', field: 'to', status: 'sent', response: null, at }]);
      expect(rows['m-pending'].expires_at).toBeNull();
      // A delivered sign-in link is erased at once; a link email not yet delivered expires with its link.
      expect(rows['m-sent-link']).toMatchObject({ status: 'sent', text_body: '' });
      expect(Number(rows['m-sent-link'].erased_at)).toBe(at);
      expect(Number(rows['m-old-invitation'].expires_at)).toBe(Number(rows['m-old-invitation'].created_at) + 15 * 60_000);
      expect(JSON.stringify(await current.query('SELECT * FROM outbox_messages'))).not.toContain(LIVE_LINK);
    } finally {
      await current.destroy();
    }
  });

  it('serves the upgraded database: the users and their tokens work, new cases and events are recorded', async () => {
    const server = new ServerProcess({ PATH: process.env.PATH ?? '', DATABASE_URL: db.url, ADMIN_TOKEN, PORT: String(await freePort()), MAIL_DIR: mailDir, OUTBOX_POLL_INTERVAL_MS: '100' });
    await server.start();
    try {
      const api = new ApiClient(server.baseUrl);
      const p = await seedParties(api);
      const raised = await api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
      expect(raised.status).toBe(201);
      expect((await api.event(raised.body.id, { type: 'ACKNOWLEDGE' }, p.council.token)).status).toBe(200);
      expect((await api.get(`/api/v1/cases/${raised.body.id}/history/verify`, p.board.token)).body).toEqual({ valid: true, entries: 2, documents: [] });
      const users = (await api.get('/api/v1/users', ADMIN_TOKEN)).body as any[];
      expect(users.find((u) => u.email === 'vic@example.org')).toMatchObject({ id: 'u-1', deactivatedAt: null });

      // The mail the previous release left: the pending message is delivered to both its recipients,
      // the invitation whose link expired long ago is failed and erased, not sent.
      const until = Date.now() + 10_000;
      let mail: any[] = [];
      while (Date.now() < until) {
        mail = await listOutbox(api, ADMIN_TOKEN);
        if (['m-pending', 'm-old-invitation'].every((id) => !['pending', 'sending'].includes(mail.find((m) => m.id === id)?.status))) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const byId = Object.fromEntries(mail.map((m) => [m.id, m]));
      expect(byId['m-pending']).toMatchObject({ status: 'sent', attempts: 2 });
      expect(byId['m-pending'].recipients.map((r: any) => r.status)).toEqual(['sent', 'sent']);
      expect(byId['m-old-invitation']).toMatchObject({ status: 'failed', lastError: expect.stringContaining('expired'), erasedAt: expect.any(String) });
      expect(byId['m-failed']).toMatchObject({ status: 'failed', attempts: 6 });
      expect(readdirSync(mailDir).filter((f) => f.includes('m-pending'))).toHaveLength(1);
      expect(readdirSync(mailDir).filter((f) => f.includes('m-old-invitation'))).toHaveLength(0);
    } finally {
      await server.stop();
    }
  });
});
