/*
 * The baseline of bench/postgres-events.bench.ts: /usr/bin/pgbench, no vacuum (-n), a custom script
 * of one single-row UPDATE per transaction (autocommit) on a scratch table of its own, at the
 * same client count as the HTTP load. Per-transaction latencies come from pgbench's own log (-l).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './bench-kit';

export const PGBENCH = '/usr/bin/pgbench';

export interface PgbenchRun {
  tps: number;
  transactions: number;
  p50: number;
  p99: number;
}

export async function preparePgbenchTable(run: (sql: string) => Promise<unknown>, rows: number): Promise<void> {
  await run('DROP TABLE IF EXISTS bench_pgbench_rows');
  await run('CREATE TABLE bench_pgbench_rows (id integer PRIMARY KEY, n bigint NOT NULL DEFAULT 0)');
  await run(`INSERT INTO bench_pgbench_rows (id) SELECT g FROM generate_series(1, ${rows}) AS g`);
}

export async function runPgbench(url: string, clients: number, seconds: number, rows: number): Promise<PgbenchRun> {
  const dir = mkdtempSync(join(tmpdir(), 'compact-bench-pgbench-'));
  try {
    const script = join(dir, 'update.sql');
    writeFileSync(script, `\\set id random(1, ${rows})\nUPDATE bench_pgbench_rows SET n = n + 1 WHERE id = :id;\n`);
    const u = new URL(url);
    const args = ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script, '-l', `--log-prefix=${join(dir, 'log')}`];
    args.push('-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), u.pathname.slice(1));
    const out = await new Promise<string>((resolve, reject) =>
      execFile(PGBENCH, args, { cwd: dir }, (error, stdout, stderr) => (error ? reject(new Error(`pgbench failed: ${stderr || error.message}`)) : resolve(stdout))),
    );
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1]);
    const transactions = Number(/number of transactions actually processed: (\d+)/.exec(out)?.[1]);
    // Log lines: client_id transaction_no time(µs) script_no time_epoch time_us
    const latencies: number[] = [];
    for (const f of readdirSync(dir).filter((n) => n.startsWith('log'))) {
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (Number.isFinite(us) && line) latencies.push(us / 1000);
      }
    }
    return { tps, transactions, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
