import Database from 'better-sqlite3';
import { Client } from 'pg';
import { TestDatabase } from './test-database';

/**
 * A second, direct connection to the test database, outside the application: what someone with
 * database access could do. SQL is written with PostgreSQL placeholders ($1, $2 …).
 */
export interface DirectConnection {
  /** Runs one statement; returns the rows of a SELECT. */
  run(sql: string, params?: unknown[]): Promise<any[]>;
  /**
   * Runs `work` with the protective triggers of `tables` (default: the case audit table) out of
   * the way, then puts them back: SQLite drops and recreates them; PostgreSQL either sets
   * `session_replication_role = replica` for this session only or, with `how: 'disable'`,
   * `ALTER TABLE … DISABLE TRIGGER USER`.
   */
  behindTriggers(work: () => Promise<void>, how?: 'replica' | 'disable', tables?: string[]): Promise<void>;
  close(): Promise<void>;
}

export async function connectDirectly(db: TestDatabase): Promise<DirectConnection> {
  if (db.dialect === 'sqlite') {
    const sqlite = new Database(db.file!);
    sqlite.pragma('busy_timeout = 5000');
    const run = async (sql: string, params: unknown[] = []) => {
      try {
        const statement = sqlite.prepare(sql.replace(/\$(\d+)/g, '@p$1'));
        const named = Object.fromEntries(params.map((value, i) => [`p${i + 1}`, value]));
        const args = params.length > 0 ? [named] : [];
        return statement.reader ? statement.all(...args) : (statement.run(...args), []);
      } catch (error) {
        // The native addon is loaded once per process and builds its SqliteError in the realm of
        // the first test file that loaded it; rethrow as an Error of this realm so Jest sees it.
        throw new Error(String((error as { message?: unknown }).message ?? error), { cause: error });
      }
    };
    return {
      run,
      async behindTriggers(work, _how, tables = ['audit_entries']) {
        const triggers = sqlite
          .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
          .all(...tables) as Array<{ name: string; sql: string }>;
        if (triggers.length === 0) throw new Error(`${tables.join(', ')} has no triggers to get around`);
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          for (const t of triggers) sqlite.exec(`DROP TRIGGER ${t.name}`);
          await work();
          for (const t of triggers) sqlite.exec(t.sql);
          sqlite.exec('COMMIT');
        } catch (error) {
          sqlite.exec('ROLLBACK');
          throw error;
        }
      },
      async close() {
        sqlite.close();
      },
    };
  }
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const run = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;
  return {
    run,
    async behindTriggers(work, how = 'replica', tables = ['audit_entries']) {
      await client.query('BEGIN');
      try {
        if (how === 'replica') await client.query('SET LOCAL session_replication_role = replica');
        else for (const table of tables) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
        await work();
        if (how === 'disable') for (const table of tables) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    close: () => client.end(),
  };
}
