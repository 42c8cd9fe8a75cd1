import { EMPTY_THROTTLE, hitThrottle, ThrottleHit, ThrottleRepository, ThrottleRule, ThrottleState, throttleExpiresAt } from '@compact/domain';
import { EntityManager } from 'typeorm';
import { Sql } from '../data-source/sql';

interface ThrottleRow {
  hits: number | string;
  window_ends_at: number | string;
  blocked_until: number | string;
}

const stateOf = (row: ThrottleRow | null): ThrottleState =>
  row ? { hits: Number(row.hits), windowEndsAt: Number(row.window_ends_at), blockedUntil: Number(row.blocked_until) } : EMPTY_THROTTLE;

/**
 * Throttle counters in bound SQL. A hit locks the key's row for the rest of the transaction
 * (PostgreSQL: FOR UPDATE; SQLite: one writer at a time), so concurrent hits on several instances
 * are all counted.
 */
export class TypeOrmThrottleRepository extends ThrottleRepository {
  private readonly sql: Sql;

  constructor(
    manager: EntityManager,
    private readonly rowLocks: boolean,
  ) {
    super();
    this.sql = new Sql(manager, rowLocks);
  }

  async hit(keyHash: string, rule: ThrottleRule, now: Date): Promise<ThrottleHit> {
    const at = now.getTime();
    await this.sql.run('DELETE FROM request_throttles WHERE expires_at < ?', [at]);
    await this.sql.run(
      'INSERT INTO request_throttles (key_hash, hits, window_ends_at, blocked_until, expires_at) VALUES (?, 0, 0, 0, 0) ON CONFLICT (key_hash) DO NOTHING',
      [keyHash],
    );
    const row = await this.sql.one<ThrottleRow>(
      `SELECT hits, window_ends_at, blocked_until FROM request_throttles WHERE key_hash = ?${this.rowLocks ? ' FOR UPDATE' : ''}`,
      [keyHash],
    );
    const { state, hit } = hitThrottle(stateOf(row), at, rule);
    await this.sql.run('UPDATE request_throttles SET hits = ?, window_ends_at = ?, blocked_until = ?, expires_at = ? WHERE key_hash = ?', [
      state.hits,
      state.windowEndsAt,
      state.blockedUntil,
      throttleExpiresAt(state),
      keyHash,
    ]);
    return hit;
  }

  async blockedForMs(keyHash: string, now: Date): Promise<number> {
    const row = await this.sql.one<ThrottleRow>('SELECT hits, window_ends_at, blocked_until FROM request_throttles WHERE key_hash = ?', [keyHash]);
    return Math.max(0, stateOf(row).blockedUntil - now.getTime());
  }
}
