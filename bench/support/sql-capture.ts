/*
 * The SQL the product sends while a piece of work runs. The product runs its per-event SQL straight
 * on the better-sqlite3 connection (prepared once, bound parameters) and the rest through TypeORM,
 * so both are watched: the Statement methods and `exec` of the driver's Database, and TypeORM's
 * logger.logQuery (which every query of its better-sqlite3 query runner goes through).
 * Used to show EXPLAIN QUERY PLAN of exactly what the product runs, and to count COMMITs.
 */
import { DataSource } from 'typeorm';

export interface CapturedSql {
  sql: string;
  params: unknown[];
}

type Listener = (sql: string, params: unknown[]) => void;

interface NativeDb {
  prepare(sql: string): { source: string };
  exec(sql: string): unknown;
}

/** Installs `listener` on every way SQL reaches the database; returns the function that removes it. */
function listen(dataSource: DataSource, listener: Listener): () => void {
  const undo: Array<() => void> = [];
  const logger = dataSource.logger;
  const logQuery = logger.logQuery;
  logger.logQuery = (query: string, parameters?: unknown[], queryRunner?: never) => {
    listener(query, parameters ?? []);
    return logQuery.call(logger, query, parameters, queryRunner);
  };
  undo.push(() => (logger.logQuery = logQuery));
  const db = (dataSource.driver as unknown as { databaseConnection?: NativeDb }).databaseConnection;
  if (db && typeof db.exec === 'function') {
    const exec = db.exec;
    db.exec = function (this: NativeDb, sql: string) {
      listener(sql, []);
      return exec.call(this, sql);
    };
    undo.push(() => (db.exec = exec));
    const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['all', 'get', 'run', 'iterate']) {
      const original = proto[method];
      proto[method] = function (this: { source: string }, ...args: unknown[]) {
        listener(this.source, args);
        return original.apply(this, args);
      };
      undo.push(() => (proto[method] = original));
    }
  }
  return () => undo.reverse().forEach((u) => u());
}

export async function captureSql(dataSource: DataSource, work: () => Promise<unknown>): Promise<CapturedSql[]> {
  const seen: CapturedSql[] = [];
  const stop = listen(dataSource, (sql, params) => seen.push({ sql, params }));
  try {
    await work();
  } finally {
    stop();
  }
  return seen;
}

/**
 * Counts COMMITs (so transactions, and so fsyncs in WAL + synchronous=FULL) while it is on; a
 * string comparison per statement, cheap enough to leave on during a timed run.
 */
export class CommitCounter {
  commits = 0;
  private readonly stopListening: () => void;

  constructor(dataSource: DataSource) {
    this.stopListening = listen(dataSource, (sql) => {
      if (sql === 'COMMIT') this.commits += 1;
    });
  }

  stop(): number {
    this.stopListening();
    return this.commits;
  }
}
