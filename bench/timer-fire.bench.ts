/*
 * Due timers applied per second through FireDueTimersUseCase.runOnce() — each claimed, applied
 * and deleted in ONE transaction through the same path as an event, the system as the actor —
 * against plain events per second through the engine (SendCaseEventUseCase, ADD_NOTE, one awaited
 * transaction each) measured in the same run, rounds interleaved (ADD_NOTE, timers, ADD_NOTE …).
 * Both run in-process on fresh SQLite files made by the product's migrations (WAL + FULL).
 *
 * A timers round: N cases are raised on one morning of an injected clock (each writes the
 * acknowledgement deadline, 5 working days, and its reminder 2 working days before); the clock is
 * moved past the last due time; runOnce() is timed until it finds nothing due. The clock flows at
 * the real rate from where it is set (bench/support/flowing-clock.ts), as the system clock does
 * under the baseline's events, so every transaction writes its own instants. Reminders fire
 * first (they are due first; each queues one mail), then the ACKNOWLEDGEMENT_OVERDUE deadline
 * events (a transition within the stage, an audit entry, a deadline-passed mail). The time of
 * each timer's transaction is recorded by outcome, so deadline events/s and reminders/s are
 * reported beside the overall timers/s.
 * Target (issue 3): due timers/s >= 80 % of ADD_NOTE events/s.
 */
import './support/aliases';
import 'reflect-metadata';
import { FireDueTimersUseCase, TimerOutcome } from '@compact/application';
import { CaseTimer } from '@compact/domain';
import { benchOptions, fmt, median, printEnvironment, printTable, report, runMain, SummaryRow, verdict } from './support/bench-kit';
import { EngineFixture, Rate, runAddNotes } from './support/engine-fixture';
import { FlowingClock } from './support/flowing-clock';
import { CommitCounter } from './support/sql-capture';
import { StatementCounter } from './support/statement-counter';

const TARGET = 0.8;
/** Tuesday 2 February 2027, 10:00 London; each round raises its cases 28 days after the previous one. */
const T0 = Date.parse('2027-02-02T10:00:00Z');
const ROUND_STEP_MS = 28 * 86_400_000;

interface TimerRound {
  /** All applied timers per second over the whole runOnce loop. */
  perSec: number;
  cpuUs: number;
  seconds: number;
  fired: number;
  reminded: number;
  stale: number;
  errors: number;
  /** Applied per second while applying that kind (sum of their transactions' times). */
  firedPerSec: number;
  remindedPerSec: number;
  /** Share of the loop spent outside fire() (the findDue polls), when timers run one at a time. */
  pollShare: number;
  /** Most fire() calls in flight at once. */
  maxInFlight: number;
  runOnceCalls: number;
  /** Statements prepared per timer (a statement cache miss) and the time spent preparing them. */
  prepares: number;
  prepareUs: number;
  /** Transactions committed per timer (each one an fsync). */
  commits: number;
}

interface NoteRound extends Rate {
  prepares: number;
  prepareUs: number;
  commits: number;
}

interface OutcomeTimes {
  /** Summed time of the fire() calls (one transaction each) by outcome, in ns. */
  ns: Record<TimerOutcome, number>;
  inFlight: number;
  maxInFlight: number;
}

/**
 * Wraps fire() of the use case (runOnce calls this.fire) to time each timer's transaction by
 * outcome, and to see how many run at once (1 today: runOnce awaits each timer in turn).
 */
function timeOutcomes(useCase: FireDueTimersUseCase): OutcomeTimes {
  const times: OutcomeTimes = { ns: { fired: 0, reminded: 0, stale: 0, gone: 0, busy: 0 }, inFlight: 0, maxInFlight: 0 };
  const fire = useCase.fire.bind(useCase);
  useCase.fire = async (due: Pick<CaseTimer, 'id' | 'caseId'>) => {
    times.maxInFlight = Math.max(times.maxInFlight, ++times.inFlight);
    const start = process.hrtime.bigint();
    try {
      const outcome = await fire(due);
      times.ns[outcome] += Number(process.hrtime.bigint() - start);
      return outcome;
    } finally {
      times.inFlight -= 1;
    }
  };
  return times;
}

async function timersRound(fx: EngineFixture, clock: FlowingClock, times: OutcomeTimes, round: number, cases: number): Promise<TimerRound> {
  const fire = fx.app.get(FireDueTimersUseCase);
  const raisedAt = T0 + round * ROUND_STEP_MS;
  clock.set(new Date(raisedAt));
  await fx.raiseMany(cases, { offset: round * 100_000, concurrency: 16 });
  const pending = await fx.count('case_timers');
  if (pending !== 2 * cases) throw new Error(`expected ${2 * cases} pending timers after raising ${cases} cases, found ${pending}`);
  const [{ last }] = await fx.dataSource.query('SELECT MAX(due_at) AS last FROM case_timers');
  clock.set(new Date(Number(last) + 1));
  const auditBefore = await fx.count('audit_entries');
  const outboxBefore = await fx.count('outbox_messages');

  const ns = times.ns;
  for (const k of Object.keys(ns) as TimerOutcome[]) ns[k] = 0;
  times.maxInFlight = 0;
  const totals = { fired: 0, reminded: 0, stale: 0, errors: 0 };
  let calls = 0;
  const statements = StatementCounter.on(fx.dataSource);
  const prepared = statements.snapshot();
  const commits = new CommitCounter(fx.dataSource);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (;;) {
    const r = await fire.runOnce();
    calls += 1;
    totals.fired += r.fired;
    totals.reminded += r.reminded;
    totals.stale += r.stale;
    totals.errors += r.errors;
    if (r.fired + r.reminded + r.stale === 0) break;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const applied = totals.fired + totals.reminded + totals.stale;
  const prep = statements.since(prepared, applied);
  const committed = commits.stop();

  // Every timer applied once, and only once; its row deleted; the work each one must leave behind.
  const left = await fx.count('case_timers');
  const audit = (await fx.count('audit_entries')) - auditBefore;
  const mail = (await fx.count('outbox_messages')) - outboxBefore;
  const problems: string[] = [];
  if (totals.fired !== cases || totals.reminded !== cases || totals.stale !== 0 || totals.errors !== 0) {
    problems.push(`expected ${cases} fired and ${cases} reminded, got ${JSON.stringify(totals)}`);
  }
  if (left !== 0) problems.push(`${left} timer rows left`);
  if (audit !== cases) problems.push(`${audit} audit entries written, expected ${cases} (one per deadline event)`);
  // The stage (raised) does not change on ACKNOWLEDGEMENT_OVERDUE, so no stage-change mail.
  if (mail !== 2 * cases) problems.push(`${mail} messages queued, expected ${2 * cases} (a reminder and a deadline-passed mail per case)`);
  if (problems.length > 0) throw new Error(`timers round ${round + 1}: ${problems.join('; ')}`);

  // Each kind's rate over the share of the run its transactions took (with timers one at a time,
  // as today, that is its count over its own transactions' time plus its share of the polls).
  const inFire = (ns.fired + ns.reminded + ns.stale + ns.gone) / 1e9;
  const kindSeconds = (k: TimerOutcome) => (seconds * ns[k]) / 1e9 / inFire;
  return {
    perSec: applied / seconds,
    cpuUs: (used.user + used.system) / applied,
    seconds,
    ...totals,
    firedPerSec: totals.fired / kindSeconds('fired'),
    remindedPerSec: totals.reminded / kindSeconds('reminded'),
    pollShare: times.maxInFlight === 1 ? 1 - inFire / seconds : NaN,
    maxInFlight: times.maxInFlight,
    runOnceCalls: calls,
    prepares: prep.perOp,
    prepareUs: prep.usPerOp,
    commits: committed / applied,
  };
}

async function main(): Promise<void> {
  const opts = benchOptions();
  const cases = Number(process.argv.find((a) => a.startsWith('--cases='))?.slice('--cases='.length) ?? (opts.quick ? 500 : 2000));
  const notesPerRound = opts.quick ? 1000 : 2500;
  console.log(
    `# Timers applied by FireDueTimersUseCase.runOnce() vs ADD_NOTE events through SendCaseEventUseCase ` +
      `(${opts.rounds} rounds, ${fmt.int(cases)} cases = ${fmt.int(2 * cases)} timers and ${fmt.int(notesPerRound)} events per round, medians)`,
  );
  printEnvironment();

  // Baseline: the engine bench's ADD_NOTE workload, on its own fresh database (system clock).
  const base = await EngineFixture.start();
  const noteCases = await base.raiseMany(200);
  // Subject: a database whose clock the bench moves past the deadlines. Its cases are raised on
  // v1, whose raised case holds exactly two timers (the acknowledgement deadline and its
  // reminder), the workload this bench counts; v2 adds the ombudsman time limit's reminders, a
  // year out, which a jump of the clock would fire out of all proportion.
  const clock = new FlowingClock(new Date(T0));
  const subj = await EngineFixture.start({ clock, env: { WORKFLOW_DEFAULT: 'compact-dispute/v1' } });
  const times = timeOutcomes(subj.app.get(FireDueTimersUseCase));
  const baseStatements = StatementCounter.on(base.dataSource);
  const subjStatements = StatementCounter.on(subj.dataSource);
  const addNotes = async (count: number, offset: number): Promise<NoteRound> => {
    const from = baseStatements.snapshot();
    const commits = new CommitCounter(base.dataSource);
    const rate = await runAddNotes(base, noteCases, count, offset);
    const committed = commits.stop();
    const prep = baseStatements.since(from, count);
    return { ...rate, prepares: prep.perOp, prepareUs: prep.usPerOp, commits: committed / count };
  };

  // Warm-up: JIT, TypeORM metadata and statement cache, XState internals, the mail templates.
  await runAddNotes(base, noteCases, 500);
  await timersRound(subj, clock, times, 0, Math.min(200, cases));

  const notes: NoteRound[] = [];
  let topTexts: Array<[string, number]> = [];
  const timers: TimerRound[] = [];
  let offset = 500;
  for (let r = 0; r < opts.rounds; r++) {
    notes.push(await addNotes(notesPerRound, offset));
    offset += notesPerRound;
    subjStatements.record(r === 0);
    timers.push(await timersRound(subj, clock, times, r + 1, cases));
    if (r === 0) topTexts = subjStatements.top(6);
    subjStatements.record(false);
    const t = timers[r];
    console.log(
      `round ${r + 1}: ADD_NOTE ${fmt.int(notes[r].perSec)} ev/s · timers ${fmt.int(t.perSec)}/s (${fmt.pct(t.perSec / notes[r].perSec)}) in ${t.seconds.toFixed(1)} s ` +
        `— deadline events ${fmt.int(t.firedPerSec)}/s (${fmt.pct(t.firedPerSec / notes[r].perSec)}), reminders ${fmt.int(t.remindedPerSec)}/s; ` +
        `${t.fired} fired, ${t.reminded} reminded, ${t.stale} stale, ${t.errors} errors; ` +
        (t.maxInFlight === 1 ? `one at a time, polls ${fmt.pct(t.pollShare)} of the time` : `up to ${t.maxInFlight} timers in flight`),
    );
  }
  const subjectCases = await subj.count('cases');
  await base.close();
  await subj.close();

  const noteRates = notes.map((n) => n.perSec);
  const noteMed = median(noteRates);
  const pairedOf = (values: number[]) => median(values.map((v, i) => v / noteRates[i]));
  const all = { med: median(timers.map((t) => t.perSec)), cpuUs: median(timers.map((t) => t.cpuUs)), paired: pairedOf(timers.map((t) => t.perSec)) };
  const deadlines = { med: median(timers.map((t) => t.firedPerSec)), paired: pairedOf(timers.map((t) => t.firedPerSec)) };
  const reminders = { med: median(timers.map((t) => t.remindedPerSec)), paired: pairedOf(timers.map((t) => t.remindedPerSec)) };
  const met = all.paired >= TARGET;
  console.log();
  const prep = (xs: Array<{ prepares: number; prepareUs: number }>) =>
    `${median(xs.map((x) => x.prepares)).toFixed(2)} (${fmt.int(median(xs.map((x) => x.prepareUs)))} µs)`;
  const commitsOf = (xs: Array<{ commits: number }>) => median(xs.map((x) => x.commits)).toFixed(2);
  printTable([
    ['figure (median of rounds)', 'rate', 'spread', 'CPU per txn', 'commits per txn', 'prepares per txn', 'ratio of medians', 'paired ratio', 'target', ''],
    ['ADD_NOTE via SendCaseEventUseCase, 200 cases (baseline)', `${fmt.int(noteMed)} ev/s`, fmt.range(noteRates, fmt.int), `${fmt.int(median(notes.map((n) => n.cpuUs)))} µs`, commitsOf(notes), prep(notes), '100 %', '100 %', '', ''],
    ['due timers via runOnce(), all', `${fmt.int(all.med)}/s`, fmt.range(timers.map((t) => t.perSec), fmt.int), `${fmt.int(all.cpuUs)} µs`, commitsOf(timers), prep(timers), fmt.pct(all.med / noteMed), fmt.pct(all.paired), '>= 80 %', verdict(met)],
    ['  of which ACKNOWLEDGEMENT_OVERDUE deadline events', `${fmt.int(deadlines.med)} ev/s`, fmt.range(timers.map((t) => t.firedPerSec), fmt.int), '', '', '', fmt.pct(deadlines.med / noteMed), fmt.pct(deadlines.paired), '', ''],
    ['  of which reminders (mail queued)', `${fmt.int(reminders.med)}/s`, fmt.range(timers.map((t) => t.remindedPerSec), fmt.int), '', '', '', fmt.pct(reminders.med / noteMed), fmt.pct(reminders.paired), '', ''],
  ]);
  console.log(
    'paired ratio = median over rounds of (timer rate / ADD_NOTE rate of the same round); the verdict uses it. ' +
      'Deadline events/s and reminders/s: each kind applied ÷ the share of the run its own transactions (fire()) took.',
  );
  console.log('prepares per txn: statements better-sqlite3 prepared afresh per event/timer (a statement cache miss: SQL text that changes every call), and the time spent preparing them.');
  if (topTexts.length > 0) {
    console.log(`SQL texts prepared most often during timers round 1 (${fmt.int(2 * cases)} timers; long numbers shown as <number>):`);
    for (const [text, n] of topTexts) console.log(`  ${String(n).padStart(6)} × ${text}`);
  }
  console.log(`every round: each timer applied exactly once, no row left, one audit entry per deadline event, 2 mails per case; ${fmt.int(subjectCases)} cases in the timers database at the end`);

  const rows: SummaryRow[] = [
    { bench: 'timer-fire', metric: 'ADD_NOTE via SendCaseEventUseCase (baseline)', value: `${fmt.int(noteMed)} ev/s, ${fmt.int(median(notes.map((n) => n.cpuUs)))} µs CPU/ev`, baseline: '(baseline)', ratio: '100 %', target: '', met: null },
    {
      bench: 'timer-fire',
      metric: `due timers via FireDueTimersUseCase.runOnce() (${fmt.int(cases)} reminders + ${fmt.int(cases)} deadlines)`,
      value: `${fmt.int(all.med)} timers/s, ${fmt.int(all.cpuUs)} µs CPU/timer`,
      baseline: `${fmt.int(noteMed)} ev/s ADD_NOTE`,
      ratio: fmt.pct(all.paired),
      target: '>= 80 % of ADD_NOTE',
      met,
    },
    { bench: 'timer-fire', metric: '  deadline events (ACKNOWLEDGEMENT_OVERDUE)', value: `${fmt.int(deadlines.med)} ev/s`, baseline: `${fmt.int(noteMed)} ev/s ADD_NOTE`, ratio: fmt.pct(deadlines.paired), target: '', met: null },
    { bench: 'timer-fire', metric: '  reminders (mail queued)', value: `${fmt.int(reminders.med)}/s`, baseline: `${fmt.int(noteMed)} ev/s ADD_NOTE`, ratio: fmt.pct(reminders.paired), target: '', met: null },
  ];
  report({ name: 'timer-fire', rows, data: { cases, notesPerRound, notes, timers, noteMed, all, deadlines, reminders } });
}

runMain(main);
