import { DataSource, EntityManager, QueryRunner } from 'typeorm';

type Work<T> = (manager: EntityManager) => Promise<T>;

interface Job {
  kind: 'read' | 'write';
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Runs a unit of work so that even a synchronous throw comes back as a rejection. */
function settle<T>(work: Work<T>, manager: EntityManager): Promise<T> {
  return new Promise<T>((resolve) => resolve(work(manager)));
}

/** Most writes one transaction may carry (bounds the latency of the first in a batch). */
const MAX_BATCH = 64;

/**
 * Every unit of work on SQLite, in arrival order, on its one connection: no two ever interleave.
 * Consecutive writes waiting together share one transaction (group commit), each inside its own
 * SAVEPOINT: a write that fails rolls back alone, the others keep theirs, and nobody is answered
 * before the COMMIT (so an acknowledged event is on disk). A failed COMMIT fails the whole batch.
 * Reads run between batches, never inside one, so they never see uncommitted writes.
 */
export class SqliteUnitOfWorkQueue {
  private readonly jobs: Job[] = [];
  private draining = false;
  private runner: QueryRunner | null = null;
  /** How much waiting a turn of the event loop has lately brought more writes into a batch. */
  private gatherScore = 0;
  private batches = 0;

  constructor(private readonly dataSource: DataSource) {}

  read<T>(work: Work<T>): Promise<T> {
    return this.enqueue('read', work);
  }

  write<T>(work: Work<T>): Promise<T> {
    return this.enqueue('write', work);
  }

  get waiting(): number {
    return this.jobs.length;
  }

  private enqueue<T>(kind: Job['kind'], work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ kind, work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.jobs.length > 0) {
        if (this.jobs[0].kind === 'read') {
          const job = this.jobs.shift()!;
          await settle(job.work, this.dataSource.manager).then(job.resolve, job.reject);
        } else {
          await this.gatherWrites();
          let n = 0;
          while (n < this.jobs.length && n < MAX_BATCH && this.jobs[n].kind === 'write') n += 1;
          await this.commitBatch(this.jobs.splice(0, n));
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * Waits one turn of the event loop so that writes about to be queued (answers arriving on other
   * sockets) join the batch; but only while that has lately paid off, or as an occasional probe,
   * so that a lone writer is not kept waiting.
   */
  private async gatherWrites(): Promise<void> {
    this.batches += 1;
    if (this.gatherScore === 0 && this.batches % 16 !== 0) return;
    const before = this.jobs.length;
    await new Promise((resolve) => setImmediate(resolve));
    this.gatherScore = this.jobs.length > before ? Math.min(this.gatherScore + 1, 8) : Math.max(this.gatherScore - 1, 0);
  }

  private async commitBatch(batch: Job[]): Promise<void> {
    // One connection, so one query runner serves every batch; the transaction statements go straight
    // to the connection (nothing else ever opens a transaction on it).
    const runner = (this.runner ??= this.dataSource.createQueryRunner());
    const db = (this.dataSource.driver as unknown as { databaseConnection: { exec(sql: string): void; inTransaction: boolean } })
      .databaseConnection;
    // A lone write needs no savepoint: if it fails, the whole transaction is rolled back.
    const alone = batch.length === 1;
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      db.exec('BEGIN');
      for (const job of batch) {
        if (!alone) db.exec('SAVEPOINT unit_of_work');
        try {
          const value = await settle(job.work, runner.manager);
          if (!alone) db.exec('RELEASE unit_of_work');
          outcomes.push({ ok: true, value });
        } catch (error) {
          if (alone) throw error;
          db.exec('ROLLBACK TO unit_of_work');
          db.exec('RELEASE unit_of_work');
          outcomes.push({ ok: false, error });
        }
      }
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      batch.forEach((job) => job.reject(error));
      return;
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
