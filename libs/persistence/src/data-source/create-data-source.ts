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
  return new DataSource({ ...common, type: 'postgres', url: target.url, extra: { max: 10 } });
}

/** Connects and applies any pending migrations (each in its own transaction). */
export async function openDatabase(target: DatabaseTarget): Promise<DataSource> {
  const dataSource = createDataSource(target);
  const where = target.dialect === 'sqlite' ? `sqlite:${target.path}` : redactDatabaseUrl(target.url);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new Error(`DATABASE_URL '${where}': cannot open the database: ${(error as Error).message}`, { cause: error });
  }
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw new Error(`DATABASE_URL '${where}': migrating the database failed: ${(error as Error).message}`, { cause: error });
  }
  return dataSource;
}
