import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, parseDatabaseUrl } from '@compact/persistence';
import { DataSource } from 'typeorm';
import { ApiClient } from './support/api-client';
import { dumpDatabase } from './support/database-dump';
import { childEnv, ensureBuilt, freePort, ServerProcess } from './support/server-process';
import { createTestDatabase, TestDatabase } from './support/test-database';

/*
 * The command line as an operator runs it (`npm run cli -- …` = the built CLI in its own process),
 * on the same database as the built service: set-up commands, bad input, audit verification and
 * export of a case raised over HTTP, and taking a person's access away.
 */

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '..');
const CLI_MAIN = join(ROOT, 'dist/apps/cli/apps/cli/src/main.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('command line', () => {
  let db: TestDatabase;
  let dir: string;
  let server: ServerProcess;
  /** The test's own connection, for dumps (the CLI and the service each open theirs). */
  let direct: DataSource;
  const env = () => childEnv({ DATABASE_URL: db.url, MAIL_DIR: join(dir, 'mail') });

  function cli(...args: string[]): Promise<Run> {
    return new Promise((done) => {
      execFile(process.execPath, [CLI_MAIN, ...args], { cwd: ROOT, env: env() }, (error, stdout, stderr) => {
        done({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
      });
    });
  }

  /** A command that must succeed; answers the JSON it printed first. */
  async function ok(...args: string[]): Promise<any> {
    const run = await cli(...args);
    if (run.code !== 0) throw new Error(`cli ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    const json = run.stdout.slice(0, run.stdout.lastIndexOf('}') + 1);
    return JSON.parse(json);
  }

  let admin: any;
  let vcsOrg: any;
  let councilOrg: any;
  let vcs: any;
  let council: any;
  let caseId: string;
  let vcsBackup: any;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'compact-cli-'));
    server = new ServerProcess({ ...env(), PORT: String(await freePort()) });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await direct?.destroy();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrate creates the schema and lists every migration', async () => {
    const run = await cli('migrate');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Database is migrated: .*InitialSchema.*UserDeactivation/);
    direct = await openDatabase(parseDatabaseUrl(db.url));
    expect(await direct.query('SELECT COUNT(*) AS n FROM users')).toEqual([{ n: expect.anything() }]);
  });

  it('sets up an administrator, organisations and people, each printed as JSON with the token once', async () => {
    admin = await ok('create-admin', '--email', 'Admin@Example.org');
    expect(admin).toMatchObject({ email: 'admin@example.org', role: 'admin', token: expect.stringMatching(/^\S{32,}$/) });
    vcsOrg = await ok('create-organisation', '--name', 'Southampton Community Trust', '--kind', 'vcs');
    councilOrg = await ok('create-organisation', '--name', 'Southampton City Council', '--kind', 'public-body');
    expect(vcsOrg).toMatchObject({ id: expect.any(String), kind: 'vcs' });
    vcs = await ok('create-user', '--name', 'Vic Smith', '--email', 'vic@trust.example', '--role', 'party', '--organisation', vcsOrg.id);
    council = await ok('create-user', '--name', 'Cal Jones', '--email', 'cal@council.example', '--role', 'party', '--organisation', councilOrg.id);
    expect(council).toMatchObject({ role: 'party', token: expect.any(String) });
    expect(council.token).not.toBe(vcs.token);
    vcsBackup = await ok('create-token', '--email', 'vic@trust.example', '--label', 'backup laptop');
    expect(vcsBackup).toMatchObject({ id: vcs.id, token: expect.stringMatching(/^cdt_/) });
    expect(vcsBackup.token).not.toBe(vcs.token);
  });

  it.each([
    [['create-user', '--name', 'X', '--email', 'x@example.org', '--role', 'wizard'], 2, /--role must be one of: party, mediator, board, admin/],
    [['create-organisation', '--kind', 'vcs'], 2, /--name/],
    [['create-user', '--name', 'Again', '--email', 'VIC@trust.example', '--role', 'party', '--organisation', 'x'], 1, /VALIDATION_FAILED|organisationId/],
    [['create-admin', '--email', 'admin@example.org'], 1, /ALREADY_EXISTS: A user with the email address admin@example.org already exists/],
    [['deactivate-user', '--email', 'nobody@example.org'], 1, /NOT_FOUND: No user has the email address nobody@example.org/],
    [['export-case'], 2, /give the case id/],
    [['create-token', '--email', 'nobody@example.org'], 1, /NOT_FOUND: No user has the email address nobody@example.org/],
    [['create-token'], 2, /--email/],
    [['no-such-command'], 2, /Unknown command 'no-such-command'/],
  ])('refuses %j with exit %i and a message, writing nothing', async (args, code, message) => {
    const before = await dumpDatabase(direct);
    const run = await cli(...args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(await dumpDatabase(direct)).toEqual(before);
  });

  it('verifies and exports the audit trail of a case raised and acknowledged over HTTP', async () => {
    await server.start();
    try {
      const api = new ApiClient(server.baseUrl);
      const raised = await api.post(
        '/api/v1/cases',
        {
          respondentOrganisationId: councilOrg.id,
          kind: 'breach',
          title: 'Funding ended without three months notice',
          summary: 'Our grant was ended with two weeks notice.',
          becameAwareOn: '2026-11-02',
          undertakings: ['4.5'],
        },
        vcs.token,
      );
      expect(raised.status).toBe(201);
      caseId = raised.body.id;
      // The token issued later works as well as the first.
      expect((await api.get(`/api/v1/cases/${caseId}`, vcsBackup.token)).status).toBe(200);
      expect((await api.event(caseId, { type: 'ACKNOWLEDGE' }, council.token)).status).toBe(200);
    } finally {
      await server.stop();
    }

    const one = await cli('verify-audit', caseId);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout.split('\n')[0])).toEqual({ caseId, valid: true, entries: 2 });
    const all = await cli('verify-audit');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/1 case\(s\) checked, 0 broken\./);

    const out = join(dir, 'case.json');
    expect((await cli('export-case', caseId, '--out', out)).code).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8'));
    expect(exported.verification).toMatchObject({ valid: true, entries: 2 });
    expect(JSON.stringify(exported)).toContain('ACKNOWLEDGE');
    expect(JSON.stringify(exported)).toContain(caseId);
  });

  it('deactivate-user takes a person’s API access away at once; others keep theirs; repeating it changes nothing', async () => {
    const first = await ok('deactivate-user', '--email', 'cal@council.example');
    expect(first).toMatchObject({ email: 'cal@council.example', deactivatedAt: expect.any(String) });
    const again = await ok('deactivate-user', '--email', 'CAL@council.example');
    expect(again.deactivatedAt).toBe(first.deactivatedAt);
    const refused = await cli('create-token', '--email', 'cal@council.example');
    expect([refused.code, refused.stderr.trim()]).toEqual([1, 'USER_DEACTIVATED: cal@council.example was deactivated; a deactivated person gets no token']);

    await server.start();
    try {
      const api = new ApiClient(server.baseUrl);
      const refused = await api.get(`/api/v1/cases/${caseId}`, council.token);
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('UNAUTHENTICATED');
      expect((await api.get(`/api/v1/cases/${caseId}`, vcs.token)).status).toBe(200);
      const listed = (await api.get('/api/v1/users', admin.token)).body.find((u: any) => u.email === 'cal@council.example');
      expect(listed.deactivatedAt).toBe(first.deactivatedAt);
      // What they did stays in the evidence.
      const history = await api.get(`/api/v1/cases/${caseId}/history`, vcs.token);
      expect(history.body.entries.map((e: any) => e.eventType)).toEqual(['CASE_RAISED', 'ACKNOWLEDGE']);
      expect((await api.get(`/api/v1/cases/${caseId}/history/verify`, vcs.token)).body).toEqual({ valid: true, entries: 2 });
    } finally {
      await server.stop();
    }
  });
});
