/*
 * Events applied through the engine in-process (SendCaseEventUseCase, one transaction each) on a
 * fresh SQLite file, against raw better-sqlite3 single-row transactions measured in the same run,
 * rounds interleaved (raw, engine, raw, engine …) so that drift of a noisy machine hits both.
 * Target (issue 2): engine events/s >= 30 % of the raw rate.
 */
import './support/aliases';
import 'reflect-metadata';
import { benchOptions, fmt, median, noiseWarning, printEnvironment, printTable, report, runMain, SummaryRow, verdict } from './support/bench-kit';
import { EngineFixture, lifecycleLength, Rate, runAddNotes, runLifecycles } from './support/engine-fixture';
import { RawSqliteBaseline } from './support/raw-sqlite';

const TARGET = 0.3;

async function main(): Promise<void> {
  const opts = benchOptions();
  const rawMs = opts.quick ? 1000 : 1500;
  const notesPerRound = opts.quick ? 1500 : 2500;
  const mixPerRound = lifecycleLength() * (opts.quick ? 40 : 60);
  const cases = 200;
  console.log(`# Engine in-process: SendCaseEventUseCase, one transaction per event (${opts.rounds} rounds, medians)`);
  printEnvironment();

  const raw = new RawSqliteBaseline();
  const fx = await EngineFixture.start();
  const caseIds = await fx.raiseMany(cases);
  // Warm-up: JIT, TypeORM metadata and statement cache, XState machine internals.
  raw.measure(300);
  await runAddNotes(fx, caseIds, 500);
  await runLifecycles(fx, lifecycleLength() * 5, 1_000_000);

  const raws: { txnPerSec: number; cpuUs: number }[] = [];
  const notes: Rate[] = [];
  const mixes: Rate[] = [];
  let offset = 500;
  for (let r = 0; r < opts.rounds; r++) {
    raws.push(raw.measure(rawMs));
    notes.push(await runAddNotes(fx, caseIds, notesPerRound, offset));
    offset += notesPerRound;
    mixes.push(await runLifecycles(fx, mixPerRound, r * 10_000));
    console.log(
      `round ${r + 1}: raw ${fmt.int(raws[r].txnPerSec)} txn/s · ADD_NOTE ${fmt.int(notes[r].perSec)} ev/s ` +
        `(${fmt.pct(notes[r].perSec / raws[r].txnPerSec)}) · lifecycle mix ${fmt.int(mixes[r].perSec)} txn/s (${fmt.pct(mixes[r].perSec / raws[r].txnPerSec)})`,
    );
  }
  const auditRows = await fx.count('audit_entries');
  await fx.close();
  raw.close();

  const rawRates = raws.map((r) => r.txnPerSec);
  const rawMed = median(rawRates);
  const figure = (rates: Rate[]) => {
    const perSec = rates.map((r) => r.perSec);
    const paired = rates.map((r, i) => r.perSec / rawRates[i]);
    return { perSec, med: median(perSec), cpuUs: median(rates.map((r) => r.cpuUs)), ratio: median(perSec) / rawMed, paired: median(paired) };
  };
  const noise = noiseWarning(rawRates);
  const noisy = noise !== '';
  const note = figure(notes);
  const mix = figure(mixes);
  console.log();
  printTable([
    ['figure (median of rounds)', 'rate', 'spread', 'CPU per txn', 'ratio of medians', 'paired ratio', 'target', ''],
    ['raw better-sqlite3 BEGIN/INSERT/COMMIT (WAL, FULL)', `${fmt.int(rawMed)} txn/s`, fmt.range(rawRates, fmt.int), `${fmt.int(median(raws.map((r) => r.cpuUs)))} µs`, '100 %', '100 %', '', ''],
    ['engine ADD_NOTE, 200 cases round-robin', `${fmt.int(note.med)} ev/s`, fmt.range(note.perSec, fmt.int), `${fmt.int(note.cpuUs)} µs`, fmt.pct(note.ratio), fmt.pct(note.paired), '>= 30 %', verdict(note.paired >= TARGET, noisy)],
    ['engine lifecycle mix (raise + 15 events)', `${fmt.int(mix.med)} txn/s`, fmt.range(mix.perSec, fmt.int), `${fmt.int(mix.cpuUs)} µs`, fmt.pct(mix.ratio), fmt.pct(mix.paired), '>= 30 %', verdict(mix.paired >= TARGET, noisy)],
  ]);
  console.log('paired ratio = median over rounds of (engine rate / raw rate of the same round); the verdict uses it.');
  console.log(`audit rows written: ${fmt.int(auditRows)}`);
  if (noise) console.log(noise);

  const rows: SummaryRow[] = [
    { bench: 'engine', metric: 'raw better-sqlite3 single-row txn (WAL, FULL)', value: `${fmt.int(rawMed)} txn/s`, baseline: '(baseline)', ratio: '100 %', target: '≈ 7,200 txn/s expected', met: null },
    { bench: 'engine', metric: 'ADD_NOTE via SendCaseEventUseCase', value: `${fmt.int(note.med)} ev/s, ${fmt.int(note.cpuUs)} µs CPU/ev`, baseline: `${fmt.int(rawMed)} txn/s raw`, ratio: fmt.pct(note.paired), target: '>= 30 % of raw', met: note.paired >= TARGET, noisy },
    { bench: 'engine', metric: 'lifecycle mix (raise + 15 events)', value: `${fmt.int(mix.med)} txn/s, ${fmt.int(mix.cpuUs)} µs CPU/txn`, baseline: `${fmt.int(rawMed)} txn/s raw`, ratio: fmt.pct(mix.paired), target: '>= 30 % of raw', met: mix.paired >= TARGET, noisy },
  ];
  report({ name: 'engine-events', rows, data: { raws, notes, mixes, rawMed, note, mix, auditRows, noise } });
}

runMain(main);
