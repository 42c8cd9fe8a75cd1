/*
 * Counts the statements better-sqlite3 prepares on the product's connection, and the time spent
 * preparing them. TypeORM keeps prepared statements in a cache keyed by the SQL text
 * (statementCacheSize 200, first in first out), so a statement prepared on every call means SQL
 * text that changes on every call (on SQLite TypeORM writes numbers into the text instead of
 * binding them). Bench-only instrumentation: wraps `prepare` of the driver's Database object.
 */
import { DataSource } from 'typeorm';

interface Counted {
  prepare(sql: string): unknown;
  __benchCounter?: StatementCounter;
}

export class StatementCounter {
  prepares = 0;
  ns = 0;
  /** When set, the texts prepared (first 200 characters), most frequent first via top(). */
  private texts: Map<string, number> | null = null;

  private constructor() {}

  static on(dataSource: DataSource): StatementCounter {
    const db = (dataSource.driver as unknown as { databaseConnection: Counted }).databaseConnection;
    if (db.__benchCounter) return db.__benchCounter;
    const counter = new StatementCounter();
    const prepare = db.prepare.bind(db);
    db.prepare = (sql: string) => {
      const start = process.hrtime.bigint();
      try {
        return prepare(sql);
      } finally {
        counter.ns += Number(process.hrtime.bigint() - start);
        counter.prepares += 1;
        if (counter.texts) {
          const key = sql.replace(/\s+/g, ' ').replace(/\b\d{6,}\b/g, '<number>').slice(0, 200);
          counter.texts.set(key, (counter.texts.get(key) ?? 0) + 1);
        }
      }
    };
    db.__benchCounter = counter;
    return counter;
  }

  snapshot(): { prepares: number; ns: number } {
    return { prepares: this.prepares, ns: this.ns };
  }

  /** Prepares and preparing time since `from`, per `n` operations. */
  since(from: { prepares: number; ns: number }, n: number): { perOp: number; usPerOp: number } {
    return { perOp: (this.prepares - from.prepares) / n, usPerOp: (this.ns - from.ns) / 1e3 / n };
  }

  record(on: boolean): void {
    this.texts = on ? new Map() : null;
  }

  /** The SQL texts prepared most often while recording (long numbers shown as <number>). */
  top(n = 10): Array<[string, number]> {
    return [...(this.texts ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  }
}
