/*
 * Throughput on PostgreSQL (issue 12): POST /api/v1/cases/:id/events (ADD_NOTE over 300 cases,
 * claimant and respondent tokens) with 10 connections in all (autocannon, split evenly over the
 * instances targeted), against one, two and three built servers with ROLE=api, plus one ROLE=worker
 * running the pollers, all on one PostgreSQL database. The baseline, in the same run and rounds
 * interleaved, is /usr/bin/pgbench: one single-row UPDATE per transaction, 10 clients.
 * Reported: events/s and their ratio to pgbench's tps, p50 and p99, CPU per event (the four server
 * processes' utime + stime from /proc, and separately PostgreSQL's processes and the load
 * generator), database round trips per event (statements the api instances sent, counted in the
 * `pg` driver by bench/support/pg-statement-count-preload.ts), and bytes of WAL per event
 * (pg_current_wal_lsn before and after). Aim: at most 6 round trips per event.
 *
 *   node dist/bench/bench/postgres-events.bench.js [--seconds 10] [--rounds=N] [--quick]
 */
import './support/aliases';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { mapPool } from '../test/support/case-factory';
import { ApiClient } from '../test/support/api-client';
import { breachOf45, seedParties } from '../test/support/parties.fixture';
import { freePort } from '../test/support/server-process';
import { ADMIN_TOKEN } from '../test/support/test-app';
import { createTestDatabase } from '../test/support/test-database';
import { argInt } from './support/bench-args';
import { benchOptions, fmt, median, percentile, printEnvironment, printTable, report, runMain, SummaryRow } from './support/bench-kit';
import { BuiltServer, ensureServerBuilt } from './support/built-server';
import { NOTE } from './support/engine-fixture';
import { PGBENCH, preparePgbenchTable, runPgbench } from './support/pgbench-baseline';
import { cpuMicrosOfAll, sampleCpuOfNamed } from './support/proc-stats';

interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface CannonTracker extends PromiseLike<{ duration: number; errors: number; timeouts: number }> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
// autocannon ships no type declarations; this is the part of its API used here.
const autocannon: (opts: Record<string, unknown>) => CannonTracker = require('autocannon');

const CONNECTIONS = 10;
const CASES = 300;
const ROUND_TRIP_AIM = 6;
const PRELOAD = join(__dirname, 'support', 'pg-statement-count-preload.js');

interface Instance {
  name: string;
  server: BuiltServer;
  countFile: string;
}

interface Counts {
  statements: number;
  waitMs: number;
  byText: Record<string, number>;
}

/** The instance's statement counts so far (it writes them on SIGUSR2). */
async function countsOf(i: Instance): Promise<Counts> {
  rmSync(i.countFile, { force: true });
  process.kill(i.server.pid, 'SIGUSR2');
  for (let tries = 0; tries < 500; tries++) {
    if (existsSync(i.countFile)) {
      try {
        return JSON.parse(readFileSync(i.countFile, 'utf8')) as Counts;
      } catch {
        // being written
      }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${i.name} did not write its statement counts`);
}

interface Run {
  instances: number;
  events: number;
  bad: number;
  rate: number;
  p50: number;
  p99: number;
  /** µs per event: the four server processes, PostgreSQL's processes, this process (the load generator). */
  appCpuUs: number;
  pgCpuUs: number;
  loadCpuUs: number;
  /** Statements sent by the api instances per event, and their summed wait per event (ms). */
  roundTrips: number;
  waitMs: number;
  /** Statements the worker sent per event (its polls), not part of an event's own cost. */
  workerStatements: number;
  walBytes: number;
  seconds: number;
}

async function main(): Promise<void> {
  const opts = benchOptions();
  const seconds = argInt('seconds', opts.quick ? 3 : 10);
  if (!existsSync(PGBENCH)) throw new Error(`${PGBENCH} is missing (it comes with the PostgreSQL packages)`);
  console.log(
    `# PostgreSQL events: ADD_NOTE over HTTP, ${CONNECTIONS} connections, 1/2/3 ROLE=api instances + 1 ROLE=worker; ` +
      `baseline pgbench (1-row UPDATE/txn, ${CONNECTIONS} clients); ${seconds} s per run, ${opts.rounds} rounds interleaved`,
  );
  printEnvironment();
  ensureServerBuilt();
  const db = await createTestDatabase('postgres');
  const dir = mkdtempSync(join(tmpdir(), 'compact-bench-pg-events-'));
  const instances: Instance[] = [];
  const sql = new Client({ connectionString: db.url });
  try {
    const start = async (name: string, role: string) => {
      const countFile = join(dir, `${name}.json`);
      const server = new BuiltServer({
        PORT: String(await freePort()),
        DATABASE_URL: db.url,
        ADMIN_TOKEN,
        MAIL_DIR: join(dir, `mail-${name}`),
        ROLE: role,
        NODE_OPTIONS: `--require ${PRELOAD}`,
        BENCH_PG_COUNT_FILE: countFile,
      });
      await server.start();
      const instance = { name, server, countFile };
      instances.push(instance);
      return instance;
    };
    // The worker first: it runs the migrations; then the three api instances.
    const worker = await start('worker', 'worker');
    const apis = await Promise.all(['api1', 'api2', 'api3'].map((n) => start(n, 'api')));
    await sql.connect();
    const api = new ApiClient(apis[0].server.baseUrl);
    const p = await seedParties(api);
    const cases = await mapPool(Array.from({ length: CASES }, (_, i) => i), 5, async (i) => {
      const res = await api.post('/api/v1/cases', breachOf45(p, { title: `Funding ended without notice (${i})`, becameAwareOn: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10) }), p.vcs.token);
      if (res.status !== 201) throw new Error(`raise failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    });
    await preparePgbenchTable((q) => sql.query(q), CASES);

    const body = JSON.stringify({ type: 'ADD_NOTE', note: NOTE });
    let k = 0;
    const event = (): CannonRequest => {
      const n = k++;
      const token = Math.floor(n / cases.length) % 2 ? p.council.token : p.vcs.token;
      return { method: 'POST', path: `/api/v1/cases/${cases[n % cases.length]}/events`, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body };
    };
    const walNow = async () => (await sql.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn as string;
    const walSince = async (lsn: string) => Number((await sql.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS n', [lsn])).rows[0].n);
    const auditRows = async () => Number((await sql.query('SELECT COUNT(*) AS n FROM audit_entries')).rows[0].n);
    const serverPids = () => instances.map((i) => i.server.pid);

    const load = async (targets: Instance[], secs: number): Promise<Run> => {
      const split = targets.map((_, i) => Math.floor(CONNECTIONS / targets.length) + (i < CONNECTIONS % targets.length ? 1 : 0));
      const before = {
        app: cpuMicrosOfAll(serverPids()),
        self: process.cpuUsage(),
        counts: await Promise.all(apis.map(countsOf)),
        worker: await countsOf(worker),
        wal: await walNow(),
      };
      const pgCpu = sampleCpuOfNamed('postgres');
      const latencies: number[] = [];
      let ok = 0;
      let bad = 0;
      const trackers = targets.map((t, i) => {
        const tracker = autocannon({ url: t.server.baseUrl, connections: split[i], duration: secs, requests: [{ method: 'POST', setupRequest: (req: CannonRequest) => ({ ...req, ...event() }) }] });
        tracker.on('response', (_client, status, _bytes, ms) => {
          latencies.push(ms);
          if (status === 200) ok += 1;
          else bad += 1;
        });
        return tracker;
      });
      const results = await Promise.all(trackers);
      const pgMicros = pgCpu.stop();
      const walBytes = await walSince(before.wal);
      const counts = await Promise.all(apis.map(countsOf));
      const workerCounts = await countsOf(worker);
      const self = process.cpuUsage(before.self);
      const events = Math.max(1, ok);
      const duration = Math.max(...results.map((r) => r.duration));
      bad += results.reduce((a, r) => a + r.errors + r.timeouts, 0);
      return {
        instances: targets.length,
        events: ok,
        bad,
        rate: ok / duration,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        appCpuUs: (cpuMicrosOfAll(serverPids()) - before.app) / events,
        pgCpuUs: pgMicros / events,
        loadCpuUs: (self.user + self.system) / events,
        roundTrips: counts.reduce((a, c, i) => a + c.statements - before.counts[i].statements, 0) / events,
        waitMs: counts.reduce((a, c, i) => a + c.waitMs - before.counts[i].waitMs, 0) / events,
        workerStatements: (workerCounts.statements - before.worker.statements) / events,
        walBytes: walBytes / events,
        seconds: duration,
      };
    };

    // Warm-up of every instance and of pgbench; then the statements of one event on an idle system.
    await load(apis, Math.min(2, seconds));
    await runPgbench(db.url, CONNECTIONS, 1, CASES);
    await new Promise((r) => setTimeout(r, 500));
    const one = await countsOf(apis[0]);
    const single = await api.event(cases[0], { type: 'ADD_NOTE', note: NOTE }, p.vcs.token);
    if (single.status !== 200) throw new Error(`one ADD_NOTE failed: ${single.status}`);
    const oneAfter = await countsOf(apis[0]);
    const oneStatements = Object.entries(oneAfter.byText)
      .map(([text, n]) => [text, n - (one.byText[text] ?? 0)] as [string, number])
      .filter(([, n]) => n > 0);

    const audit0 = await auditRows();
    const pgbench: Array<Awaited<ReturnType<typeof runPgbench>> & { walBytes: number; pgCpuUs: number }> = [];
    const runs: Run[][] = [[], [], []];
    for (let round = 0; round < opts.rounds; round++) {
      const wal = await walNow();
      const pgCpu = sampleCpuOfNamed('postgres');
      const b = await runPgbench(db.url, CONNECTIONS, seconds, CASES);
      const pgMicros = pgCpu.stop();
      pgbench.push({ ...b, walBytes: (await walSince(wal)) / Math.max(1, b.transactions), pgCpuUs: pgMicros / Math.max(1, b.transactions) });
      for (let n = 1; n <= 3; n++) runs[n - 1].push(await load(apis.slice(0, n), seconds));
      console.log(
        `round ${round + 1}: pgbench ${fmt.int(b.tps)} tps (p50 ${fmt.ms(b.p50)}, p99 ${fmt.ms(b.p99)}) · ` +
          runs.map((r) => `${r[round].instances} api: ${fmt.int(r[round].rate)} ev/s (p99 ${fmt.ms(r[round].p99)}, ${r[round].roundTrips.toFixed(1)} rt/ev, non-200 ${r[round].bad})`).join(' · '),
      );
    }
    const accepted = runs.flat().reduce((a, r) => a + r.events, 0);
    const auditAdded = (await auditRows()) - audit0;
    const inFlight = auditAdded - accepted;
    const consistent = inFlight >= 0 && inFlight <= CONNECTIONS * runs.flat().length;
    const bad = runs.flat().reduce((a, r) => a + r.bad, 0);

    const tps = median(pgbench.map((b) => b.tps));
    const rows: string[][] = [['figure (median of rounds)', 'rate', 'to pgbench', 'p50', 'p99', 'app CPU/ev', 'PG CPU/ev', 'load gen CPU/ev', 'round trips/ev', 'DB wait/ev', 'WAL/ev']];
    rows.push(['pgbench 1-row UPDATE/txn, 10 clients', `${fmt.int(tps)} tps`, '100 %', fmt.ms(median(pgbench.map((b) => b.p50))), fmt.ms(median(pgbench.map((b) => b.p99))), '', `${fmt.int(median(pgbench.map((b) => b.pgCpuUs)))} µs`, '', '1', '', `${fmt.int(median(pgbench.map((b) => b.walBytes)))} B`]);
    const summary: SummaryRow[] = [{ bench: 'pg-events', metric: 'pgbench 1-row UPDATE per txn, 10 clients', value: `${fmt.int(tps)} tps`, baseline: '', ratio: '100 %', target: '(baseline)', met: null }];
    const figures = runs.map((rs) => {
      const m = (f: (r: Run) => number) => median(rs.map(f));
      const ratio = median(rs.map((r, i) => r.rate / pgbench[i].tps));
      return { n: rs[0].instances, rate: m((r) => r.rate), ratio, p50: m((r) => r.p50), p99: m((r) => r.p99), app: m((r) => r.appCpuUs), pg: m((r) => r.pgCpuUs), gen: m((r) => r.loadCpuUs), rt: m((r) => r.roundTrips), wait: m((r) => r.waitMs), wal: m((r) => r.walBytes), worker: m((r) => r.workerStatements) };
    });
    for (const f of figures) {
      rows.push([`ADD_NOTE, ${f.n} api + 1 worker`, `${fmt.int(f.rate)} ev/s`, fmt.pct(f.ratio), fmt.ms(f.p50), fmt.ms(f.p99), `${fmt.int(f.app)} µs`, `${fmt.int(f.pg)} µs`, `${fmt.int(f.gen)} µs`, f.rt.toFixed(2), fmt.ms(f.wait), `${fmt.int(f.wal)} B`]);
      summary.push(
        { bench: 'pg-events', metric: `ADD_NOTE over HTTP, ${f.n} api + 1 worker, 10 conns`, value: `${fmt.int(f.rate)} ev/s, p50 ${fmt.ms(f.p50)}, p99 ${fmt.ms(f.p99)}`, baseline: `${fmt.int(tps)} tps pgbench`, ratio: fmt.pct(f.ratio), target: '(reported)', met: null },
        { bench: 'pg-events', metric: `cost of one event, ${f.n} api`, value: `${fmt.int(f.app)} µs app CPU, ${fmt.int(f.pg)} µs PG CPU, ${fmt.int(f.wal)} B WAL`, baseline: '', ratio: '', target: '(reported)', met: null },
        { bench: 'pg-events', metric: `database round trips per event, ${f.n} api`, value: f.rt.toFixed(2), baseline: '1 (pgbench)', ratio: '', target: `≤ ${ROUND_TRIP_AIM}`, met: f.rt <= ROUND_TRIP_AIM },
      );
    }
    summary.push({ bench: 'pg-events', metric: 'non-200 responses; audit rows match accepted', value: `${bad}; ${consistent ? 'yes' : 'NO'}`, baseline: '', ratio: '', target: '0; yes', met: bad === 0 && consistent });
    console.log();
    printTable(rows);
    console.log('to pgbench: median over rounds of (event rate / pgbench tps of the same round). CPU and WAL are per accepted event;');
    console.log('PostgreSQL CPU and WAL are of the whole server (other databases on it count too: run on an idle machine).');
    console.log(`responses non-200 or failed: ${bad}; events accepted ${fmt.int(accepted)}, audit rows added ${fmt.int(auditAdded)} (${consistent ? `consistent: + ${inFlight} in flight when a run stopped` : 'MISMATCH'})`);
    console.log(`the worker's own statements (polls): ${figures.map((f) => f.worker.toFixed(2)).join(' / ')} per event at 1 / 2 / 3 api instances`);
    console.log(`\nthe statements of one ADD_NOTE (api1, idle system), ${oneStatements.reduce((a, [, n]) => a + n, 0)} round trips:`);
    for (const [text, n] of oneStatements) console.log(`  ${n} × ${text}`);
    const f1 = figures[0];
    const budget = 2e6 / f1.rate;
    console.log(
      `\nwhere the time goes (1 api instance): at ${fmt.int(f1.rate)} ev/s the machine's 2 cores give ${fmt.int(budget)} µs of CPU per event; ` +
        `the servers used ${fmt.int(f1.app)} µs (${fmt.pct(f1.app / budget)}), PostgreSQL ${fmt.int(f1.pg)} µs (${fmt.pct(f1.pg / budget)}), ` +
        `the load generator ${fmt.int(f1.gen)} µs (${fmt.pct(f1.gen / budget)}); each event waited ${fmt.ms(f1.wait)} in total on ${f1.rt.toFixed(1)} round trips ` +
        `(summed over its statements) and its commit flushes ${fmt.int(f1.wal)} B of WAL, against ${fmt.int(median(pgbench.map((b) => b.walBytes)))} B for pgbench's update. ` +
        `More api instances add processes competing for the same 2 cores, not capacity.`,
    );
    report({ name: 'postgres-events', rows: summary, data: { seconds, pgbench, runs, figures, oneStatements, bad, accepted, auditAdded } });
  } finally {
    await Promise.all(instances.map((i) => i.server.stop()));
    await sql.end().catch(() => undefined);
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

runMain(main);
