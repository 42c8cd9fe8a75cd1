import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectProblem } from './support/problem';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { ApiClient } from './support/api-client';
import { mapPool } from './support/case-factory';
import { childEnv, ensureBuilt, ServerProcess } from './support/server-process';

/*
 * The built server as it is deployed: `node dist/.../main.js` in a child process. Bad
 * configuration or a malformed Compact file stops it with a non-zero exit and a message naming
 * the problem; a good configuration answers /health and serves the Compact verbatim.
 */

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist/apps/server/apps/server/src/main.js');
const TOKEN = 'startup-admin-token-0123456789abcdef';
const southampton = JSON.parse(readFileSync(join(ROOT, 'compacts/southampton.json'), 'utf8'));

interface Exit {
  code: number | null;
  output: string;
}

/** Runs the server with exactly this environment until it exits (or is killed after `ms`). */
function runServer(env: Record<string, string>, ms = 60_000): Promise<Exit> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: childEnv(env) });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Southampton with one change applied. */
function variant(change: (compact: any) => void): string {
  const copy = structuredClone(southampton);
  change(copy);
  return JSON.stringify(copy);
}

describe('start-up configuration of the built server', () => {
  let dir: string;
  let db: TestDatabase;
  let port: number;
  const base = () => ({ DATABASE_URL: db.url, ADMIN_TOKEN: TOKEN, PORT: String(port), MAIL_DIR: join(dir, 'mail') });
  /** The refused starts run side by side, started once; each test awaits its own. */
  const refused = new Map<string, Promise<Exit>>();
  const startRefused = (key: string, env: Record<string, string>) => {
    if (!refused.has(key)) refused.set(key, runServer(env));
    return refused.get(key)!;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-built.js')], { cwd: ROOT, stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'compact-startup-'));
    db = await createTestDatabase();
    port = await freePort();
    await mapPool(
      [
        ...compactFiles.map(([name, content]) => () => startRefused(name, { ...base(), COMPACT_FILE: compactFile(name, content) })),
        ...badEnv.map(([variable, value]) => () => startRefused(`${variable}=${value}`, { ...base(), [variable]: value })),
        ...unusableDatabases.map(([name, url]) => () => startRefused(name, { ...base(), DATABASE_URL: url(dir) })),
      ],
      4,
      (start) => start(),
    );
  }, 300_000);
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const compactFiles: Array<[name: string, content: string | null, mentions: RegExp[]]> = [
    ['invalid JSON', '{ "format": "compact-catalog/v1", "sections": [', [/not valid JSON/]],
    ['a missing file', null, [/cannot be read/]],
    ['an undertaking without text', variant((c) => delete c.sections[0].groups[0].undertakings[0].text), [/sections\[0\]\.groups\[0\]\.undertakings\[0\]\.text/]],
    ['a duplicate undertaking id', variant((c) => (c.sections[3].groups[1].undertakings[1].id = '4.6')), [/sections\[3\]\.groups\[1\]\.undertakings\[1\]\.id/, /4\.6/, /twice/]],
    ['an undertaking in the wrong section', variant((c) => (c.sections[1].groups[0].undertakings[0].id = '3.99')), [/sections\[1\]\.groups\[0\]\.undertakings\[0\]\.id/, /section 2/]],
    ['a group binding nobody', variant((c) => (c.sections[0].groups[1].binds = 'charities')), [/sections\[0\]\.groups\[1\]\.binds/]],
    ['an unknown field', variant((c) => (c.sections[2].colour = 'red')), [/sections\[2\]\.colour/]],
    ['a file that is an array', '[]', [/\(root\)/]],
  ];

  function compactFile(name: string, content: string | null): string {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
    if (content !== null) writeFileSync(file, content);
    return file;
  }

  it.each(compactFiles)('refuses a Compact file with %s, naming where', async (name, content, mentions) => {
    const file = compactFile(name, content);
    const exit = await startRefused(name, { ...base(), COMPACT_FILE: file });
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(exit.output).toContain(file);
    for (const mention of mentions) expect(exit.output).toMatch(mention);
  });

  const badEnv: Array<[variable: string, value: string]> = [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/compact'],
    ['DATABASE_URL', 'sqlite::memory:'],
    ['DATABASE_URL', 'postgres://'],
    ['DEADLINE_UNIT', 'hours'],
    ['ADMIN_TOKEN', 'too-short'],
    ['ADMIN_TOKEN', 'a token with spaces in it 0123456789'],
    ['HOST', 'everywhere'],
    ['HOST', '0.0.0.0:3000'],
    ['TRUST_PROXY', 'yes'],
    ['SIGN_IN_LIMIT_PER_ADDRESS', '0'],
    ['BAD_TOKEN_LIMIT', 'lots'],
    ['DATABASE_POOL_SIZE', '0'],
    ['ROLE', 'scheduler'],
    ['DATABASE_STATEMENT_TIMEOUT_MS', 'soon'],
  ];

  it.each(badEnv)('refuses %s=%s with a message naming the variable', async (variable, value) => {
    const exit = await startRefused(`${variable}=${value}`, { ...base(), [variable]: value });
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(exit.output).toMatch(new RegExp(`\\b${variable}\\b`));
  });

  /** Well-formed URLs of databases that cannot be opened: start-up must still end, saying which setting is wrong. */
  const unusableDatabases: Array<[name: string, url: (dir: string) => string]> = [
    ['an unreachable PostgreSQL server', () => 'postgres://postgres@127.0.0.1:1/compact'],
    [
      'a SQLite file under a regular file',
      (d) => {
        writeFileSync(join(d, 'not-a-directory'), '');
        return `sqlite:${join(d, 'not-a-directory', 'compact.sqlite')}`;
      },
    ],
  ];

  it.each(unusableDatabases)('stops on %s with a message naming DATABASE_URL', async (name) => {
    const exit = await startRefused(name, {});
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(exit.output).toMatch(/\bDATABASE_URL\b/);
  });

  it('stops with a message naming HOST when HOST is not an address of this machine', async () => {
    // 192.0.2.1 is reserved for documentation: no machine has it, so listening there fails at once.
    const exit = await runServer({ ...base(), PORT: String(await freePort()), HOST: '192.0.2.1' });
    expect(exit.code).toBe(2);
    expect(exit.output).toMatch(/HOST='192\.0\.2\.1' is not an address of this machine/);
  });

  it('stops with a message naming PORT when the port is taken', async () => {
    const taken = createServer();
    const takenPort = await new Promise<number>((done) => taken.listen(0, '127.0.0.1', () => done((taken.address() as { port: number }).port)));
    try {
      const exit = await runServer({ ...base(), PORT: String(takenPort) });
      expect(exit.code).toBe(2);
      expect(exit.output).toContain(`PORT=${takenPort}: another program already listens on 127.0.0.1 port ${takenPort}`);
    } finally {
      await new Promise((done) => taken.close(done));
    }
  });

  it('listens on HOST only: 127.0.0.2 answers, 127.0.0.1 does not', async () => {
    const hostPort = await freePort();
    const server = spawn(process.execPath, [MAIN], { cwd: ROOT, env: childEnv({ ...base(), PORT: String(hostPort), HOST: '127.0.0.2' }) });
    let log = '';
    server.stdout.on('data', (d) => (log += d));
    server.stderr.on('data', (d) => (log += d));
    try {
      const there = new ApiClient(`http://127.0.0.2:${hostPort}`);
      for (let waited = 0; (await there.get('/health').catch(() => null))?.status !== 200; waited += 100) {
        if (server.exitCode !== null || waited > 30_000) throw new Error(`the server did not come up on 127.0.0.2:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      await expect(fetch(`http://127.0.0.1:${hostPort}/health`)).rejects.toThrow();
      expect(log).toContain(`Listening on 127.0.0.2 port ${hostPort}`);
    } finally {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
  });

  it('names every bad variable at once', async () => {
    const exit = await runServer({ ...base(), PORT: 'abc', DEADLINE_UNIT: 'hours', ADMIN_TOKEN: 'short' });
    expect(exit.code).not.toBe(0);
    for (const variable of ['PORT', 'DEADLINE_UNIT', 'ADMIN_TOKEN']) expect(exit.output).toContain(variable);
  });

  describe('a good start', () => {
    let child: ChildProcess;
    let api: ApiClient;
    let output = '';

    beforeAll(async () => {
      child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: childEnv({ ...base(), PORT: String(port) }) });
      child.stdout!.on('data', (d) => (output += d));
      child.stderr!.on('data', (d) => (output += d));
      api = new ApiClient(`http://127.0.0.1:${port}`);
      for (let waited = 0; ; waited += 100) {
        const health = await api.get('/health').catch(() => null);
        if (health?.status === 200) break;
        if (child.exitCode !== null || waited > 30_000) throw new Error(`the server did not come up:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }, 60_000);
    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    });

    it('listens on 127.0.0.1 only by default (another loopback address is refused)', async () => {
      expect((await api.get('/health')).status).toBe(200);
      await expect(fetch(`http://127.0.0.2:${port}/health`)).rejects.toThrow();
      expect(output).toContain(`Listening on 127.0.0.1 port ${port}`);
    });

    it('answers GET /health with 200 and a database round trip', async () => {
      const health = await api.get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', database: 'ok', compact: 'southampton', workflow: 'compact-dispute/v2' });
    });

    it('serves every undertaking of compacts/southampton.json verbatim, with the side it binds', async () => {
      const flatten = (compact: any) =>
        compact.sections.flatMap((s: any) =>
          s.groups.flatMap((g: any) => g.undertakings.map((u: any) => ({ id: u.id, text: u.text, binds: g.binds }))),
        );
      const served = await api.get('/api/v1/compact');
      expect(served.status).toBe(200);
      const expected = flatten(southampton);
      expect(expected.length).toBeGreaterThan(50);
      expect(flatten(served.body)).toEqual(expected);
      expect(served.body.disputeResolution.text).toBe(southampton.disputeResolution.text);
      for (const u of expected) {
        const one = await api.get(`/api/v1/compact/undertakings/${u.id}`);
        expect({ id: u.id, status: one.status, text: one.body.text }).toEqual({ id: u.id, status: 200, text: u.text });
      }
    });

    it('cites the unnumbered paragraph after 3.11 as 3.11a', async () => {
      const res = await api.get('/api/v1/compact/undertakings/3.11a');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: '3.11a',
        section: '3',
        binds: 'public-bodies',
        unnumbered: true,
        text: 'Demonstrate how funding arrangements and financial support can allow smaller and specialist providers to play a greater part.',
      });
      const ids = (await api.get('/api/v1/compact')).body.sections[2].groups[0].undertakings.map((u: any) => u.id);
      expect(ids.slice(ids.indexOf('3.11'), ids.indexOf('3.11') + 3)).toEqual(['3.11', '3.11a', '3.12']);
    });

    it('answers an unknown undertaking with 404 NOT_FOUND', async () => {
      for (const id of ['9.99', '3.11b', '4.5.1', 'x']) expectProblem(await api.get(`/api/v1/compact/undertakings/${id}`), 404, 'NOT_FOUND');
    });

    it('bootstrapped the administrator from ADMIN_TOKEN', async () => {
      expect((await api.get('/api/v1/users', TOKEN)).status).toBe(200);
      expect((await api.get('/api/v1/users', 'wrong-token-0123456789abcdefghij')).status).toBe(401);
    });
  });
});

describe('ADMIN_TOKEN once an administrator exists', () => {
  let db: TestDatabase;
  let dir: string;

  const running: ServerProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'compact-admin-token-'));
  });
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (adminToken: string): Promise<ServerProcess> => {
    const server = new ServerProcess({ DATABASE_URL: db.url, ADMIN_TOKEN: adminToken, PORT: String(await freePort()), MAIL_DIR: join(dir, 'mail') });
    running.push(server);
    await server.start();
    return server;
  };
  const WARNING = 'ADMIN_TOKEN is set but was NOT used';

  it('warns when it is set but not used, and stays quiet when it is the administrator\'s own token', async () => {
    const first = await start(TOKEN);
    expect(first.output).toContain('Created the administrator (admin@localhost) from ADMIN_TOKEN');
    await first.stop();

    const other = 'another-admin-token-0123456789abcdef';
    const second = await start(other);
    await new Promise((r) => setTimeout(r, 200));
    expect(second.output).toContain(WARNING);
    expect(second.output).toContain('create-token');
    const api = new ApiClient(second.baseUrl);
    expect((await api.get('/api/v1/users', other)).status).toBe(401);
    expect((await api.get('/api/v1/users', TOKEN)).status).toBe(200);
    await second.stop();

    const third = await start(TOKEN);
    await new Promise((r) => setTimeout(r, 200));
    expect(third.output).not.toContain(WARNING);
    expect(third.output).not.toContain('Created the administrator');
    await third.stop();
  });
});
