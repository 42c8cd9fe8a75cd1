/*
 * A clock the bench sets to any instant, from which time then flows at the real rate — unlike
 * test/support's ManualClock, which stands still until moved. The product reads clock.now() for
 * every timestamp it writes; a clock that stands still makes every transaction write the same
 * numbers, which hides costs that depend on them (TypeORM writes numbers into the SQL text on
 * SQLite, so a new instant means a new statement to prepare), so the benches that move time use this.
 */
import { Clock } from '@compact/application';

export class FlowingClock extends Clock {
  private base: number;
  private anchor = performance.now();

  constructor(at: Date) {
    super();
    this.base = at.getTime();
  }

  now(): Date {
    return new Date(this.base + Math.floor(performance.now() - this.anchor));
  }

  /** From now on the clock reads `at`, then moves on with real time. */
  set(at: Date | number): void {
    this.base = typeof at === 'number' ? at : at.getTime();
    this.anchor = performance.now();
  }
}
