import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, parseDatabaseUrl } from '@compact/persistence';
import { DataSource } from 'typeorm';
import { ApiClient } from './support/api-client';
import { connectDirectly } from './support/audit-tamper';
import { dumpDatabase } from './support/database-dump';
import { decodeQuotedPrintable } from './support/mail-parser';
import { childEnv, ensureBuilt, freePort, ServerProcess } from './support/server-process';
import { createTestDatabase, TestDatabase } from './support/test-database';

/*
 * The command line as an operator runs it (`npm run cli -- …` = the built CLI in its own process),
 * on the same database as the built service: help, set-up commands and the listings that show the
 * ids they need, bad input, audit verification and export of a case raised over HTTP, the
 * administration trail (the CLI recorded as the actor; verify-audit --admin), and taking a
 * person's access away.
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

  /** A command that must succeed; answers the JSON (object or array) it printed first. */
  async function ok(...args: string[]): Promise<any> {
    const run = await cli(...args);
    if (run.code !== 0) throw new Error(`cli ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    const json = run.stdout.slice(0, run.stdout.lastIndexOf(run.stdout.startsWith('[') ? ']' : '}') + 1);
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

  it.each([[[]], [['help']], [['--help']], [['-h']], [['create-user', '--help']]])('%j prints the usage and exits 0', async (args) => {
    const run = await cli(...args);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toMatch(/^Usage: npm run cli -- <command> \[options\]/);
    for (const command of ['migrate', 'create-organisation', 'list-organisations', 'create-user', 'list-users', 'create-token', 'verify-audit [CASE_ID | --admin]']) {
      expect(run.stdout).toContain(`  ${command}`);
    }
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

  it('list-organisations and list-users show the ids the other commands need, as JSON, and no token', async () => {
    const organisations = await ok('list-organisations');
    expect(organisations).toEqual([
      { id: councilOrg.id, name: 'Southampton City Council', kind: 'public-body', createdAt: expect.any(String) },
      { id: vcsOrg.id, name: 'Southampton Community Trust', kind: 'vcs', createdAt: expect.any(String) },
    ]);
    expect(await ok('list-organisations', '--kind', 'public-body')).toEqual([organisations[0]]);
    expect(await ok('list-organisations', '--kind', 'mediator')).toEqual([]);

    // The id a listing shows is the one create-user --organisation takes.
    const colleague = await ok('create-user', '--name', 'Val Brown', '--email', 'val@trust.example', '--role', 'party', '--organisation', organisations[1].id);
    const users = await ok('list-users');
    expect(users.map((u: any) => [u.email, u.id, u.role, u.organisationId, u.deactivatedAt])).toEqual([
      ['admin@example.org', admin.id, 'admin', null, null],
      ['cal@council.example', council.id, 'party', councilOrg.id, null],
      ['val@trust.example', colleague.id, 'party', vcsOrg.id, null],
      ['vic@trust.example', vcs.id, 'party', vcsOrg.id, null],
    ]);
    const listed = JSON.stringify(users);
    for (const token of [admin.token, vcs.token, council.token, vcsBackup.token, colleague.token]) expect(listed).not.toContain(token);
    expect(listed).not.toMatch(/token/i);
  });

  it('records every set-up command in the administration trail with the command line as the actor; verify-audit --admin checks it', async () => {
    const rows = await direct.query('SELECT seq, actor_type, actor_user_id, action, subject_id, details FROM admin_audit_entries ORDER BY seq');
    expect(rows.map((r: any) => [Number(r.seq), r.actor_type, r.actor_user_id, r.action, r.subject_id])).toEqual([
      [1, 'cli', null, 'USER_CREATED', admin.id],
      [2, 'cli', null, 'ORGANISATION_CREATED', vcsOrg.id],
      [3, 'cli', null, 'ORGANISATION_CREATED', councilOrg.id],
      [4, 'cli', null, 'USER_CREATED', vcs.id],
      [5, 'cli', null, 'USER_CREATED', council.id],
      [6, 'cli', null, 'API_TOKEN_ISSUED', vcs.id],
      [7, 'cli', null, 'USER_CREATED', expect.any(String)],
    ]);
    expect(JSON.parse(rows[5].details)).toEqual({ email: 'vic@trust.example', label: 'backup laptop' });
    expect(JSON.stringify(rows)).not.toContain(vcsBackup.token);

    const run = await cli('verify-audit', '--admin');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.split('\n')[0])).toEqual({ trail: 'administration', valid: true, entries: 7 });
    expect(run.stdout).toContain('The administration trail verifies (7 entries).');
  });

  it('verify-audit --admin exits 1 and says where when the trail was tampered with', async () => {
    const sql = await connectDirectly(db);
    const tables = ['admin_audit_entries', 'admin_audit_head'];
    try {
      const original = (await sql.run('SELECT details FROM admin_audit_entries WHERE seq = 6'))[0].details;
      await sql.behindTriggers(async () => void (await sql.run(`UPDATE admin_audit_entries SET details = '{"label":"nothing"}' WHERE seq = 6`)), 'replica', tables);
      const changed = await cli('verify-audit', '--admin');
      expect(changed.code).toBe(1);
      expect(JSON.parse(changed.stdout.split('\n')[0])).toEqual({ trail: 'administration', valid: false, entries: 7, brokenAt: 6, reason: 'hash does not match the entry' });
      expect(changed.stdout).toContain('The administration trail is broken at entry 6: hash does not match the entry.');
      await sql.behindTriggers(async () => void (await sql.run('UPDATE admin_audit_entries SET details = $1 WHERE seq = 6', [original])), 'replica', tables);

      const last = (await sql.run('SELECT * FROM admin_audit_entries WHERE seq = 7'))[0];
      await sql.behindTriggers(async () => void (await sql.run('DELETE FROM admin_audit_entries WHERE seq = 7')), 'replica', tables);
      const truncated = await cli('verify-audit', '--admin');
      expect(truncated.code).toBe(1);
      expect(JSON.parse(truncated.stdout.split('\n')[0])).toMatchObject({ valid: false, entries: 6, brokenAt: 7 });
      const columns = Object.keys(last);
      await sql.behindTriggers(
        async () => void (await sql.run(`INSERT INTO admin_audit_entries (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(last))),
        'replica',
        tables,
      );
      expect((await cli('verify-audit', '--admin')).code).toBe(0);
    } finally {
      await sql.close();
    }
  });

  it.each([
    [['create-user', '--name', 'X', '--email', 'x@example.org', '--role', 'wizard'], 2, /--role must be one of: party, mediator, board, admin/],
    [['create-organisation', '--kind', 'vcs'], 2, /--name/],
    [['create-user', '--name', 'X', '--email', 'x@exa_mple.org', '--role', 'board'], 1, /VALIDATION_FAILED.*email: must be an email address like name@example\.org/s],
    [['create-admin', '--email', 'admin@exa\u200Bmple.org'], 1, /VALIDATION_FAILED.*email: must not contain control or invisible characters/s],
    [['create-user', '--name', 'Again', '--email', 'VIC@trust.example', '--role', 'party', '--organisation', 'x'], 1, /VALIDATION_FAILED|organisationId/],
    [['create-admin', '--email', 'admin@example.org'], 1, /ALREADY_EXISTS: A user with the email address admin@example.org already exists/],
    [['deactivate-user', '--email', 'nobody@example.org'], 1, /NOT_FOUND: No user has the email address nobody@example.org/],
    [['export-case'], 2, /give the case id/],
    [['create-token', '--email', 'nobody@example.org'], 1, /NOT_FOUND: No user has the email address nobody@example.org/],
    [['create-token'], 2, /--email/],
    [['no-such-command'], 2, /Unknown command 'no-such-command'/],
    [['constructor'], 2, /Unknown command 'constructor'/],
    [['list-organisations', '--kind', 'wizard'], 2, /--kind must be one of: public-body, vcs, mediator/],
    [['verify-audit', '--admin', 'some-case-id'], 2, /verify-audit --admin takes no case id/],
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
    expect(JSON.parse(one.stdout.split('\n')[0])).toEqual({ caseId, valid: true, entries: 2, documents: [] });
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

  it('migrate-cases moves a running v1 case to v2: a dry run writes nothing, the real run is audited, a second run finds nothing', async () => {
    const onV1 = new ServerProcess({ ...env(), PORT: String(await freePort()), WORKFLOW_DEFAULT: 'compact-dispute/v1' });
    let v1Case = '';
    await onV1.start();
    try {
      const api = new ApiClient(onV1.baseUrl);
      const raised = await api.post(
        '/api/v1/cases',
        { respondentOrganisationId: councilOrg.id, kind: 'disagreement', title: 'Consultation timetable', summary: 'Six weeks only.', becameAwareOn: '2026-11-02', undertakings: [] },
        vcs.token,
      );
      expect([raised.status, raised.body.workflow.version]).toEqual([201, 1]);
      v1Case = raised.body.id;
    } finally {
      await onV1.stop();
    }
    const dump = () => direct.query('SELECT id, workflow_version, version FROM cases ORDER BY id');
    const before = await dump();
    const dry = await cli('migrate-cases', '--from', 'compact-dispute/v1', '--to', 'compact-dispute/v2', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('1 case(s) would move from compact-dispute/v1 to compact-dispute/v2; 0 refused.');
    expect(JSON.parse(dry.stdout.slice(0, dry.stdout.lastIndexOf('}') + 1)).migrated.map((m: any) => [m.caseId, m.toState])).toEqual([
      [v1Case, 'raised.awaitingAcknowledgement'],
    ]);
    expect(await dump()).toEqual(before);
    expect((await cli('migrate-cases', '--from', 'compact-dispute/v1', '--to', 'compact-dispute/v2')).code).toBe(2); // a real run needs --reason
    expect(await cli('migrate-cases', '--from', 'compact-dispute/v2', '--to', 'compact-dispute/v1', '--reason', 'x')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no migration from compact-dispute/v2 to compact-dispute/v1 is declared'),
    });
    const real = await cli('migrate-cases', '--from', 'compact-dispute/v1', '--to', 'compact-dispute/v2', '--reason', 'Agreements followed up');
    expect([real.code, real.stdout.includes('1 case(s) moved')]).toEqual([0, true]);
    expect((await dump()).find((r: any) => r.id === v1Case)).toMatchObject({ workflow_version: 2 });
    const trail = await direct.query(
      db.dialect === 'postgres' ? 'SELECT actor_type, event_type FROM audit_entries WHERE case_id = $1 ORDER BY seq' : 'SELECT actor_type, event_type FROM audit_entries WHERE case_id = ? ORDER BY seq',
      [v1Case],
    );
    expect(trail.at(-1)).toEqual({ actor_type: 'cli', event_type: 'WORKFLOW_MIGRATED' });
    expect((await cli('verify-audit', v1Case)).code).toBe(0);
    const again = await cli('migrate-cases', '--from', 'compact-dispute/v1', '--to', 'compact-dispute/v2', '--reason', 'again');
    expect(again.stdout).toContain('0 case(s) moved');
  });

  it('mailed the person a token was issued for on the command line, once the service ran (never the token)', async () => {
    const mailDir = join(dir, 'mail');
    const tokenMails = () =>
      (existsSync(mailDir) ? readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : [])
        .map((f) => decodeQuotedPrintable(readFileSync(join(mailDir, f), 'utf8')))
        .filter((m) => /^Subject: An API token was issued for your account$/m.test(m));
    // The CLI queued it; the service's dispatcher sends it (here as an .eml file).
    await server.start();
    try {
      for (const until = Date.now() + 15_000; tokenMails().length === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await server.stop();
    }
    const told = tokenMails();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^To: vic@trust\.example$/m);
    expect(told[0]).toContain('Issued by: the command line of the service, run by whoever operates it');
    expect(told[0]).toContain('Label: backup laptop');
    expect(told[0]).not.toContain(vcsBackup.token);
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
      expect((await api.get(`/api/v1/cases/${caseId}/history/verify`, vcs.token)).body).toEqual({ valid: true, entries: 2, documents: [] });
    } finally {
      await server.stop();
    }
  });
});
