/*
 * Loaded into a built server with NODE_OPTIONS=--require (bench/postgres-events.bench.ts only):
 * counts the statements the process sends to PostgreSQL, one `Client.prototype.query` of the `pg`
 * driver each (node-postgres sends a query and waits for its answer before the next on that
 * connection: one round trip each, BEGIN and COMMIT included), and the time from sending each to
 * its answer. On SIGUSR2 it writes the counts so far to the file named by BENCH_PG_COUNT_FILE
 * (synchronously, so the file is complete when the signal handler returns). Nothing of the
 * product is changed: the driver object is wrapped, in the server process only.
 */
import { writeFileSync } from 'node:fs';

interface Counts {
  statements: number;
  /** Sum over statements of the time from send to answer, ms (overlapping statements on several connections add up). */
  waitMs: number;
  /** Statements by their text's first 100 characters. */
  byText: Record<string, number>;
}

const counts: Counts = { statements: 0, waitMs: 0, byText: {} };
const file = process.env.BENCH_PG_COUNT_FILE;

type Query = (this: unknown, ...args: unknown[]) => unknown;
const pg = require('pg') as { Client: { prototype: { query: Query } } };
const original = pg.Client.prototype.query;

pg.Client.prototype.query = function (this: unknown, ...args: unknown[]): unknown {
  counts.statements += 1;
  const first = args[0] as string | { text?: string } | undefined;
  const text = (typeof first === 'string' ? first : (first?.text ?? '(submittable)')).replace(/\s+/g, ' ').slice(0, 100);
  counts.byText[text] = (counts.byText[text] ?? 0) + 1;
  const start = process.hrtime.bigint();
  const done = () => (counts.waitMs += Number(process.hrtime.bigint() - start) / 1e6);
  const result = original.apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(done, done);
  return result;
};

if (file) process.on('SIGUSR2', () => writeFileSync(file, JSON.stringify(counts)));
