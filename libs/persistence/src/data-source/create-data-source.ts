import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from '../migrations';
import { DatabaseTarget, redactDatabaseUrl } from './database-url';

/**
 * A TypeORM DataSource for SQLite (better-sqlite3; WAL with synchronous=FULL, so an acknowledged
 * event survives a power cut) or PostgreSQL. Schema changes only ever come from the migrations.
 */
export function createDataSource(target: DatabaseTarget): DataSource {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false };
  if (target.dialect === 'sqlite') {
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: target.path,
      statementCacheSize: 200,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('busy_timeout = 5000');
      },
    });
  }
  // node-postgres: `max` connections in the pool; `statement_timeout` is set on each connection (0: none).
  const extra = { max: target.poolSize ?? 10, ...(target.statementTimeoutMs ? { statement_timeout: target.statementTimeoutMs } : {}) };
  return new DataSource({ ...common, type: 'postgres', url: target.url, extra });
}

/**
 * The key of the PostgreSQL advisory lock every instance takes before migrating: any fixed 64-bit
 * number that nothing else in the database uses (here the first 8 bytes of sha256("compact-disputes:migrations")).
 */
export const MIGRATION_LOCK_KEY = '4665517466411388931';

/**
 * Runs the pending migrations. On PostgreSQL several instances may start at once on one database:
 * each waits for a session-level advisory lock held on a connection of its own, so one migrates
 * while the others wait and then find nothing pending. The lock goes with its session, so an
 * instance that dies mid-migration cannot leave it behind. SQLite serves one instance: no lock.
 */
async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockHolder.release();
  }
}

/** Connects and applies any pending migrations (each in its own transaction; on PostgreSQL under an advisory lock). */
export async function openDatabase(target: DatabaseTarget): Promise<DataSource> {
  const dataSource = createDataSource(target);
  const where = target.dialect === 'sqlite' ? `sqlite:${target.path}` : redactDatabaseUrl(target.url);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new Error(`DATABASE_URL '${where}': cannot open the database: ${(error as Error).message}`, { cause: error });
  }
  try {
    await runMigrationsExclusively(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw new Error(`DATABASE_URL '${where}': migrating the database failed: ${(error as Error).message}`, { cause: error });
  }
  return dataSource;
}
