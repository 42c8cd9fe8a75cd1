/*
 * Small helpers shared by the benchmarks: options, statistics, the environment banner, tables,
 * and the hand-over of results to bench/run-all.js (over the IPC channel when forked by it).
 */
import { cpus, totalmem } from 'node:os';

export interface BenchOptions {
  quick: boolean;
  /** Measured rounds per figure; the figure is their median. */
  rounds: number;
}

export function benchOptions(argv = process.argv.slice(2)): BenchOptions {
  const quick = argv.includes('--quick');
  const roundsArg = argv.find((a) => a.startsWith('--rounds='));
  const rounds = roundsArg ? Math.max(1, Number(roundsArg.slice('--rounds='.length))) : quick ? 3 : 5;
  return { quick, rounds };
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile of raw samples (0 < p <= 100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const fmt = {
  int: (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-GB') : String(n)),
  ms: (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 2 : 1)} ms` : String(n)),
  pct: (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)} %` : String(n)),
  mb: (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`,
  range: (values: number[], f: (n: number) => string) =>
    values.length > 1 ? `${f(Math.min(...values))} … ${f(Math.max(...values))}` : '',
};

export function environment(): Record<string, string> {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: `${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown'}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  };
}

export function printEnvironment(): void {
  const env = environment();
  console.log(`environment: node ${env.node}, ${env.platform}, ${env.cpus}, ${env.memory}, ${env.date}`);
}

/** Prints rows as an aligned text table (first row = header). */
export function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

/** One line of the summary run-all prints: what was measured, against which baseline, and the target. */
export interface SummaryRow {
  bench: string;
  metric: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
  /** The baseline was unsteady in this run: the verdict is doubtful either way. */
  noisy?: boolean;
}

export interface BenchResult {
  name: string;
  rows: SummaryRow[];
  data: Record<string, unknown>;
}

/** Gives the result to run-all (when forked by it) and always prints it as JSON on one last line. */
export function report(result: BenchResult): void {
  if (process.send) process.send({ kind: 'bench-result', result });
  else console.log(`\nBENCH_RESULT ${JSON.stringify(result)}`);
}

/**
 * A warning when the raw baseline itself was unsteady (another process using the disk or the CPU):
 * the ratios are then less trustworthy than usual. Returns '' on a steady run.
 */
export function noiseWarning(rawRates: number[], expected = 7200): string {
  const spread = Math.max(...rawRates) / Math.min(...rawRates);
  const med = median(rawRates);
  const problems: string[] = [];
  if (spread > 1.3) problems.push(`the raw rate varied ${spread.toFixed(1)}× between rounds`);
  if (med < expected * 0.6) problems.push(`the raw median is ${fmt.pct(med / expected)} of the ≈ ${fmt.int(expected)} txn/s expected`);
  return problems.length === 0
    ? ''
    : `WARNING: noisy machine (${problems.join('; ')}): something else is using the disk or the CPU; prefer the CPU-per-transaction figures and re-run on an idle machine.`;
}

export function verdict(met: boolean, noisy = false): string {
  return (met ? 'met' : 'NOT MET') + (noisy ? ' (noisy run)' : '');
}

/** Runs the async main, printing a failure and exiting non-zero on error. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
