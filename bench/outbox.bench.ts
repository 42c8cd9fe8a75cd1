/*
 * Mail delivery from the outbox: N queued messages (10,000 by default) delivered by
 * DispatchOutboxUseCase.runOnce() — called until the outbox is empty, as the mail worker does —
 * over SMTP (the product's pooled nodemailer transport, MAIL_CONCURRENCY messages at once) to a
 * loopback SMTP receiver in its own process (bench/support/smtp-sink.ts). Baseline in the same
 * run, rounds interleaved: the same N messages sent straight to the same receiver with a pooled
 * nodemailer transport at the same concurrency — no outbox, no database.
 * The messages are the product's own renderings (the "case raised" mails of 100 cases, reused),
 * a third each of kind reminder, deadline-passed and stage-change: the first two also get an
 * audit entry when sent. Every round checks that each message arrived exactly once (distinct
 * Message-IDs at the receiver equal to those expected, no duplicate) and that the outbox holds
 * nothing pending. Figures: messages per second (reported; issue 3 sets no target).
 */
import './support/aliases';
import 'reflect-metadata';
import { APP_CONFIG, AppConfig, DispatchOutboxUseCase, messageIdOf, newOutboxMessage } from '@compact/application';
import { MailKind, OutboxMessage, REMINDER_KINDS } from '@compact/domain';
import { nodemailerMessage, OutgoingMail } from '@compact/mail';
import { randomUUID } from 'node:crypto';
import nodemailer, { Transporter } from 'nodemailer';
import { benchOptions, fmt, median, printEnvironment, printTable, report, runMain, SummaryRow } from './support/bench-kit';
import { EngineFixture } from './support/engine-fixture';
import { SinkStats, SmtpSinkProcess } from './support/smtp-sink-process';
import { captureSql, CommitCounter } from './support/sql-capture';
import { StatementCounter } from './support/statement-counter';

const KINDS: MailKind[] = ['reminder', 'deadline-passed', 'stage-change'];
const ENQUEUE_BATCH = 500;

interface Delivery {
  perSec: number;
  seconds: number;
  /** CPU of this process (sender, and database for the outbox) per message, µs. */
  cpuUs: number;
  /** CPU of the receiver process per message, µs. */
  sinkCpuUs: number;
  sent: number;
  exactlyOnce: boolean;
  detail: string;
}

interface OutboxDelivery extends Delivery {
  runOnceCalls: number;
  retrying: number;
  failed: number;
  audited: number;
  prepares: number;
  /** Transactions committed per message (each one an fsync: WAL + synchronous=FULL). */
  commits: number;
}

const cpuOf = (u: NodeJS.CpuUsage) => u.user + u.system;

/** Checks the receiver got exactly the expected Message-IDs, once each. */
async function checkReceived(sink: SmtpSinkProcess, expected: Set<string>, before: SinkStats): Promise<{ ok: boolean; detail: string; stats: SinkStats }> {
  const stats = await sink.stats();
  const ids = await sink.ids();
  const received = new Set(ids);
  const missing = [...expected].filter((id) => !received.has(id)).length;
  const unexpected = ids.filter((id) => !expected.has(id)).length;
  const ok = stats.received === expected.size && stats.distinct === expected.size && stats.duplicates === 0 && stats.withoutId === 0 && missing === 0 && unexpected === 0;
  const detail =
    `received ${fmt.int(stats.received)}, distinct Message-IDs ${fmt.int(stats.distinct)}, duplicates ${stats.duplicates}, ` +
    `missing ${missing}, unexpected ${unexpected}, SMTP connections ${stats.connections - before.connections}`;
  return { ok, detail, stats };
}

/** The same messages straight to the receiver: a pooled nodemailer transport, `concurrency` sends at once. */
async function sendDirect(
  transporter: Transporter,
  sink: SmtpSinkProcess,
  mails: OutgoingMail[],
  concurrency: number,
): Promise<Delivery> {
  await sink.reset();
  const before = await sink.stats();
  const expected = new Set(mails.map((m) => m.messageId));
  let next = 0;
  const worker = async () => {
    while (next < mails.length) await transporter.sendMail(nodemailerMessage(mails[next++]));
  };
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  const check = await checkReceived(sink, expected, before);
  return {
    perSec: mails.length / seconds,
    seconds,
    cpuUs: cpuOf(used) / mails.length,
    sinkCpuUs: (cpuOf(check.stats.cpu) - cpuOf(before.cpu)) / mails.length,
    sent: mails.length,
    exactlyOnce: check.ok,
    detail: check.detail,
  };
}

async function main(): Promise<void> {
  const opts = benchOptions();
  const count = Number(process.argv.find((a) => a.startsWith('--messages='))?.slice('--messages='.length) ?? (opts.quick ? 3_000 : 10_000));
  const concurrencyArg = process.argv.find((a) => a.startsWith('--concurrency='))?.slice('--concurrency='.length);
  console.log(`# Outbox: ${fmt.int(count)} queued messages delivered by DispatchOutboxUseCase.runOnce() over SMTP vs the same sent straight with nodemailer (${opts.rounds} rounds, medians)`);
  printEnvironment();

  const sink = await SmtpSinkProcess.start();
  const env: Record<string, string> = { SMTP_URL: sink.url };
  if (concurrencyArg) env.MAIL_CONCURRENCY = concurrencyArg;
  const fx = await EngineFixture.start({ env });
  const config = fx.app.get<AppConfig>(APP_CONFIG);
  const concurrency = config.mailConcurrency;
  const dispatch = fx.app.get(DispatchOutboxUseCase);
  const statements = StatementCounter.on(fx.dataSource);
  console.log(`receiver ${sink.url} (own process); MAIL_CONCURRENCY ${concurrency}; runOnce(limit 200) as the mail worker calls it`);

  // 100 cases: each queues its "case raised" mail; delivering them warms the pool, the statement
  // cache and the JIT, and gives the product's rendered messages to reuse.
  await fx.raiseMany(100, { concurrency: 16 });
  while ((await dispatch.runOnce()).sent > 0);
  const templates = await fx.store.read(async (r) => {
    const sent = await r.outbox.list({ status: 'sent', limit: 1000 });
    return (await Promise.all(sent.map((m) => r.outbox.findById(m.id)))).filter((m) => m !== null);
  });
  if (templates.length < 100) throw new Error(`expected the 100 "case raised" mails to be sent, found ${templates.length}`);
  const averageBytes = templates.reduce((n, t) => n + t.text.length + t.html.length + t.subject.length, 0) / templates.length;
  console.log(`message bodies: the product's rendering, ${fmt.int(averageBytes)} characters (text + HTML) on average; kinds ${KINDS.join(', ')} in turn`);

  const baseTransport = nodemailer.createTransport({
    url: sink.url,
    pool: true,
    maxConnections: concurrency,
    connectionTimeout: config.mailSendTimeoutMs,
    greetingTimeout: config.mailSendTimeoutMs,
    socketTimeout: config.mailSendTimeoutMs,
  } as never);
  const content = (i: number) => {
    const t = templates[i % templates.length];
    return { to: t.to, cc: t.cc, subject: t.subject, text: t.text, html: t.html, caseId: t.caseId };
  };
  const directMails = (): OutgoingMail[] =>
    Array.from({ length: count }, (_, i) => {
      const { caseId: _caseId, ...c } = content(i);
      return { ...c, recipients: [...c.to, ...c.cc], kind: KINDS[i % KINDS.length], createdAt: new Date(), messageId: `<${randomUUID()}@bench.localhost>`, from: config.mailFrom };
    });
  await sendDirect(baseTransport, sink, directMails().slice(0, 500), concurrency);

  const queue = async (round: number): Promise<OutboxMessage[]> => {
    const at = new Date();
    const messages = Array.from({ length: count }, (_, i) =>
      newOutboxMessage({ ...content(i), kind: KINDS[i % KINDS.length], topic: `bench.round-${round}.${i}`, at }),
    );
    for (let i = 0; i < messages.length; i += ENQUEUE_BATCH) {
      const batch = messages.slice(i, i + ENQUEUE_BATCH);
      await fx.store.write((r) => r.outbox.enqueue(batch));
    }
    return messages;
  };

  const statusCounts = async (): Promise<Record<string, number>> => {
    const rows: Array<{ status: string; n: number }> = await fx.dataSource.query('SELECT status, COUNT(*) AS n FROM outbox_messages GROUP BY status');
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  };

  // The query plan of the dispatcher's poll, with the outbox full.
  let plan: string[] = [];
  let planSql = '';
  let pollMs = NaN;

  const viaOutbox = async (round: number): Promise<OutboxDelivery> => {
    const messages = await queue(round);
    const expected = new Set(messages.map((m) => messageIdOf(m, config.publicUrl)));
    const audited = messages.filter((m) => REMINDER_KINDS.includes(m.kind)).length;
    if (round === 0) {
      const seen = await captureSql(fx.dataSource, () => fx.store.read((r) => r.outbox.findReady(new Date(), 200)));
      const q = seen.find((s) => /^\s*SELECT/i.test(s.sql))!;
      planSql = q.sql;
      plan = (await fx.store.read(() => fx.dataSource.query(`EXPLAIN QUERY PLAN ${q.sql}`, q.params))).map((r: { detail: string }) => r.detail);
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const start = process.hrtime.bigint();
        await fx.store.read((r) => r.outbox.findReady(new Date(), 200));
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      pollMs = median(times);
    }
    const auditBefore = await fx.count('audit_entries');
    const sentBefore = (await statusCounts()).sent ?? 0;
    await sink.reset();
    const before = await sink.stats();
    const prepared = statements.snapshot();
    const commits = new CommitCounter(fx.dataSource);
    const totals = { sent: 0, retrying: 0, failed: 0 };
    let calls = 0;
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (;;) {
      const r = await dispatch.runOnce();
      calls += 1;
      totals.sent += r.sent;
      totals.retrying += r.retrying;
      totals.failed += r.failed;
      if (r.sent + r.retrying + r.failed === 0) break;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    const committed = commits.stop();
    const prep = statements.since(prepared, count);
    const check = await checkReceived(sink, expected, before);
    const status = await statusCounts();
    const auditAdded = (await fx.count('audit_entries')) - auditBefore;
    const outboxOk =
      (status.pending ?? 0) === 0 && (status.sending ?? 0) === 0 && (status.failed ?? 0) === 0 && (status.sent ?? 0) - sentBefore === count && totals.sent === count;
    return {
      perSec: count / seconds,
      seconds,
      cpuUs: cpuOf(used) / count,
      sinkCpuUs: (cpuOf(check.stats.cpu) - cpuOf(before.cpu)) / count,
      sent: totals.sent,
      exactlyOnce: check.ok && outboxOk && auditAdded === audited,
      detail:
        `${check.detail}; outbox ${JSON.stringify(status)}, audit entries +${fmt.int(auditAdded)} (expected ${fmt.int(audited)})` +
        (totals.retrying + totals.failed > 0 ? `, retrying ${totals.retrying}, failed ${totals.failed}` : ''),
      runOnceCalls: calls,
      retrying: totals.retrying,
      failed: totals.failed,
      audited: auditAdded,
      prepares: prep.perOp,
      commits: committed / count,
    };
  };

  const direct: Delivery[] = [];
  const outbox: OutboxDelivery[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    direct.push(await sendDirect(baseTransport, sink, directMails(), concurrency));
    outbox.push(await viaOutbox(r));
    const d = direct[r];
    const o = outbox[r];
    console.log(
      `round ${r + 1}: nodemailer straight ${fmt.int(d.perSec)} msg/s (${d.exactlyOnce ? 'each once' : `NOT each once: ${d.detail}`}) · ` +
        `outbox ${fmt.int(o.perSec)} msg/s (${fmt.pct(o.perSec / d.perSec)}) in ${o.seconds.toFixed(1)} s, ${o.runOnceCalls} runOnce calls ` +
        `(${o.exactlyOnce ? 'each once' : 'NOT each once'}: ${o.detail})`,
    );
  }
  baseTransport.close();
  await fx.close();
  await sink.stop();

  const dRates = direct.map((d) => d.perSec);
  const oRates = outbox.map((o) => o.perSec);
  const paired = median(oRates.map((o, i) => o / dRates[i]));
  const allOnce = direct.every((d) => d.exactlyOnce) && outbox.every((o) => o.exactlyOnce);
  const usesIndex = plan.some((d) => /ix_outbox_ready/.test(d));
  const sorts = plan.some((d) => /TEMP B-TREE/.test(d));
  console.log(`\nSQL the product sends for findReady(now, 200):\n  ${planSql}`);
  console.log(`EXPLAIN QUERY PLAN with ${fmt.int(count)} pending (and ${fmt.int(100)} sent) rows:\n${plan.map((d) => `  ${d}`).join('\n')}`);
  console.log(`one findReady(now, 200) with ${fmt.int(count)} pending: ${fmt.ms(pollMs)} (median of 15)${sorts ? ': every pending row is read and sorted to return 200' : ''}`);
  console.log();
  printTable([
    ['figure (median of rounds)', 'rate', 'spread', 'CPU/msg (sender)', 'CPU/msg (receiver)', 'commits/msg', 'prepares/msg', 'ratio', 'each arrived once'],
    [
      `nodemailer pooled, ${concurrency} at once, no outbox (baseline)`,
      `${fmt.int(median(dRates))} msg/s`,
      fmt.range(dRates, fmt.int),
      `${fmt.int(median(direct.map((d) => d.cpuUs)))} µs`,
      `${fmt.int(median(direct.map((d) => d.sinkCpuUs)))} µs`,
      '',
      '',
      '100 %',
      direct.every((d) => d.exactlyOnce) ? 'yes' : 'NO',
    ],
    [
      `DispatchOutboxUseCase.runOnce() until empty (MAIL_CONCURRENCY ${concurrency})`,
      `${fmt.int(median(oRates))} msg/s`,
      fmt.range(oRates, fmt.int),
      `${fmt.int(median(outbox.map((o) => o.cpuUs)))} µs`,
      `${fmt.int(median(outbox.map((o) => o.sinkCpuUs)))} µs`,
      median(outbox.map((o) => o.commits)).toFixed(2),
      median(outbox.map((o) => o.prepares)).toFixed(2),
      fmt.pct(paired),
      outbox.every((o) => o.exactlyOnce) ? 'yes' : 'NO',
    ],
  ]);
  console.log(
    `ratio = median over rounds of (outbox rate / straight rate of the same round). ${fmt.int(count)} messages a round; ` +
      `${fmt.int(outbox[0]?.audited ?? 0)} of them reminders (audit entry each). commits/msg: transactions (fsyncs) per message; ` +
      "prepares/msg: statements prepared afresh per message (a statement cache miss, e.g. numbers written into the SQL text).",
  );

  const rows: SummaryRow[] = [
    {
      bench: 'outbox',
      metric: `nodemailer pooled straight to the receiver, ${concurrency} at once (baseline)`,
      value: `${fmt.int(median(dRates))} msg/s, ${fmt.int(median(direct.map((d) => d.cpuUs)))} µs CPU/msg`,
      baseline: '(baseline)',
      ratio: '100 %',
      target: '',
      met: null,
    },
    {
      bench: 'outbox',
      metric: `${fmt.int(count)} queued messages via DispatchOutboxUseCase.runOnce()`,
      value: `${fmt.int(median(oRates))} msg/s, ${fmt.int(median(outbox.map((o) => o.cpuUs)))} µs CPU/msg`,
      baseline: `${fmt.int(median(dRates))} msg/s straight`,
      ratio: fmt.pct(paired),
      target: 'reported (no target)',
      met: null,
    },
    {
      bench: 'outbox',
      metric: 'each message arrived exactly once (distinct Message-IDs); outbox empty',
      value: allOnce ? 'yes, every round' : 'NO',
      baseline: '',
      ratio: '',
      target: 'exactly once',
      met: allOnce,
    },
  ];
  report({ name: 'outbox', rows, data: { count, concurrency, direct, outbox, paired, plan, planSql, pollMs, usesIndex, sorts } });
}

runMain(main);
