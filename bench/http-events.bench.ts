/*
 * Events over HTTP: POST /api/v1/cases/:id/events (ADD_NOTE spread over many cases) with 10
 * connections (autocannon), against a no-op POST of the same application and the raw
 * better-sqlite3 single-row transaction rate, all measured in this run, rounds interleaved.
 * The application runs in a child process (bench/support/http-server.ts) on 127.0.0.1.
 * Targets (issue 2): events >= 15 % of the raw rate, p99 < 25 ms; the ratio to no-op is reported.
 */
import { REPO_ROOT } from './support/aliases';
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import {
  benchOptions,
  fmt,
  median,
  noiseWarning,
  printEnvironment,
  printTable,
  report,
  runMain,
  SummaryRow,
  verdict,
} from './support/bench-kit';
import { NOTE } from './support/engine-fixture';
import { RawSqliteBaseline } from './support/raw-sqlite';

// autocannon ships no type declarations; this is the part of its API used here.
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; p97_5: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats?: Record<string, { count: number }>;
  '2xx': number;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon: Cannon = require('autocannon');

const CONNECTIONS = 10;
const RAW_TARGET = 0.15;
const P99_TARGET_MS = 25;

interface Ready {
  kind: 'ready';
  baseUrl: string;
  cases: string[];
  tokens: { claimant: string; respondent: string };
  auditRows: number;
}

class ServerProcess {
  private seq = 0;
  private constructor(private readonly child: ChildProcess, readonly ready: Ready) {}

  static start(caseCount: number, execArgv: string[]): Promise<ServerProcess> {
    const child = fork(join(__dirname, 'support', 'http-server.js'), [String(caseCount)], {
      cwd: REPO_ROOT,
      execArgv: ['--expose-gc', ...execArgv],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the bench server exited with ${code} before it was ready`)));
      child.once('message', (msg: Ready) => resolve(new ServerProcess(child, msg)));
    });
  }

  request<T>(kind: 'stats' | 'gc' | 'cpu'): Promise<T> {
    const id = ++this.seq;
    return new Promise((resolve) => {
      const onMessage = (msg: { kind: string; id: number }) => {
        if (msg.id !== id) return;
        this.child.off('message', onMessage);
        resolve(msg as T);
      };
      this.child.on('message', onMessage);
      this.child.send({ kind, id });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.removeAllListeners('exit');
      this.child.once('exit', () => resolve());
      this.child.send({ kind: 'stop' });
    });
  }
}

interface Run {
  rps: number;
  /** Server CPU (user + system) per response, µs. */
  cpuUs: number;
  p50: number;
  p99: number;
  total: number;
  ok: number;
  bad: number;
  codes: Record<string, number>;
}

async function load(server: ServerProcess, seconds: number, next: () => CannonRequest): Promise<Run> {
  const before = (await server.request<{ cpu: NodeJS.CpuUsage }>('cpu')).cpu;
  const result = await autocannon({
    url: server.ready.baseUrl,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (req: CannonRequest) => ({ ...req, ...next() }) }],
  });
  const after = (await server.request<{ cpu: NodeJS.CpuUsage }>('cpu')).cpu;
  const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]));
  const ok = codes['200'] ?? 0;
  const total = Object.values(codes).reduce((a, b) => a + b, 0);
  return {
    rps: total / result.duration,
    cpuUs: (after.user - before.user + after.system - before.system) / Math.max(1, total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total,
    ok,
    bad: total - ok + result.errors + result.timeouts,
    codes,
  };
}

async function main(): Promise<void> {
  const opts = benchOptions();
  const seconds = opts.quick ? 2 : 3;
  const rawMs = opts.quick ? 1000 : 1500;
  const caseCount = 300;
  const profileArgv = process.argv.filter((a) => a.startsWith('--server-node-arg=')).map((a) => a.slice('--server-node-arg='.length));
  console.log(`# HTTP: POST /api/v1/cases/:id/events, ${CONNECTIONS} connections, ${seconds} s per run (${opts.rounds} rounds, medians)`);
  printEnvironment();

  const server = await ServerProcess.start(caseCount, profileArgv);
  const { cases, tokens } = server.ready;
  const headers = (token?: string): Record<string, string> => ({
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const body = JSON.stringify({ type: 'ADD_NOTE', note: NOTE });
  let k = 0;
  const event = (): CannonRequest => {
    const n = k++;
    const token = Math.floor(n / cases.length) % 2 ? tokens.respondent : tokens.claimant;
    return { path: `/api/v1/cases/${cases[n % cases.length]}/events`, headers: headers(token), body };
  };
  const noop = (): CannonRequest => ({ path: '/api/bench/noop', headers: headers(), body });
  const noopAuth = (): CannonRequest => ({ path: '/api/bench/noop-auth', headers: headers(tokens.claimant), body });

  const raw = new RawSqliteBaseline();
  // Warm-up of both sides (JIT, statement cache, connections).
  raw.measure(300);
  const warm = [await load(server, 1, noop), await load(server, 1, noopAuth), await load(server, 2, event)];

  const runs = { raw: [] as number[], noop: [] as Run[], noopAuth: [] as Run[], event: [] as Run[] };
  for (let r = 0; r < opts.rounds; r++) {
    runs.raw.push(raw.measure(rawMs).txnPerSec);
    runs.noop.push(await load(server, seconds, noop));
    runs.noopAuth.push(await load(server, seconds, noopAuth));
    runs.event.push(await load(server, seconds, event));
    const e = runs.event[r];
    console.log(
      `round ${r + 1}: raw ${fmt.int(runs.raw[r])} txn/s · no-op ${fmt.int(runs.noop[r].rps)} req/s · no-op+auth ${fmt.int(runs.noopAuth[r].rps)} req/s · ` +
        `event ${fmt.int(e.rps)} req/s (p50 ${fmt.ms(e.p50)}, p99 ${fmt.ms(e.p99)}, non-200 ${e.bad})`,
    );
  }
  raw.close();
  const stats = await server.request<{ memory: NodeJS.MemoryUsage; auditRows: number }>('stats');
  await server.stop();

  const all = [...warm, ...runs.noop, ...runs.noopAuth, ...runs.event];
  const bad = all.reduce((a, r) => a + r.bad, 0);
  const accepted = [warm[2], ...runs.event].reduce((a, r) => a + r.ok, 0);
  const auditAdded = stats.auditRows - server.ready.auditRows;
  // autocannon stops counting at the end of each run while up to CONNECTIONS requests are in flight;
  // the server still commits those, so the audit may hold up to that many more rows per run.
  const unanswered = auditAdded - accepted;
  const consistent = unanswered >= 0 && unanswered <= CONNECTIONS * (1 + runs.event.length);
  const med = (rs: Run[], f: (r: Run) => number) => median(rs.map(f));
  const rawMed = median(runs.raw);
  const noopMed = med(runs.noop, (r) => r.rps);
  const authMed = med(runs.noopAuth, (r) => r.rps);
  const evMed = med(runs.event, (r) => r.rps);
  const paired = median(runs.event.map((e, i) => e.rps / runs.raw[i]));
  const pairedNoop = median(runs.event.map((e, i) => e.rps / runs.noop[i].rps));
  const cpu = (rs: Run[]) => `${fmt.int(med(rs, (r) => r.cpuUs))} µs`;
  const evP50 = med(runs.event, (r) => r.p50);
  const evP99 = med(runs.event, (r) => r.p99);
  const noise = noiseWarning(runs.raw);
  const noisy = noise !== '';
  const rateMet = paired >= RAW_TARGET;
  const p99Met = evP99 < P99_TARGET_MS;

  console.log();
  printTable([
    ['figure (median of rounds)', 'rate', 'spread', 'p50', 'p99', 'server CPU/req', 'to raw', 'to no-op', 'target', ''],
    ['raw better-sqlite3 BEGIN/INSERT/COMMIT (WAL, FULL)', `${fmt.int(rawMed)} txn/s`, fmt.range(runs.raw, fmt.int), '', '', '', '100 %', '', '', ''],
    ['no-op POST (same app, public)', `${fmt.int(noopMed)} req/s`, fmt.range(runs.noop.map((r) => r.rps), fmt.int), fmt.ms(med(runs.noop, (r) => r.p50)), fmt.ms(med(runs.noop, (r) => r.p99)), cpu(runs.noop), fmt.pct(noopMed / rawMed), '100 %', '', ''],
    ['no-op POST + bearer token guard', `${fmt.int(authMed)} req/s`, fmt.range(runs.noopAuth.map((r) => r.rps), fmt.int), fmt.ms(med(runs.noopAuth, (r) => r.p50)), fmt.ms(med(runs.noopAuth, (r) => r.p99)), cpu(runs.noopAuth), fmt.pct(authMed / rawMed), fmt.pct(authMed / noopMed), '', ''],
    ['POST /cases/:id/events ADD_NOTE', `${fmt.int(evMed)} req/s`, fmt.range(runs.event.map((r) => r.rps), fmt.int), fmt.ms(evP50), fmt.ms(evP99), cpu(runs.event), fmt.pct(paired), fmt.pct(pairedNoop), '>= 15 %, p99 < 25 ms', verdict(rateMet && p99Met, noisy)],
  ]);
  console.log('ratios of the event row are paired: median over rounds of (event rate / raw or no-op rate of the same round).');
  console.log(
    `responses: ${fmt.int(all.reduce((a, r) => a + r.total, 0))}, non-200 or failed: ${bad}; events accepted ${fmt.int(accepted)}, ` +
      `audit rows added ${fmt.int(auditAdded)} (${consistent ? `consistent: + ${unanswered} in flight when a run stopped` : 'MISMATCH'}); server RSS ${fmt.mb(stats.memory.rss)}, heap ${fmt.mb(stats.memory.heapUsed)}`,
  );
  if (bad > 0) console.log('status codes:', JSON.stringify(all.map((r) => r.codes)));
  if (noise) console.log(noise);

  const rows: SummaryRow[] = [
    { bench: 'http', metric: 'no-op POST, same app (10 conns)', value: `${fmt.int(noopMed)} req/s`, baseline: `${fmt.int(rawMed)} txn/s raw`, ratio: fmt.pct(noopMed / rawMed), target: '(baseline; ≈ 5,800 req/s expected)', met: null },
    { bench: 'http', metric: 'ADD_NOTE event POST (10 conns)', value: `${fmt.int(evMed)} req/s, ${cpu(runs.event)} server CPU/req`, baseline: `${fmt.int(rawMed)} txn/s raw; ${fmt.int(noopMed)} req/s no-op`, ratio: `${fmt.pct(paired)} of raw; ${fmt.pct(pairedNoop)} of no-op`, target: '>= 15 % of raw', met: rateMet, noisy },
    { bench: 'http', metric: 'ADD_NOTE event latency (10 conns)', value: `p50 ${fmt.ms(evP50)}, p99 ${fmt.ms(evP99)}`, baseline: '', ratio: '', target: 'p99 < 25 ms', met: p99Met, noisy },
    { bench: 'http', metric: 'non-200 responses; audit rows match accepted', value: `${bad}; ${consistent ? 'yes' : 'NO'}`, baseline: '', ratio: '', target: '0; yes', met: bad === 0 && consistent },
  ];
  report({
    name: 'http-events',
    rows,
    data: { noise, runs, rawMed, noopMed, authMed, evMed, paired, pairedNoop, evP50, evP99, bad, accepted, auditAdded, unanswered, serverMemory: stats.memory },
  });
}

runMain(main);
