/*
 * A second, raw better-sqlite3 connection to the product's SQLite file (after its migrations ran):
 * fills `case_timers` fast in big transactions, counts rows, and shows query plans. The product's
 * own connection stays the one that is measured; this one only prepares and inspects.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';

const CALENDAR_ID = 'england-and-wales/date-holidays@3.37.0/closures:none';

export interface FillReport {
  rows: number;
  seconds: number;
}

export class RawTimerTable {
  readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    // The product's settings (create-data-source.ts); WAL is a property of the file already.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
  }

  /**
   * Inserts `count` pending timers spread round-robin over `caseIds`, as the engine writes them
   * (a deadline and its reminder alternately, random UUID ids), `dueAt(i)` giving each one's due
   * instant (epoch ms). One transaction per `batch` rows.
   */
  insertPending(caseIds: string[], count: number, dueAt: (i: number) => number, createdAt: number, batch = 50_000): FillReport {
    const started = process.hrtime.bigint();
    const insert = this.db.prepare(
      `INSERT INTO case_timers (id, case_id, timer_key, purpose, event_type, due_at, due_date, rule, calendar_id, deadline_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const fill = this.db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const due = dueAt(i);
        const deadline = `bench.deadline.${i >> 1}`;
        const reminder = i % 2 === 1;
        insert.run(
          randomUUID(),
          caseIds[i % caseIds.length],
          reminder ? `${deadline}:reminder` : deadline,
          reminder ? 'reminder' : 'deadline',
          reminder ? 'DEADLINE_REMINDER' : 'ACKNOWLEDGEMENT_OVERDUE',
          due,
          new Date(due).toISOString().slice(0, 10),
          '5 working days',
          CALENDAR_ID,
          reminder ? deadline : null,
          createdAt,
        );
      }
    });
    for (let from = 0; from < count; from += batch) fill(from, Math.min(count, from + batch));
    // Fold the WAL back into the database file so that the measured reads do not walk a huge WAL.
    // No ANALYZE: the product never runs it, so the planner works without statistics, as in production.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return { rows: count, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  }

  count(where = '1 = 1', params: unknown[] = []): number {
    return Number((this.db.prepare(`SELECT COUNT(*) AS n FROM case_timers WHERE ${where}`).get(...params) as { n: number }).n);
  }

  /** EXPLAIN QUERY PLAN, one line per step (`detail` column). */
  explain(sql: string, params: unknown[]): string[] {
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
  }

  /** The same SQL on this raw connection, prepared once: the SQLite part of a poll without TypeORM. */
  prepare(sql: string): Database.Statement {
    return this.db.prepare(sql);
  }

  fileSizes(): { pages: number; pageSize: number } {
    return { pages: Number(this.db.pragma('page_count', { simple: true })), pageSize: Number(this.db.pragma('page_size', { simple: true })) };
  }

  close(): void {
    this.db.close();
  }
}
