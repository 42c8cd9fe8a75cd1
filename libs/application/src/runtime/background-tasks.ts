import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

/**
 * Work started by a request that its answer does not wait for (so that the answer takes the same
 * time whatever the work turns out to be). Each task is tracked: a failure is logged, and shutting
 * down waits for the tasks still running, so none is cut off by a graceful stop.
 */
@Injectable()
export class BackgroundTasks implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Background');
  private readonly running = new Set<Promise<void>>();

  run(name: string, work: () => Promise<void>): void {
    const task: Promise<void> = Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.logger.error(`${name}: ${(error as Error)?.stack ?? String(error)}`))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves once every task started so far (and any they started) has ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /** Before the database and the mail transport close (their hooks run on application shutdown). */
  beforeApplicationShutdown(): Promise<void> {
    return this.idle();
  }
}
