/*
 * Memory: resident set size after 100,000 events applied in-process through SendCaseEventUseCase
 * (ADD_NOTE over 1,000 cases, one transaction each, on a fresh SQLite file). Prints RSS and heap
 * at checkpoints (a steady climb of the heap after GC would be a leak), and at the end before and
 * after a forced GC. Target (issue 2): RSS < 250 MB after 100,000 events.
 * Run with --expose-gc (run-all does) to get the after-GC figures.
 */
import './support/aliases';
import 'reflect-metadata';
import { benchOptions, fmt, printEnvironment, printTable, report, runMain, SummaryRow, verdict } from './support/bench-kit';
import { EngineFixture, runAddNotes } from './support/engine-fixture';

const TARGET_BYTES = 250 * 1024 * 1024;
const FULL_EVENTS = 100_000;

function gc(): boolean {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return false;
  collect();
  return true;
}

async function main(): Promise<void> {
  const opts = benchOptions();
  const events = Number(process.argv.find((a) => a.startsWith('--events='))?.slice('--events='.length) ?? (opts.quick ? 20_000 : FULL_EVENTS));
  const caseCount = 1000;
  const checkpoint = events >= 50_000 ? 10_000 : 5_000;
  console.log(`# Memory: RSS after ${fmt.int(events)} ADD_NOTE events in-process over ${fmt.int(caseCount)} cases`);
  printEnvironment();
  const start = process.memoryUsage();
  const fx = await EngineFixture.start();
  const caseIds = await fx.raiseMany(caseCount);
  const afterSetup = process.memoryUsage();

  const rows: string[][] = [['events', 'ev/s (chunk)', 'RSS', 'heap used', 'heap total', 'external']];
  const line = (n: number, rate: number, m: NodeJS.MemoryUsage) => [
    fmt.int(n),
    rate ? fmt.int(rate) : '',
    fmt.mb(m.rss),
    fmt.mb(m.heapUsed),
    fmt.mb(m.heapTotal),
    fmt.mb(m.external),
  ];
  rows.push(['(process start)', '', fmt.mb(start.rss), fmt.mb(start.heapUsed), fmt.mb(start.heapTotal), fmt.mb(start.external)]);
  rows.push(line(0, 0, afterSetup));
  let done = 0;
  const rates: number[] = [];
  const started = Date.now();
  while (done < events) {
    const chunk = Math.min(checkpoint, events - done);
    rates.push((await runAddNotes(fx, caseIds, chunk, done)).perSec);
    done += chunk;
    const m = process.memoryUsage();
    rows.push(line(done, rates[rates.length - 1], m));
    console.log(`${fmt.int(done)} events: RSS ${fmt.mb(m.rss)}, heap ${fmt.mb(m.heapUsed)}`);
  }
  const seconds = (Date.now() - started) / 1000;
  const final = process.memoryUsage();
  const collected = gc();
  const afterGc = process.memoryUsage();
  const auditRows = await fx.count('audit_entries');
  await fx.close();

  console.log();
  printTable(rows);
  if (collected) {
    console.log(`after a forced GC: RSS ${fmt.mb(afterGc.rss)}, heap used ${fmt.mb(afterGc.heapUsed)}, heap total ${fmt.mb(afterGc.heapTotal)}`);
  }
  console.log(`${fmt.int(done)} events in ${seconds.toFixed(1)} s (${fmt.int(done / seconds)} ev/s); audit rows ${fmt.int(auditRows)}`);
  const judged = events >= FULL_EVENTS;
  const met = final.rss < TARGET_BYTES;
  console.log(`RSS after ${fmt.int(done)} events: ${fmt.mb(final.rss)} (target < 250 MB at 100,000: ${judged ? verdict(met) : 'not judged, fewer events'})`);

  const summary: SummaryRow[] = [
    {
      bench: 'memory',
      metric: `RSS after ${fmt.int(done)} events (in-process)`,
      value: `${fmt.mb(final.rss)} (heap ${fmt.mb(final.heapUsed)}${collected ? `; after GC ${fmt.mb(afterGc.rss)} / heap ${fmt.mb(afterGc.heapUsed)}` : ''})`,
      baseline: `${fmt.mb(afterSetup.rss)} after start-up`,
      ratio: '',
      target: '< 250 MB after 100,000',
      met: judged ? met : null,
    },
  ];
  report({ name: 'memory', rows: summary, data: { events: done, start, afterSetup, final, afterGc, rates, auditRows } });
}

runMain(main);
