import type { Database, Statement } from 'better-sqlite3';
import { DataSource, EntityManager } from 'typeorm';

const pgCache = new Map<string, string>();

/** `?` placeholders -> `$1, $2, …` for PostgreSQL (the SQL written here never has `?` in literals). */
function toPostgres(text: string): string {
  let out = pgCache.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    pgCache.set(text, out);
  }
  return out;
}

/** Prepared statements of each SQLite database, by SQL text. */
const prepared = new WeakMap<DataSource, Map<string, Statement>>();

/**
 * Parameterised SQL for the per-event path, on the unit of work's manager. Values are always bound
 * and each SQL text is prepared once. On SQLite the statements run straight on the one connection
 * (inside whatever transaction the unit of work's queue opened on it), skipping TypeORM's per-query
 * machinery; on PostgreSQL they go through the manager's query runner. Portable SQL only.
 */
export class Sql {
  private readonly native: Database | null;

  constructor(
    private readonly manager: EntityManager,
    private readonly postgres: boolean,
  ) {
    this.native = postgres ? null : ((manager.connection.driver as unknown as { databaseConnection?: Database }).databaseConnection ?? null);
  }

  async rows<T>(text: string, params: unknown[] = []): Promise<T[]> {
    if (this.native) return this.statement(text).all(...params) as T[];
    return this.manager.query(this.postgres ? toPostgres(text) : text, params);
  }

  async one<T>(text: string, params: unknown[] = []): Promise<T | null> {
    return (await this.rows<T>(text, params))[0] ?? null;
  }

  /** Runs a write with a RETURNING clause and answers the rows it returned (inside a unit of work). */
  async returning<T>(text: string, params: unknown[] = []): Promise<T[]> {
    if (this.native) return this.statement(text).all(...params) as T[];
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('Sql.returning is for writes inside a unit of work');
    const result = await runner.query(toPostgres(text), params, true);
    return (result.records ?? []) as T[];
  }

  /** Runs a write and returns the number of rows it changed (inside a unit of work). */
  async run(text: string, params: unknown[] = []): Promise<number> {
    if (this.native) return this.statement(text).run(...params).changes;
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('Sql.run is for writes inside a unit of work');
    const result = await runner.query(this.postgres ? toPostgres(text) : text, params, true);
    return result.affected ?? 0;
  }

  /**
   * PostgreSQL NOTIFY on `channel`, delivered to every listening connection when the unit of work
   * commits (and never if it rolls back). Nothing on SQLite: one machine, one cache to clear.
   */
  async notify(channel: string, payload: string): Promise<void> {
    if (this.postgres) await this.manager.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  private statement(text: string): Statement {
    let cache = prepared.get(this.manager.connection);
    if (!cache) prepared.set(this.manager.connection, (cache = new Map()));
    let statement = cache.get(text);
    if (!statement) cache.set(text, (statement = this.native!.prepare(text)));
    return statement;
  }
}

/** Placeholders for an IN list: `(?, ?, ?)`. */
export const inList = (n: number): string => `(${new Array(n).fill('?').join(', ')})`;
