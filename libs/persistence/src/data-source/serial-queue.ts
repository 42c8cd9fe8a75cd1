/**
 * Runs async jobs one at a time, in arrival order. SQLite has one connection here: two
 * transactions interleaving on it would mix their statements, so every unit of work queues.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(job: () => Promise<T>): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(job, job);
    this.tail = result.then(
      () => this.done(),
      () => this.done(),
    );
    return result;
  }

  get size(): number {
    return this.pending;
  }

  private done(): void {
    this.pending -= 1;
  }
}
