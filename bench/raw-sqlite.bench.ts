/*
 * Raw baseline: better-sqlite3 single-row BEGIN / INSERT / COMMIT transactions per second on a
 * file database in WAL mode with synchronous=FULL, the product's settings. Issue 2 measured about
 * 7,200 txn/s on this machine kind; the other benchmarks measure this again in their own run.
 */
import './support/aliases';
import { benchOptions, fmt, median, noiseWarning, printEnvironment, printTable, report, runMain } from './support/bench-kit';
import { RawSqliteBaseline } from './support/raw-sqlite';

const EXPECTED = 7200;

async function main(): Promise<void> {
  const opts = benchOptions();
  const ms = opts.quick ? 800 : 1200;
  console.log(`# Raw better-sqlite3: single-row transactions, WAL + synchronous=FULL (${opts.rounds} rounds of ${ms} ms, median)`);
  printEnvironment();
  const raw = new RawSqliteBaseline();
  raw.measure(300);
  const rates: number[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    rates.push(raw.measure(ms).txnPerSec);
    console.log(`round ${r + 1}: ${fmt.int(rates[r])} txn/s`);
  }
  raw.close();
  const med = median(rates);
  console.log();
  printTable([
    ['figure (median)', 'rate', 'spread', 'per txn', 'vs issue 2 figure'],
    ['raw BEGIN/INSERT/COMMIT (WAL, FULL)', `${fmt.int(med)} txn/s`, fmt.range(rates, fmt.int), fmt.ms(1000 / med), `${fmt.pct(med / EXPECTED)} of ≈ 7,200`],
  ]);
  const noise = noiseWarning(rates);
  if (noise) console.log(noise);
  report({
    name: 'raw-sqlite',
    rows: [{ bench: 'raw', metric: 'better-sqlite3 single-row txn (WAL, FULL), standalone', value: `${fmt.int(med)} txn/s`, baseline: '≈ 7,200 txn/s (issue 2)', ratio: fmt.pct(med / EXPECTED), target: '(baseline)', met: null }],
    data: { rates, median: med, noise },
  });
}

runMain(main);
