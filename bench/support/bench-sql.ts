/*
 * A plain connection to a bench database, outside the product (the server is stopped while the
 * bench writes through it): better-sqlite3 on the SQLite file, or one `pg` client. Statements use
 * `?` placeholders on both; they are numbered for PostgreSQL here.
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';

export type Dialect = 'sqlite' | 'postgres';

export interface BenchSql {
  readonly dialect: Dialect;
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** Runs `work` in one transaction. */
  transaction(work: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** `?` → `$1, $2, …` (the bench's own SQL never holds a literal question mark). */
export const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export async function openBenchSql(dialect: Dialect, url: string): Promise<BenchSql> {
  if (dialect === 'sqlite') {
    const db = new Database(url.replace(/^sqlite:/, ''));
    db.pragma('journal_mode = WAL');
    const statements = new Map<string, Database.Statement>();
    const prepared = (sql: string) => {
      let s = statements.get(sql);
      if (!s) statements.set(sql, (s = db.prepare(sql)));
      return s;
    };
    return {
      dialect,
      rows: async <T>(sql: string, params: unknown[] = []) => prepared(sql).all(...params) as T[],
      run: async (sql, params = []) => {
        const s = prepared(sql);
        if (s.reader) s.all(...params);
        else s.run(...params);
      },
      transaction: async (work) => {
        db.exec('BEGIN');
        try {
          await work();
          db.exec('COMMIT');
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      },
      close: async () => void db.close(),
    };
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    dialect,
    rows: async <T>(sql: string, params: unknown[] = []) => (await client.query(numbered(sql), params)).rows as T[],
    run: async (sql, params = []) => void (await client.query(numbered(sql), params)),
    transaction: async (work) => {
      await client.query('BEGIN');
      try {
        await work();
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    close: () => client.end(),
  };
}
