import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ApiClient } from './support/api-client';
import { breachOf45, seedParties } from './support/parties.fixture';
import { ensureBuilt, freePort, ServerProcess } from './support/server-process';
import { ADMIN_TOKEN } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/*
 * Without SMTP_URL mail goes to .eml files (quoted-printable, hard to read): the service logs one
 * line per message with its recipients, its subject, the file, and for sign-in and invitation mail
 * the link itself, so a newcomer signs in from the log. The files sort by when they were queued.
 */

jest.setTimeout(90_000);

const FILE_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z_[a-z-]+_[0-9a-f-]{36}\.eml$/;

describe('mail written to .eml files is logged, one line per message', () => {
  let db: TestDatabase;
  let mailDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    mailDir = mkdtempSync(join(tmpdir(), 'compact-dev-mail-'));
    const port = String(await freePort());
    server = new ServerProcess({ PORT: port, DATABASE_URL: db.url, ADMIN_TOKEN, MAIL_DIR: mailDir, OUTBOX_POLL_INTERVAL_MS: '200' });
    await server.start();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  async function waitForLog(pattern: RegExp, timeoutMs = 10_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(server.output);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`no log line matching ${pattern} in:\n${server.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('logs the sign-in link the administrator asked for; the link opens their sign-in, and the file it names says what it is', async () => {
    // The sign-in form as a browser posts it: the form-token cookie from GET /sign-in and its hidden field.
    const form = await fetch(`${server.baseUrl}/sign-in`);
    const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const asked = await fetch(`${server.baseUrl}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ email: 'admin@localhost', _csrf: csrf }).toString(),
      redirect: 'manual',
    });
    expect(asked.status).toBeLessThan(400);

    const [, link, file] = await waitForLog(/Mail to admin@localhost: "Your sign-in link"; sign-in link: (http:\/\/\S+\/sign-in\/[A-Za-z0-9_-]{20,}) \((\S+\.eml)\)/);
    expect(link.startsWith(`http://localhost:${new URL(server.baseUrl).port}/sign-in/`)).toBe(true);
    const page = await fetch(`${server.baseUrl}${new URL(link).pathname}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Continue signing in');
    expect(existsSync(file)).toBe(true);
    expect(basename(file)).toMatch(FILE_NAME);
    expect(basename(file)).toContain('_sign-in_');
  });

  it('logs case mail with its recipients and subject (no link), and every file name sorts in the order the mail was queued', async () => {
    const api = new ApiClient(server.baseUrl);
    const p = await seedParties(api);
    const raised = await api.post('/api/v1/cases', breachOf45(p), p.vcs.token);
    expect(raised.status).toBe(201);
    const [line] = await waitForLog(/Mail to user1@example\.org, user3@example\.org: "\[[^\]]+\] A case has been raised: [^"]+" \(\S+\.eml\)/);
    expect(line).not.toContain('sign-in link');
    const files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(2);
    expect(files.every((f) => FILE_NAME.test(f))).toBe(true);
    expect([...files].sort().map((f) => f.split('_')[1])).toEqual(['sign-in', 'stage-change']);
  });
});
