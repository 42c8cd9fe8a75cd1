/*
 * Evidence documents at the size limit. The built server (ROLE=all, a child process, as `npm start`
 * runs it) on a fresh database (SQLite by default; PostgreSQL, or both, with --dialect) takes a
 * 20 MB CSV file (just under DOCUMENT_MAX_MB = 20) the way a browser sends it — POST
 * /api/v1/cases/:id/documents, multipart/form-data streamed from disk — then an ADD_NOTE event
 * cites it and the other side downloads it (GET …/documents/:id, hashed as it arrives). Measured:
 *   - the server's peak resident memory during the whole upload + cite + download (VmHWM, reset
 *     through /proc/<pid>/clear_refs before each request and read after it; VmRSS sampled every
 *     20 ms beside it):
 *     target < 200 MB, against the same server's peak during rounds of small documents (10 KB
 *     each, uploaded, cited and downloaded the same way);
 *   - upload and download throughput (MB/s) and the server's CPU per MB, against a plain Node
 *     http server in its own process that streams the same file to disk and back
 *     (bench/support/plain-file-server.ts);
 *   - the citing event's latency, against the one citing a 10 KB document.
 * Rounds interleaved (plain copy, small documents, the 20 MB document; each round its own file,
 * so that every upload stores all its pieces); figures are medians over rounds, ratios paired
 * per round. Every download's sha256 must equal the uploaded file's (and the server's answer),
 * or the bench aborts. Nothing here is a test: a missed target is printed, not thrown.
 *
 *   node dist/bench/bench/documents.bench.js [--dialect sqlite|postgres|both] [--rounds=N] [--quick]
 */
import './support/aliases';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../test/support/api-client';
import { breachOf45, Parties, seedParties } from '../test/support/parties.fixture';
import { createTestDatabase } from '../test/support/test-database';
import { argValue } from './support/bench-args';
import { benchOptions, fmt, median, printEnvironment, printTable, report, runMain, SummaryRow } from './support/bench-kit';
import { Dialect } from './support/bench-sql';
import { ensureServerBuilt } from './support/built-server';
import { closeAgent, deleteRaw, downloadHashing, LocalFile, postJson, uploadDocument, uploadRaw, writeCsvFile } from './support/document-transfer';
import { PlainFileServer } from './support/plain-file-server';
import { cpuMicrosOf, memoryOf, resetPeak, sampleRss } from './support/proc-stats';
import { startServer, stopServer } from './support/scale-seed';

const MB = 1048576;
/** DOCUMENT_MAX_MB, set explicitly on the server (it is also the product's default). */
const LIMIT_MB = 20;
/** Just under the limit. */
const BIG_BYTES = LIMIT_MB * MB - 1024;
const SMALL_BYTES = 10 * 1024;
const TARGET_RSS_MB = 200;

/**
 * The peak resident memory of a process over some work: VmHWM reset just before each step of it
 * (a request) and read just after (NaN when the kernel refused the reset), and VmRSS sampled
 * every 20 ms over the whole of it.
 */
interface Peak {
  /** The highest of the steps' VmHWM. */
  hwm: number;
  sampled: number;
  before: number;
  after: number;
}

const peakOf = (p: Peak) => (Number.isNaN(p.hwm) ? p.sampled : Math.max(p.hwm, p.sampled));

/** Runs one step (a request) with the process's VmHWM reset first; its peak is what VmHWM says after it. */
async function step<T>(pid: number, work: () => Promise<T>): Promise<[T, number]> {
  const reset = resetPeak(pid);
  const result = await work();
  return [result, reset ? memoryOf(pid).peak : NaN];
}

/** `work` returns the peaks of its steps; the VmRSS sampler runs over all of it. */
async function peakDuring<T>(pid: number, work: () => Promise<{ result: T; steps: number[] }>): Promise<{ result: T; peak: Peak }> {
  const before = memoryOf(pid).rss;
  const sampler = sampleRss(pid);
  const { result, steps } = await work();
  const sampled = sampler.stop();
  return { result, peak: { hwm: steps.some(Number.isNaN) ? NaN : Math.max(...steps), sampled, before, after: memoryOf(pid).rss } };
}

/** One document through the service: its times (ms) and the server's CPU (µs) for each step. */
interface Transfer {
  uploadMs: number;
  citeMs: number;
  downloadMs: number;
  uploadCpu: number;
  citeCpu: number;
  downloadCpu: number;
  /** The server's VmHWM over each request (reset before it). */
  peaks: { upload: number; cite: number; download: number };
}

interface PlainCopy {
  uploadMs: number;
  downloadMs: number;
  uploadCpu: number;
  downloadCpu: number;
  peaks: { upload: number; download: number };
}

interface Service {
  baseUrl: string;
  pid: number;
  parties: Parties;
  api: ApiClient;
}

async function raiseCase(s: Service): Promise<string> {
  const res = await s.api.post('/api/v1/cases', breachOf45(s.parties), s.parties.vcs.token);
  if (res.status !== 201) throw new Error(`raising a case failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Uploads `file` (the claimant), cites it in an ADD_NOTE (the claimant), downloads it (the respondent), checking every answer and the bytes. */
async function throughService(s: Service, caseId: string, file: LocalFile): Promise<Transfer> {
  const cpu0 = cpuMicrosOf(s.pid);
  const [up, upPeak] = await step(s.pid, () => uploadDocument(s.baseUrl, caseId, s.parties.vcs.token, file));
  if (up.status !== 201) throw new Error(`uploading ${file.name} answered ${up.status}: ${up.text.slice(0, 500)}`);
  if (up.body.sha256 !== file.sha256 || up.body.size !== file.size) {
    throw new Error(`ABORT: the service stored ${file.name} as ${up.body.size} bytes, sha256 ${up.body.sha256}; sent ${file.size} bytes, sha256 ${file.sha256}`);
  }
  const cpu1 = cpuMicrosOf(s.pid);
  const [cite, citePeak] = await step(s.pid, () =>
    postJson(`${s.baseUrl}/api/v1/cases/${caseId}/events`, s.parties.vcs.token, {
      type: 'ADD_NOTE',
      note: `The figures behind the grant decision: ${file.name}.`,
      documents: [up.body.id],
    }),
  );
  if (cite.status !== 200) throw new Error(`citing ${file.name} answered ${cite.status}: ${cite.text.slice(0, 500)}`);
  const cpu2 = cpuMicrosOf(s.pid);
  const [down, downPeak] = await step(s.pid, () => downloadHashing(`${s.baseUrl}/api/v1/cases/${caseId}/documents/${up.body.id}`, s.parties.council.token));
  if (down.status !== 200) throw new Error(`downloading ${file.name} answered ${down.status}`);
  if (down.sha256 !== file.sha256 || down.bytes !== file.size) {
    throw new Error(`ABORT: downloaded ${down.bytes} bytes of ${file.name}, sha256 ${down.sha256}; uploaded ${file.size} bytes, sha256 ${file.sha256}`);
  }
  const cpu3 = cpuMicrosOf(s.pid);
  return {
    uploadMs: up.ms,
    citeMs: cite.ms,
    downloadMs: down.ms,
    uploadCpu: cpu1 - cpu0,
    citeCpu: cpu2 - cpu1,
    downloadCpu: cpu3 - cpu2,
    peaks: { upload: upPeak, cite: citePeak, download: downPeak },
  };
}

async function throughPlain(plain: PlainFileServer, file: LocalFile): Promise<PlainCopy> {
  const cpu0 = cpuMicrosOf(plain.pid);
  const [up, upPeak] = await step(plain.pid, () => uploadRaw(plain.baseUrl, file));
  if (up.status !== 201 || up.body.size !== file.size) throw new Error(`the plain server answered ${up.status}: ${up.text.slice(0, 200)}`);
  const cpu1 = cpuMicrosOf(plain.pid);
  const [down, downPeak] = await step(plain.pid, () => downloadHashing(`${plain.baseUrl}/files/${up.body.id}`));
  if (down.sha256 !== file.sha256 || down.bytes !== file.size) throw new Error(`ABORT: the plain server gave back ${down.bytes} bytes, sha256 ${down.sha256}; sent ${file.sha256}`);
  const cpu2 = cpuMicrosOf(plain.pid);
  await deleteRaw(plain.baseUrl, up.body.id);
  return { uploadMs: up.ms, downloadMs: down.ms, uploadCpu: cpu1 - cpu0, downloadCpu: cpu2 - cpu1, peaks: { upload: upPeak, download: downPeak } };
}

const mbps = (bytes: number, ms: number) => bytes / MB / (ms / 1000);
const cpuPerMb = (us: number, bytes: number) => us / 1000 / (bytes / MB);

interface DialectResult {
  dialect: Dialect;
  rows: string[][];
  summary: SummaryRow[];
  data: Record<string, unknown>;
}

async function benchDialect(dialect: Dialect, plain: PlainFileServer, dir: string, rounds: number, smallPerRound: number): Promise<DialectResult> {
  const db = await createTestDatabase(dialect);
  let running: Awaited<ReturnType<typeof startServer>> | null = null;
  try {
    // Again before each server: another checkout's tests may have rebuilt dist/ meanwhile (the
    // build removes dist/apps/server first); this waits for such a build's lock and its end.
    ensureServerBuilt();
    // The hourly cap on one person's uploads (DOCUMENT_UPLOADS_PER_HOUR, default 100) is lifted: the
    // claimant attaches (1 + rounds) × (1 + smallPerRound) documents here within a minute or two.
    running = await startServer(db, { DOCUMENT_MAX_MB: String(LIMIT_MB), DOCUMENT_UPLOADS_PER_HOUR: '100000' });
    const api = new ApiClient(running.server.baseUrl);
    const s: Service = { baseUrl: running.server.baseUrl, pid: running.server.pid, api, parties: await seedParties(api) };
    const startRss = memoryOf(s.pid).rss;
    console.log(`${dialect}: server pid ${s.pid} at ${s.baseUrl}, RSS ${fmt.mb(startRss)} after start-up and seeding`);
    let fileNo = 0;
    const csv = (size: number) => {
      fileNo += 1;
      const name = `${size >= MB ? 'ledger' : 'minutes'}-${dialect}-${fileNo}.csv`;
      return writeCsvFile(join(dir, name), name, size, `${dialect}-${fileNo}-${Date.now()}`);
    };
    const smallRound = async () => {
      const caseId = await raiseCase(s);
      const files = Array.from({ length: smallPerRound }, () => csv(SMALL_BYTES));
      const { result, peak } = await peakDuring(s.pid, async () => {
        const out: Transfer[] = [];
        for (const f of files) out.push(await throughService(s, caseId, f));
        return { result: out, steps: out.flatMap((t) => Object.values(t.peaks)) };
      });
      for (const f of files) rmSync(f.path, { force: true });
      return { transfers: result, peak };
    };
    const bigRound = async (file: LocalFile) => {
      const caseId = await raiseCase(s);
      return peakDuring(s.pid, async () => {
        const t = await throughService(s, caseId, file);
        return { result: t, steps: Object.values(t.peaks) };
      });
    };
    const plainRound = (file: LocalFile) =>
      peakDuring(plain.pid, async () => {
        const c = await throughPlain(plain, file);
        return { result: c, steps: Object.values(c.peaks) };
      });

    // Warm-up (JIT, the database's caches, the first growth of the heap): one of each. The big
    // transfer's peak counts towards the verdict like any other.
    const warmFile = csv(BIG_BYTES);
    await plainRound(warmFile);
    const warmSmall = await smallRound();
    const warmBig = await bigRound(warmFile);
    rmSync(warmFile.path, { force: true });
    console.log(
      `${dialect}: warm-up: 20 MB peak RSS ${fmt.mb(peakOf(warmBig.peak))} (${fmt.mb(warmBig.peak.before)} before, ${fmt.mb(warmBig.peak.after)} after); ` +
        `10 KB round ${fmt.mb(peakOf(warmSmall.peak))}`,
    );

    const big: { transfer: Transfer; peak: Peak }[] = [];
    const small: { transfers: Transfer[]; peak: Peak }[] = [];
    const copies: { copy: PlainCopy; peak: Peak }[] = [];
    for (let round = 0; round < rounds; round++) {
      const file = csv(BIG_BYTES);
      const p = await plainRound(file);
      copies.push({ copy: p.result, peak: p.peak });
      small.push(await smallRound());
      const b = await bigRound(file);
      big.push({ transfer: b.result, peak: b.peak });
      rmSync(file.path, { force: true });
      const t = b.result;
      const sm = small[round].transfers;
      console.log(
        `round ${round + 1} (${dialect}): plain ↑ ${mbps(BIG_BYTES, p.result.uploadMs).toFixed(0)} ↓ ${mbps(BIG_BYTES, p.result.downloadMs).toFixed(0)} MB/s · ` +
          `service ↑ ${mbps(BIG_BYTES, t.uploadMs).toFixed(1)} ↓ ${mbps(BIG_BYTES, t.downloadMs).toFixed(1)} MB/s, cite ${fmt.ms(t.citeMs)} ` +
          `(10 KB: ↑ ${fmt.ms(median(sm.map((x) => x.uploadMs)))} cite ${fmt.ms(median(sm.map((x) => x.citeMs)))} ↓ ${fmt.ms(median(sm.map((x) => x.downloadMs)))}) · ` +
          `server peak RSS 20 MB ${fmt.mb(peakOf(b.peak))}, 10 KB round ${fmt.mb(peakOf(small[round].peak))}`,
      );
    }

    const rows: string[][] = [];
    const summary: SummaryRow[] = [];
    const add = (measure: string, result: string, baseline: string, ratio: string, target: string, met: boolean | null) => {
      rows.push([`${dialect}: ${measure}`, result, baseline, ratio, target, met === null ? '' : met ? 'yes' : 'NO']);
      summary.push({ bench: 'documents', metric: `${dialect}: ${measure}`, value: result, baseline, ratio, target, met });
    };
    const bigPeaks = [warmBig.peak, ...big.map((b) => b.peak)].map(peakOf);
    const smallPeaks = small.map((x) => peakOf(x.peak));
    const maxPeak = Math.max(...bigPeaks);
    const sampledMax = Math.max(warmBig.peak.sampled, ...big.map((b) => b.peak.sampled));
    const exact = !Number.isNaN(warmBig.peak.hwm);
    add(
      `server peak RSS, 20 MB upload + cite + download (${exact ? 'VmHWM' : 'sampled VmRSS'})`,
      `max ${fmt.mb(maxPeak)} of ${bigPeaks.length} (median ${fmt.mb(median(bigPeaks))}; sampled VmRSS max ${fmt.mb(sampledMax)})`,
      `${fmt.mb(median(smallPeaks))} in ${smallPerRound} × 10 KB rounds (${fmt.mb(peakOf(warmSmall.peak))} before any 20 MB; ${fmt.mb(startRss)} at start)`,
      `${median(big.map((b, i) => peakOf(b.peak) / smallPeaks[i])).toFixed(2)}×`,
      `< ${TARGET_RSS_MB} MB`,
      maxPeak < TARGET_RSS_MB * MB,
    );
    const stepPeak = (k: keyof Transfer['peaks']) => fmt.mb(median(big.map((b) => b.transfer.peaks[k])));
    add(
      'of which: VmHWM by request (median); rise over the RSS before',
      `upload ${stepPeak('upload')}, cite ${stepPeak('cite')}, download ${stepPeak('download')}; +${fmt.mb(median(big.map((b) => peakOf(b.peak) - b.peak.before)))}`,
      `plain server: upload ${fmt.mb(median(copies.map((c) => c.copy.peaks.upload)))}, download ${fmt.mb(median(copies.map((c) => c.copy.peaks.download)))}; +${fmt.mb(median(copies.map((c) => peakOf(c.peak) - c.peak.before)))}`,
      '',
      'reported',
      null,
    );
    const rate = (kind: 'upload' | 'download') => {
      const ms = kind === 'upload' ? (t: Transfer | PlainCopy) => t.uploadMs : (t: Transfer | PlainCopy) => t.downloadMs;
      const cpu = kind === 'upload' ? (t: Transfer | PlainCopy) => t.uploadCpu : (t: Transfer | PlainCopy) => t.downloadCpu;
      const subject = big.map((b) => mbps(BIG_BYTES, ms(b.transfer)));
      const base = copies.map((c) => mbps(BIG_BYTES, ms(c.copy)));
      const paired = median(subject.map((v, i) => v / base[i]));
      add(
        `${kind} 20 MB, MB/s (server CPU per MB)`,
        `${median(subject).toFixed(1)} MB/s (${median(big.map((b) => cpuPerMb(cpu(b.transfer), BIG_BYTES))).toFixed(1)} ms CPU/MB)`,
        `plain http ${kind === 'upload' ? '→ disk' : '← disk'} ${median(base).toFixed(0)} MB/s (${median(copies.map((c) => cpuPerMb(cpu(c.copy), BIG_BYTES))).toFixed(1)} ms CPU/MB)`,
        `${fmt.pct(paired)} paired (${fmt.pct(median(subject) / median(base))} of medians)`,
        'reported',
        null,
      );
      return { subject, base, paired };
    };
    const upload = rate('upload');
    const download = rate('download');
    const citeBig = big.map((b) => b.transfer.citeMs);
    const citeSmall = small.map((x) => median(x.transfers.map((t) => t.citeMs)));
    add(
      'ADD_NOTE citing the 20 MB document',
      fmt.ms(median(citeBig)),
      `${fmt.ms(median(citeSmall))} citing a 10 KB one`,
      `${median(citeBig.map((v, i) => v / citeSmall[i])).toFixed(2)}×`,
      'reported',
      null,
    );
    const checked = 1 + rounds;
    add(
      'sha256 of each download = the uploaded file’s',
      `yes: ${checked} × 20 MB, ${(rounds + 1) * smallPerRound} × 10 KB, ${checked} plain copies`,
      '',
      '',
      'equal (else abort)',
      true,
    );
    return {
      dialect,
      rows,
      summary,
      data: {
        bytes: BIG_BYTES,
        smallBytes: SMALL_BYTES,
        smallPerRound,
        startRss,
        peakExact: exact,
        warmUp: { big: warmBig, small: warmSmall.peak },
        big,
        small: small.map((x) => ({ peak: x.peak, medianUploadMs: median(x.transfers.map((t) => t.uploadMs)), medianDownloadMs: median(x.transfers.map((t) => t.downloadMs)), medianCiteMs: median(x.transfers.map((t) => t.citeMs)) })),
        plain: copies,
        uploadMBps: upload,
        downloadMBps: download,
      },
    };
  } finally {
    if (running) await stopServer(running);
    await db.drop();
  }
}

async function main(): Promise<void> {
  const opts = benchOptions();
  const which = argValue('dialect') ?? 'sqlite';
  if (!['sqlite', 'postgres', 'both'].includes(which)) throw new Error(`--dialect must be sqlite, postgres or both, not '${which}'`);
  const dialects: Dialect[] = which === 'both' ? ['sqlite', 'postgres'] : [which as Dialect];
  const smallPerRound = opts.quick ? 10 : 20;
  console.log(
    `# documents: a ${fmt.mb(BIG_BYTES)} CSV (${BIG_BYTES.toLocaleString('en-GB')} bytes, DOCUMENT_MAX_MB ${LIMIT_MB}) uploaded, cited and downloaded through the built server ` +
      `on ${dialects.join(' and ')}; ${opts.rounds} rounds (+1 warm-up), each: a plain http copy of the same file, ${smallPerRound} × 10 KB documents, the 20 MB document`,
  );
  printEnvironment();
  ensureServerBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'compact-bench-documents-'));
  const plain = await PlainFileServer.start();
  const results: DialectResult[] = [];
  try {
    for (const dialect of dialects) results.push(await benchDialect(dialect, plain, dir, opts.rounds, smallPerRound));
  } finally {
    await plain.stop();
    closeAgent();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log();
  printTable([['measure', 'result', 'baseline (same run)', 'ratio', 'target', 'met?'], ...results.flatMap((r) => r.rows)]);
  console.log(
    'peaks: VmHWM reset (/proc/<pid>/clear_refs) before each request and read after it, VmRSS sampled every 20 ms; the verdict takes the highest, warm-up included. ' +
      'Throughput ratios are paired: the median over rounds of (service MB/s ÷ plain MB/s of the same round).',
  );
  report({ name: 'documents', rows: results.flatMap((r) => r.summary), data: Object.fromEntries(results.map((r) => [r.dialect, r.data])) });
}

runMain(main);
