/*
 * The SQL TypeORM sends while a piece of work runs, caught from its logger call (every query of
 * the better-sqlite3 query runner goes through logger.logQuery, whatever the `logging` option).
 * Used to show EXPLAIN QUERY PLAN of exactly what the product runs.
 */
import { DataSource } from 'typeorm';

export interface CapturedSql {
  sql: string;
  params: unknown[];
}

export async function captureSql(dataSource: DataSource, work: () => Promise<unknown>): Promise<CapturedSql[]> {
  const logger = dataSource.logger;
  const original = logger.logQuery;
  const seen: CapturedSql[] = [];
  logger.logQuery = (query: string, parameters?: unknown[]) => {
    seen.push({ sql: query, params: parameters ?? [] });
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}

/**
 * Counts COMMITs (so transactions, and so fsyncs in WAL + synchronous=FULL) while it is on: wraps
 * logger.logQuery with a comparison per query, cheap enough to leave on during a timed run.
 */
export class CommitCounter {
  commits = 0;
  private readonly original: DataSource['logger']['logQuery'];

  constructor(private readonly dataSource: DataSource) {
    const logger = dataSource.logger;
    this.original = logger.logQuery;
    const original = this.original;
    logger.logQuery = (query: string, parameters?: unknown[], queryRunner?: never) => {
      if (query === 'COMMIT') this.commits += 1;
      return original.call(logger, query, parameters, queryRunner);
    };
  }

  stop(): number {
    this.dataSource.logger.logQuery = this.original;
    return this.commits;
  }
}
