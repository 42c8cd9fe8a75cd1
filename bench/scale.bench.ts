/*
 * Fast at 100,000 cases (issue 12). Two databases per dialect, made the same way in this run
 * (bench/support/scale-seed.ts: the product's migrations, template cases raised over HTTP by the
 * built server, then copied in bulk SQL): N cases (default 100,000, about 15 audit entries each,
 * so 1,500,000 entries) and the baseline of 1,000 cases. The built server runs on each (as
 * `npm start` runs it, ROLE=all, a child process) and the same requests go to both, rounds
 * interleaved (baseline, subject, baseline, subject …), one request at a time:
 *   - GET /board (the page, signed in as a board member): p95 < 500 ms;
 *   - GET /api/v1/cases?state=<the commonest stage>, and ?q=<a word in 1 title of 20>: p95 < 100 ms;
 *   - GET /board/export-history.csv (every audit entry of every case) downloaded in full: peak RSS of the server (VmRSS sampled every 20 ms,
 *     and VmHWM) < 300 MB;
 *   - POST /api/v1/cases/:id/events ADD_NOTE on open cases: p95 within 1.5× of the baseline's.
 * Each p95 is taken over one round's requests; the figure is the median over rounds, and the ratio
 * the median over rounds of (subject p95 / baseline p95 of the same round).
 *
 *   node dist/bench/bench/scale.bench.js [--cases 100000] [--entries-per-case 15] [--dialect sqlite|postgres|both]
 *                                         [--baseline-cases 1000] [--rounds=N] [--quick]
 */
import './support/aliases';
import { statSync } from 'node:fs';
import { ADMIN_TOKEN } from '../test/support/test-app';
import { argInt, argValue } from './support/bench-args';
import { benchOptions, fmt, median, percentile, printEnvironment, printTable, report, runMain, SummaryRow } from './support/bench-kit';
import { Dialect, openBenchSql } from './support/bench-sql';
import { ensureServerBuilt } from './support/built-server';
import { memoryOf, sampleRss } from './support/proc-stats';
import { AREAS, ScaleDatabase, seedScaleDatabase, sessionCookieFor, startServer, stopServer } from './support/scale-seed';

const TARGETS = { boardMs: 500, listMs: 100, exportRssMb: 300, eventRatio: 1.5 };

interface Subject {
  label: string;
  seeded: ScaleDatabase;
  running: Awaited<ReturnType<typeof startServer>>;
  boardCookie: string;
  openCases: string[];
  stage: string;
  sizeBytes: number;
}

interface Sampled {
  /** p95 of each round, ms. */
  p95: number[];
  /** p50 of each round, ms. */
  p50: number[];
  failures: number;
}

const newSampled = (): Sampled => ({ p95: [], p50: [], failures: 0 });

async function timed(url: string, init: RequestInit): Promise<{ ms: number; status: number }> {
  const start = process.hrtime.bigint();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: res.status };
}

/** `count` requests one after another; records the round's p50 and p95, and the non-2xx answers. */
async function sample(into: Sampled | null, count: number, next: (i: number) => { url: string; init: RequestInit }): Promise<void> {
  const times: number[] = [];
  let failures = 0;
  for (let i = 0; i < count; i++) {
    const { url, init } = next(i);
    const r = await timed(url, init);
    if (r.status < 200 || r.status > 299) failures += 1;
    times.push(r.ms);
  }
  if (!into) return;
  into.p95.push(percentile(times, 95));
  into.p50.push(percentile(times, 50));
  into.failures += failures;
}

async function prepare(label: string, dialect: Dialect, cases: number, entriesPerCase: number): Promise<Subject> {
  console.log(`${label}: seeding ${fmt.int(cases)} cases on ${dialect} …`);
  const seeded = await seedScaleDatabase(dialect, cases, entriesPerCase, (line) => console.log(line));
  const sql = await openBenchSql(dialect, seeded.db.url);
  const stage = (await sql.rows<{ state: string }>('SELECT state, COUNT(*) AS n FROM cases GROUP BY state ORDER BY COUNT(*) DESC, state LIMIT 1'))[0].state;
  const open = (await sql.rows<{ id: string }>("SELECT id FROM cases WHERE outcome = 'open'")).map((r) => r.id);
  const sizeBytes =
    dialect === 'sqlite'
      ? statSync(seeded.db.file!).size + (safeSize(`${seeded.db.file}-wal`) ?? 0)
      : Number((await sql.rows<{ n: unknown }>('SELECT pg_database_size(current_database()) AS n'))[0].n);
  await sql.close();
  const boardCookie = await sessionCookieFor(seeded.db, dialect, seeded.parties.board.userId);
  console.log(
    `${label}: ${fmt.int(seeded.cases)} cases (${fmt.int(open.length)} open), ${fmt.int(seeded.auditEntries)} audit entries, ` +
      `${fmt.mb(sizeBytes)} on disk, seeded in ${seeded.seedSeconds.toFixed(0)} s; commonest stage '${stage}'`,
  );
  const running = await startServer(seeded.db);
  return { label, seeded, running, boardCookie, openCases: shuffled(open), stage, sizeBytes };
}

function safeSize(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

interface ExportRun {
  seconds: number;
  bytes: number;
  status: number;
  /** Highest VmRSS sampled during the download. */
  peakRss: number;
  /** VmHWM after the download (the process's peak so far, whatever caused it). */
  hwm: number;
  rssBefore: number;
}

async function exportCsv(s: Subject): Promise<ExportRun> {
  const pid = s.running.server.pid;
  const rssBefore = memoryOf(pid).rss;
  const sampler = sampleRss(pid);
  const start = Date.now();
  const res = await fetch(`${s.running.server.baseUrl}/board/export-history.csv`, { headers: { cookie: s.boardCookie } });
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const seconds = (Date.now() - start) / 1000;
  return { seconds, bytes, status: res.status, peakRss: sampler.stop(), hwm: memoryOf(pid).peak, rssBefore };
}

interface DialectResult {
  dialect: Dialect;
  rows: string[][];
  summary: SummaryRow[];
  data: Record<string, unknown>;
}

async function benchDialect(dialect: Dialect, cases: number, baselineCases: number, entriesPerCase: number, rounds: number, perRound: number): Promise<DialectResult> {
  const base = await prepare(`baseline (${dialect})`, dialect, baselineCases, entriesPerCase);
  let big: Subject | null = null;
  try {
    big = await prepare(`subject (${dialect})`, dialect, cases, entriesPerCase);
    const subjects = [base, big];
    const word = AREAS[9];
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const note = JSON.stringify({ type: 'ADD_NOTE', note: 'Called the grants officer; a written answer is promised by Friday.' });
    const requests = (s: Subject) => {
      const url = s.running.server.baseUrl;
      const claimant = s.seeded.parties.vcs.token;
      let k = 0;
      return {
        board: () => ({ url: `${url}/board`, init: { headers: { cookie: s.boardCookie } } }),
        filter: () => ({ url: `${url}/api/v1/cases?state=${encodeURIComponent(s.stage)}&limit=20`, init: { headers: admin } }),
        search: () => ({ url: `${url}/api/v1/cases?q=${encodeURIComponent(word)}&limit=20`, init: { headers: admin } }),
        event: () => ({
          url: `${url}/api/v1/cases/${s.openCases[k++ % s.openCases.length]}/events`,
          init: { method: 'POST', headers: { authorization: `Bearer ${claimant}`, 'content-type': 'application/json' }, body: note },
        }),
      };
    };
    // What the server reads is the seeded database: every case counted, and the search word in 1 title of AREAS.length.
    for (const s of subjects) {
      const stats = (await (await fetch(`${s.running.server.baseUrl}/api/v1/board/statistics`, { headers: admin })).json()) as { totalCases: number };
      const page = (await (await fetch(`${s.running.server.baseUrl}/api/v1/cases?q=${word}&limit=100`, { headers: admin })).json()) as { items?: unknown[] };
      if (stats.totalCases !== s.seeded.cases) throw new Error(`${s.label}: the board counts ${stats.totalCases} cases, ${s.seeded.cases} were seeded`);
      if (!Array.isArray(page.items) || page.items.length === 0) throw new Error(`${s.label}: a search for '${word}' found nothing`);
      console.log(`${s.label}: the board counts ${fmt.int(stats.totalCases)} cases; '${word}' is in the titles of ${fmt.int(Math.floor(s.seeded.cases / AREAS.length))} or so`);
    }
    const reqs = subjects.map(requests);
    const kinds = ['board', 'filter', 'search', 'event'] as const;
    const samples = subjects.map(() => Object.fromEntries(kinds.map((k) => [k, newSampled()])) as Record<(typeof kinds)[number], Sampled>);
    // Warm-up: JIT, statement caches, the database's own caches.
    for (const r of reqs) for (const kind of kinds) await sample(null, 5, r[kind]);
    for (let round = 0; round < rounds; round++) {
      for (const kind of kinds) {
        for (let i = 0; i < subjects.length; i++) await sample(samples[i][kind], perRound, reqs[i][kind]);
      }
      console.log(
        `round ${round + 1} (${dialect}): ` +
          kinds.map((k) => `${k} p95 ${fmt.ms(samples[0][k].p95[round])} → ${fmt.ms(samples[1][k].p95[round])}`).join(' · '),
      );
    }
    const exports = [];
    for (const s of subjects) {
      const e = await exportCsv(s);
      console.log(`${s.label}: export-history.csv ${e.status}, ${fmt.mb(e.bytes)} in ${e.seconds.toFixed(1)} s; RSS ${fmt.mb(e.rssBefore)} before, peak ${fmt.mb(e.peakRss)} sampled, VmHWM ${fmt.mb(e.hwm)}`);
      exports.push(e);
    }

    const label = `${fmt.int(big.seeded.cases)} cases`;
    const baseLabel = `${fmt.int(base.seeded.cases)} cases`;
    const rows: string[][] = [];
    const summary: SummaryRow[] = [];
    const add = (measure: string, result: string, baseline: string, ratio: string, target: string, met: boolean | null) => {
      rows.push([`${dialect}: ${measure}`, result, baseline, ratio, target, met === null ? '' : met ? 'yes' : 'NO']);
      summary.push({ bench: 'scale', metric: `${dialect}: ${measure}`, value: result, baseline, ratio, target, met });
    };
    const latency = (kind: (typeof kinds)[number], measure: string, targetMs: number | null, ratioTarget: number | null) => {
      const [b, s] = [samples[0][kind], samples[1][kind]];
      const p95 = median(s.p95);
      const ratio = median(s.p95.map((v, i) => v / b.p95[i]));
      const failures = b.failures + s.failures;
      const target = targetMs !== null ? `p95 < ${targetMs} ms` : `p95 ≤ ${ratioTarget}× baseline`;
      const met = (targetMs !== null ? p95 < targetMs : ratio <= ratioTarget!) && failures === 0;
      add(
        `${measure}, p95 (p50)`,
        `${fmt.ms(p95)} (${fmt.ms(median(s.p50))}) at ${label}${failures ? `, ${failures} non-2xx` : ''}`,
        `${fmt.ms(median(b.p95))} (${fmt.ms(median(b.p50))}) at ${baseLabel}`,
        `${ratio.toFixed(2)}×`,
        target,
        met,
      );
    };
    latency('board', 'GET /board page', TARGETS.boardMs, null);
    latency('filter', `GET /api/v1/cases?state=${big.stage}`, TARGETS.listMs, null);
    latency('search', `GET /api/v1/cases?q=${word}`, TARGETS.listMs, null);
    latency('event', 'POST ADD_NOTE event', null, TARGETS.eventRatio);
    const [be, se] = exports;
    add(
      'GET /board/export-history.csv, server peak RSS',
      `${fmt.mb(se.peakRss)} (VmHWM ${fmt.mb(se.hwm)}); ${fmt.mb(se.bytes)} in ${se.seconds.toFixed(1)} s`,
      `${fmt.mb(be.peakRss)} (VmHWM ${fmt.mb(be.hwm)}); ${fmt.mb(be.bytes)}`,
      `${(se.peakRss / be.peakRss).toFixed(2)}×`,
      `< ${TARGETS.exportRssMb} MB`,
      se.peakRss < TARGETS.exportRssMb * 1048576 && se.status === 200 && be.status === 200,
    );
    return {
      dialect,
      rows,
      summary,
      data: {
        cases: big.seeded.cases,
        auditEntries: big.seeded.auditEntries,
        baselineCases: base.seeded.cases,
        seedSeconds: [base.seeded.seedSeconds, big.seeded.seedSeconds],
        sizeBytes: [base.sizeBytes, big.sizeBytes],
        stage: big.stage,
        samples,
        exports,
      },
    };
  } finally {
    for (const s of [base, big]) {
      if (!s) continue;
      await stopServer(s.running);
      await s.seeded.drop();
    }
  }
}

async function main(): Promise<void> {
  const opts = benchOptions();
  const cases = argInt('cases', opts.quick ? 20_000 : 100_000);
  const baselineCases = argInt('baseline-cases', 1000);
  const entriesPerCase = argInt('entries-per-case', 15);
  const which = argValue('dialect') ?? 'both';
  if (!['sqlite', 'postgres', 'both'].includes(which)) throw new Error(`--dialect must be sqlite, postgres or both, not '${which}'`);
  const dialects: Dialect[] = which === 'both' ? ['sqlite', 'postgres'] : [which as Dialect];
  const perRound = opts.quick ? 20 : 40;
  console.log(
    `# scale: ${fmt.int(cases)} cases × ≈ ${entriesPerCase} audit entries against ${fmt.int(baselineCases)} cases, on ${dialects.join(' and ')}; ` +
      `${opts.rounds} rounds of ${perRound} requests per measure, one at a time (p95 per round, medians over rounds)`,
  );
  printEnvironment();
  ensureServerBuilt();
  const results: DialectResult[] = [];
  for (const dialect of dialects) results.push(await benchDialect(dialect, cases, baselineCases, entriesPerCase, opts.rounds, perRound));
  console.log();
  printTable([['measure', 'result', 'baseline (same run)', 'ratio', 'target', 'met?'], ...results.flatMap((r) => r.rows)]);
  console.log('ratios are paired: the median over rounds of (subject p95 / baseline p95 of the same round); the export ratio is of the sampled peaks.');
  report({ name: 'scale', rows: results.flatMap((r) => r.summary), data: Object.fromEntries(results.map((r) => [r.dialect, r.data])) });
}

runMain(main);
