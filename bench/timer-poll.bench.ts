/*
 * One poll of due timers — `store.read(r => r.timers.findDue(now, 100))`, the query the timer
 * poller runs every TIMER_POLL_INTERVAL_MS — with 1,000,000 pending timers in `case_timers`, against
 * the same poll on a table of 1,000 pending timers measured in the same run, rounds interleaved.
 * Both databases are fresh SQLite files made by the product's migrations (WAL + FULL), opened by
 * ApplicationModule.forRoot; the rows are inserted with raw better-sqlite3 in big transactions.
 * 100 timers are due at the poll instant (a full batch), the rest spread over the following year.
 * Also: the idle poll (nothing due), the same SQL on a raw connection (the SQLite part alone),
 * EXPLAIN QUERY PLAN of the SQL the product sends, the poll after half the table was deleted, and
 * the row counts around FireDueTimersUseCase.runOnce() (fired and cancelled rows are deleted).
 * Target (issue 3): median poll < 2 ms with 1,000,000 pending timers.
 */
import './support/aliases';
import 'reflect-metadata';
import { FireDueTimersUseCase } from '@compact/application';
import { CaseTimer } from '@compact/domain';
import { ManualClock } from '../test/support/manual-clock';
import { randomFrom } from '../test/support/seeded-random';
import { benchOptions, fmt, median, percentile, printEnvironment, printTable, report, runMain, SummaryRow, verdict } from './support/bench-kit';
import { EngineFixture } from './support/engine-fixture';
import { RawTimerTable } from './support/raw-timer-table';
import { captureSql, CapturedSql } from './support/sql-capture';
import { StatementCounter } from './support/statement-counter';

const TARGET_MS = 2;
const BATCH = 100;
const DUE = 100;
/** The poll instant: a Tuesday morning; the cases are raised at this time too. */
const T = Date.parse('2026-12-01T10:00:00Z');
const HOUR_MS = 3_600_000;
const YEAR_MS = 365 * 86_400_000;

/** The same kind of spread for both tables: one deterministic sequence per seed. */
const random = randomFrom;

interface Table {
  label: string;
  size: number;
  fx: EngineFixture;
  raw: RawTimerTable;
  fillSeconds: number;
}

async function openTable(label: string, size: number, clock: ManualClock): Promise<Table> {
  const fx = await EngineFixture.start({ clock });
  // A few real cases for the rows to reference (each writes its own two timers, due days later).
  const caseIds = await fx.raiseMany(4);
  const raw = new RawTimerTable(fx.databasePath);
  const rnd = random(size);
  const stride = Math.floor(size / DUE);
  // DUE rows, spread through the insertion order (deadlines and reminders alike), are due within the
  // minute before the poll instant; all others between one hour and one year after it.
  const isDue = (i: number) => {
    const k = Math.floor(i / stride);
    return k < DUE && i === k * stride + (k % 2);
  };
  const dueAt = (i: number) => (isDue(i) ? T - 1 - Math.floor(rnd() * 59_000) : T + HOUR_MS + Math.floor(rnd() * YEAR_MS));
  const fill = raw.insertPending(caseIds, size, dueAt, T - 86_400_000);
  return { label, size, fx, raw, fillSeconds: fill.seconds };
}

interface PollRound {
  ms: number[];
  cpuUs: number;
  /** Statements better-sqlite3 prepared per poll on the product's connection (a statement cache miss). */
  prepares: number;
}

/**
 * `polls` polls one after another, each timed on its own; checks what every poll returned.
 * `now(i)` gives each poll's instant: a fresh one per poll, as the poller takes clock.now() every
 * time, or a fixed one (a statement cache keyed by SQL text then finds it).
 */
async function pollRound(t: Table, now: (i: number) => Date, polls: number, expect: number): Promise<PollRound> {
  const store = t.fx.store;
  const counter = StatementCounter.on(t.fx.dataSource);
  const ms: number[] = new Array(polls);
  const prepares = counter.snapshot();
  const cpu = process.cpuUsage();
  let last: CaseTimer[] = [];
  for (let i = 0; i < polls; i++) {
    const at = now(i);
    const start = process.hrtime.bigint();
    last = await store.read((r) => r.timers.findDue(at, BATCH));
    ms[i] = Number(process.hrtime.bigint() - start) / 1e6;
    if (last.length !== expect) throw new Error(`${t.label}: a poll returned ${last.length} timers, expected ${expect}`);
  }
  const used = process.cpuUsage(cpu);
  for (let i = 1; i < last.length; i++) {
    if (last[i - 1].dueAt.getTime() > last[i].dueAt.getTime()) throw new Error(`${t.label}: the poll is not in due order`);
  }
  return { ms, cpuUs: (used.user + used.system) / polls, prepares: counter.since(prepares, polls).perOp };
}

/** The same SQL and parameters on the raw connection, statement prepared once: SQLite alone. */
function rawRound(t: Table, sql: string, params: unknown[], polls: number, expect: number): PollRound {
  const stmt = t.raw.prepare(sql);
  const ms: number[] = new Array(polls);
  const cpu = process.cpuUsage();
  for (let i = 0; i < polls; i++) {
    const start = process.hrtime.bigint();
    const rows = stmt.all(...params);
    ms[i] = Number(process.hrtime.bigint() - start) / 1e6;
    if (rows.length !== expect) throw new Error(`${t.label}: raw poll returned ${rows.length} rows, expected ${expect}`);
  }
  const used = process.cpuUsage(cpu);
  return { ms, cpuUs: (used.user + used.system) / polls, prepares: 0 };
}

/** The SQL and parameters the product sends for one findDue. */
async function captureFindDue(t: Table, now: Date): Promise<CapturedSql> {
  const seen = await captureSql(t.fx.dataSource, () => t.fx.store.read((r) => r.timers.findDue(now, BATCH)));
  const select = seen.filter((q) => /^\s*SELECT/i.test(q.sql));
  if (select.length !== 1) throw new Error(`expected one SELECT for findDue, saw ${seen.length} queries: ${seen.map((q) => q.sql).join(' | ')}`);
  return select[0];
}

interface Figure {
  med: number;
  p95: number;
  pooledP95: number;
  cpuUs: number;
  medians: number[];
}

function figure(rounds: PollRound[]): Figure {
  const medians = rounds.map((r) => median(r.ms));
  return {
    med: median(medians),
    p95: median(rounds.map((r) => percentile(r.ms, 95))),
    pooledP95: percentile(rounds.flatMap((r) => r.ms), 95),
    cpuUs: median(rounds.map((r) => r.cpuUs)),
    medians,
  };
}

async function main(): Promise<void> {
  const opts = benchOptions();
  const bigSize = Number(process.argv.find((a) => a.startsWith('--timers='))?.slice('--timers='.length) ?? 1_000_000);
  const smallSize = 1_000;
  const polls = opts.quick ? 300 : 1000;
  console.log(
    `# Timer poll: store.read(r => r.timers.findDue(now, ${BATCH})) with ${fmt.int(bigSize)} vs ${fmt.int(smallSize)} pending timers, ` +
      `${DUE} due (${opts.rounds} rounds of ${polls} polls each, medians)`,
  );
  printEnvironment();
  const clock = new ManualClock(new Date(T));

  const small = await openTable('1,000 timers', smallSize, clock);
  const big = await openTable(`${fmt.int(bigSize)} timers`, bigSize, clock);
  const total = (t: Table) => t.raw.count();
  const file = big.raw.fileSizes();
  console.log(
    `filled: ${fmt.int(total(small))} rows (${small.fillSeconds.toFixed(1)} s) and ${fmt.int(total(big))} rows ` +
      `(${big.fillSeconds.toFixed(1)} s, ${fmt.mb(file.pages * file.pageSize)} database file); ` +
      `due at the poll instant: ${small.raw.count('due_at <= ?', [T])} and ${big.raw.count('due_at <= ?', [T])}`,
  );

  // The poll instants. `fresh`: a new instant every poll, as the poller reads clock.now() each time
  // (still exactly the DUE rows: the next timer is due an hour later); `fixed`: the same instant.
  let tick = 0;
  const fresh = () => new Date(T + (tick++ % 1_800_000));
  const fixed = () => new Date(T);
  const idle = () => new Date(T - 600_000 + (tick++ % 500_000)); // before the first due timer
  const query = await captureFindDue(big, new Date(T));
  const plan = big.raw.explain(query.sql, query.params);
  // A SEARCH (a range of the index), not a SCAN (every row), and no sort step after it.
  const usesIndex = plan.some((d) => /^SEARCH .*USING (COVERING )?INDEX ix_case_timers_due/.test(d)) && !plan.some((d) => /TEMP B-TREE|^SCAN/.test(d));
  const inlined = query.params.length === 0 && query.sql.includes(String(T));
  console.log(`\nSQL the product sends for findDue (bound parameters: ${JSON.stringify(query.params)}):\n  ${query.sql}`);
  console.log(`EXPLAIN QUERY PLAN on the ${fmt.int(bigSize)}-row table:\n${plan.map((d) => `  ${d}`).join('\n')}`);
  console.log(`→ ${usesIndex ? 'a range search of ix_case_timers_due, read in (due_at, id) order: no table scan, no sort' : 'WARNING: the index is NOT used as expected'}`);
  if (inlined) {
    console.log(
      '→ the instant is written into the SQL text (TypeORM inlines numbers on SQLite): every poll with a new clock.now() is a new\n' +
        '  statement to prepare, and it takes a slot of the 200-statement cache the event path shares.',
    );
  }
  console.log();

  // Warm-up: JIT, TypeORM metadata, the statement cache, the pages of both tables' index edge.
  for (const t of [small, big]) {
    await pollRound(t, fresh, 200, DUE);
    await pollRound(t, fixed, 100, DUE);
    await pollRound(t, idle, 100, 0);
    rawRound(t, query.sql, query.params, 100, DUE);
  }

  type Kind = 'due' | 'cached' | 'idle' | 'raw';
  const kinds: Kind[] = ['due', 'cached', 'idle', 'raw'];
  const rounds: Record<'small' | 'big', Record<Kind, PollRound[]>> = {
    small: { due: [], cached: [], idle: [], raw: [] },
    big: { due: [], cached: [], idle: [], raw: [] },
  };
  const measure = async (t: Table, kind: Kind): Promise<PollRound> => {
    if (kind === 'due') return pollRound(t, fresh, polls, DUE);
    if (kind === 'cached') return pollRound(t, fixed, polls, DUE);
    if (kind === 'idle') return pollRound(t, idle, polls, 0);
    return rawRound(t, query.sql, query.params, polls, DUE);
  };
  for (let r = 0; r < opts.rounds; r++) {
    for (const kind of kinds) {
      rounds.small[kind].push(await measure(small, kind));
      rounds.big[kind].push(await measure(big, kind));
    }
    const m = (k: Kind) => `${fmt.ms(median(rounds.small[k][r].ms))} / ${fmt.ms(median(rounds.big[k][r].ms))}`;
    console.log(`round ${r + 1} (medians, ${fmt.int(smallSize)} / ${fmt.int(bigSize)} rows): 100 due ${m('due')} · same instant ${m('cached')} · nothing due ${m('idle')} · raw SQL ${m('raw')}`);
  }

  // Churn: half the table deleted (the poller and cancellations delete fired/cancelled rows), then
  // the same poll again: nothing of the deleted rows stays in the part of the index the poll reads.
  const half = Math.floor(bigSize / 2);
  const deletedStart = process.hrtime.bigint();
  big.raw.db
    .prepare("DELETE FROM case_timers WHERE id IN (SELECT id FROM case_timers WHERE due_at > ? AND timer_key LIKE 'bench.%' ORDER BY due_at, id LIMIT ?)")
    .run(T, half);
  const deleteSeconds = Number(process.hrtime.bigint() - deletedStart) / 1e9;
  const afterChurnRows = total(big);
  const churn: PollRound[] = [];
  const churnBase: PollRound[] = [];
  await pollRound(big, fresh, 100, DUE);
  for (let r = 0; r < Math.min(3, opts.rounds); r++) {
    churnBase.push(await pollRound(small, fresh, polls, DUE));
    churn.push(await pollRound(big, fresh, polls, DUE));
  }
  const churnMed = median(churn.map((x) => median(x.ms)));
  const churnBaseMed = median(churnBase.map((x) => median(x.ms)));
  console.log(
    `\nafter deleting the ${fmt.int(half)} soonest pending timers (${deleteSeconds.toFixed(1)} s; ${fmt.int(afterChurnRows)} rows left): ` +
      `poll ${fmt.ms(churnMed)} (1,000-row table ${fmt.ms(churnBaseMed)})`,
  );

  // Fired and cancelled timers are deleted: the due rows applied through the product's poller.
  const fire = big.fx.app.get(FireDueTimersUseCase);
  const before = total(big);
  const dueBefore = big.raw.count('due_at <= ?', [T]);
  const applied = await fire.runOnce();
  const after = total(big);
  const dueAfter = big.raw.count('due_at <= ?', [T]);
  const idleAfter = await pollRound(big, fresh, Math.min(polls, 300), 0);
  const cancelled = before - after - (applied.fired + applied.reminded + applied.stale);
  const deletedOk = dueAfter === 0 && before - after >= dueBefore && applied.errors === 0;
  console.log(
    `FireDueTimersUseCase.runOnce() at the poll instant: fired ${applied.fired}, reminded ${applied.reminded}, stale ${applied.stale}, errors ${applied.errors}; ` +
      `rows ${fmt.int(before)} → ${fmt.int(after)} (${fmt.int(before - after)} deleted: the ${dueBefore} applied + ${cancelled} cancelled by the transitions); ` +
      `due rows left ${dueAfter}; the next poll finds nothing in ${fmt.ms(median(idleAfter.ms))}.\n` +
      `The table has no status column: a fired or cancelled timer is a deleted row, so the index holds only pending timers.`,
  );

  for (const t of [small, big]) {
    t.raw.close();
    await t.fx.close();
  }

  const f = (t: 'small' | 'big', k: Kind) => figure(rounds[t][k]);
  const F = {
    small: { due: f('small', 'due'), cached: f('small', 'cached'), idle: f('small', 'idle'), raw: f('small', 'raw') },
    big: { due: f('big', 'due'), cached: f('big', 'cached'), idle: f('big', 'idle'), raw: f('big', 'raw') },
    churn: figure(churn),
  };
  const paired = (k: Kind) => median(rounds.big[k].map((x, i) => median(x.ms) / median(rounds.small[k][i].ms)));
  const judged = bigSize >= 1_000_000;
  const met = F.big.due.med < TARGET_MS;
  const prep = (t: 'small' | 'big', k: Kind) => median(rounds[t][k].map((x) => x.prepares)).toFixed(2);
  const row = (label: string, x: Figure, ratio: string, p: string, target = '', v = '') => [label, fmt.ms(x.med), fmt.ms(x.p95), `${fmt.int(x.cpuUs)} µs`, p, ratio, target, v];
  console.log();
  printTable([
    ['poll (median of rounds)', 'median', 'p95', 'CPU/poll', 'prepares/poll', `vs ${fmt.int(smallSize)} rows`, 'target', ''],
    row(`findDue, 100 due, ${fmt.int(smallSize)} pending (baseline)`, F.small.due, '1.00×', prep('small', 'due')),
    row(`findDue, 100 due, ${fmt.int(bigSize)} pending`, F.big.due, `${paired('due').toFixed(2)}×`, prep('big', 'due'), '< 2 ms', judged ? verdict(met) : 'not judged'),
    row(`  after deleting ${fmt.int(half)} of them`, F.churn, `${(churnMed / churnBaseMed).toFixed(2)}×`, median(churn.map((x) => x.prepares)).toFixed(2)),
    row(`same instant every poll (statement cached), ${fmt.int(smallSize)}`, F.small.cached, '', prep('small', 'cached')),
    row(`same instant every poll (statement cached), ${fmt.int(bigSize)}`, F.big.cached, `${paired('cached').toFixed(2)}×`, prep('big', 'cached')),
    row(`nothing due, ${fmt.int(smallSize)} pending`, F.small.idle, '', prep('small', 'idle')),
    row(`nothing due, ${fmt.int(bigSize)} pending`, F.big.idle, `${paired('idle').toFixed(2)}×`, prep('big', 'idle')),
    row(`raw better-sqlite3, same SQL, 100 due, ${fmt.int(smallSize)}`, F.small.raw, '', '0'),
    row(`raw better-sqlite3, same SQL, 100 due, ${fmt.int(bigSize)}`, F.big.raw, `${paired('raw').toFixed(2)}×`, '0'),
  ]);
  console.log(
    `p95 = median over rounds of each round's 95th percentile (over all polls pooled: ${fmt.ms(F.big.due.pooledP95)} vs ${fmt.ms(F.small.due.pooledP95)}); ` +
      'ratios are paired (median over rounds of big ÷ small in the same round).',
  );
  console.log(`query plan: range search of ix_case_timers_due, no sort: ${usesIndex ? 'yes' : 'NO'}; fired/cancelled rows deleted: ${deletedOk ? 'yes' : 'NO'}`);

  const rows: SummaryRow[] = [
    {
      bench: 'timer-poll',
      metric: `findDue(now, 100), ${fmt.int(bigSize)} pending, 100 due`,
      value: `median ${fmt.ms(F.big.due.med)}, p95 ${fmt.ms(F.big.due.p95)}`,
      baseline: `${fmt.ms(F.small.due.med)} (p95 ${fmt.ms(F.small.due.p95)}) at 1,000 pending`,
      ratio: `${paired('due').toFixed(2)}×`,
      target: '< 2 ms median',
      met: judged ? met : null,
    },
    {
      bench: 'timer-poll',
      metric: `idle poll (nothing due), ${fmt.int(bigSize)} pending`,
      value: `median ${fmt.ms(F.big.idle.med)}, p95 ${fmt.ms(F.big.idle.p95)}`,
      baseline: `${fmt.ms(F.small.idle.med)} at 1,000 pending`,
      ratio: `${paired('idle').toFixed(2)}×`,
      target: '',
      met: null,
    },
    {
      bench: 'timer-poll',
      metric: 'index range search (EXPLAIN QUERY PLAN); fired/cancelled rows deleted',
      value: `${usesIndex ? 'yes' : 'NO'}; ${deletedOk ? 'yes' : 'NO'} (runOnce deleted ${fmt.int(before - after)} rows, 0 due left)`,
      baseline: `SQLite alone ${fmt.ms(F.big.raw.med)}`,
      ratio: '',
      target: 'index, no accumulation',
      met: usesIndex && deletedOk,
    },
  ];
  report({
    name: 'timer-poll',
    rows,
    data: { bigSize, smallSize, polls, sql: query.sql, params: query.params, inlined, plan, figures: F, applied, before, after, fill: [small.fillSeconds, big.fillSeconds] },
  });
}

runMain(main);
