import { DomainError, ErrorCode, Repositories, Store } from '@compact/domain';
import { DataSource, EntityManager } from 'typeorm';
import { TypeOrmAdminAuditRepository } from '../repositories/typeorm-admin-audit.repository';
import { TypeOrmAnnualReportRepository } from '../repositories/typeorm-annual-report.repository';
import { TypeOrmBoardRepository } from '../repositories/typeorm-board.repository';
import { TypeOrmAuditRepository } from '../repositories/typeorm-audit.repository';
import { TypeOrmCaseRepository } from '../repositories/typeorm-case.repository';
import { TypeOrmDocumentRepository } from '../repositories/typeorm-document.repository';
import { TypeOrmFeedbackRepository } from '../repositories/typeorm-feedback.repository';
import { TypeOrmMailDigestRepository } from '../repositories/typeorm-mail-digest.repository';
import { TypeOrmRegisterRepository } from '../repositories/typeorm-register.repository';
import { TypeOrmOutboxRepository } from '../repositories/typeorm-outbox.repository';
import { TypeOrmSessionRepository } from '../repositories/typeorm-session.repository';
import { OrganisationCache, TypeOrmOrganisationRepository } from '../repositories/typeorm-organisation.repository';
import { TypeOrmThrottleRepository } from '../repositories/typeorm-throttle.repository';
import { TypeOrmTimerRepository } from '../repositories/typeorm-timer.repository';
import { TypeOrmUserRepository } from '../repositories/typeorm-user.repository';
import { SqliteUnitOfWorkQueue } from './sqlite-unit-of-work-queue';

/**
 * The Store port on TypeORM. On SQLite every unit of work, read or write, waits its turn on one
 * queue (the single connection must never carry two transactions at once), and waiting writes are
 * committed together, each in its own savepoint. On PostgreSQL reads run freely and each write is
 * its own transaction with row locks (`FOR UPDATE`, `SKIP LOCKED` for timers).
 */
export class TypeOrmStore extends Store {
  private readonly queue: SqliteUnitOfWorkQueue | null;
  private readonly rowLocks: boolean;
  private readonly organisations: OrganisationCache = new Map();

  constructor(readonly dataSource: DataSource) {
    super();
    const sqlite = dataSource.options.type === 'better-sqlite3';
    this.queue = sqlite ? new SqliteUnitOfWorkQueue(dataSource) : null;
    this.rowLocks = !sqlite;
  }

  get dialect(): 'sqlite' | 'postgres' {
    return this.queue ? 'sqlite' : 'postgres';
  }

  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    if (this.queue) return this.queue.read((manager) => work(this.repositories(manager)));
    return timedOutAsBusy(work(this.repositories(this.dataSource.manager)));
  }

  write<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    if (this.queue) return this.queue.write((manager) => work(this.repositories(manager)));
    return timedOutAsBusy(this.dataSource.transaction((manager) => work(this.repositories(manager))));
  }

  async ping(): Promise<void> {
    await this.read(async () => {
      await this.dataSource.query('SELECT 1');
    });
  }

  private repositories(manager: EntityManager): Repositories {
    return {
      organisations: new TypeOrmOrganisationRepository(manager, this.organisations),
      users: new TypeOrmUserRepository(manager),
      cases: new TypeOrmCaseRepository(manager, this.rowLocks),
      audit: new TypeOrmAuditRepository(manager),
      timers: new TypeOrmTimerRepository(manager, this.rowLocks),
      outbox: new TypeOrmOutboxRepository(manager),
      digests: new TypeOrmMailDigestRepository(manager, this.rowLocks),
      sessions: new TypeOrmSessionRepository(manager),
      adminAudit: new TypeOrmAdminAuditRepository(manager, this.rowLocks),
      throttles: new TypeOrmThrottleRepository(manager, this.rowLocks),
      feedback: new TypeOrmFeedbackRepository(manager),
      annualReports: new TypeOrmAnnualReportRepository(manager, this.rowLocks),
      register: new TypeOrmRegisterRepository(manager, this.rowLocks),
      board: new TypeOrmBoardRepository(manager, this.rowLocks),
      documents: new TypeOrmDocumentRepository(manager),
    };
  }
}

/** PostgreSQL's SQLSTATE for a statement cancelled, here by `statement_timeout` (DATABASE_STATEMENT_TIMEOUT_MS). */
const QUERY_CANCELED = '57014';

/**
 * A unit of work whose statement ran past the statement timeout was rolled back whole: the caller
 * is told the service is busy (503, try again), not that it failed (500).
 */
async function timedOutAsBusy<T>(unit: Promise<T>): Promise<T> {
  try {
    return await unit;
  } catch (error) {
    const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
    if (code === QUERY_CANCELED) {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The database took too long to answer, so nothing was saved; try again in a moment', {
        cause: 'statement-timeout',
      });
    }
    throw error;
  }
}
