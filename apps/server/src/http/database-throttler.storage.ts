import { Clock } from '@compact/application';
import { Store } from '@compact/domain';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

const MAX_REMEMBERED = 10_000;

/**
 * @nestjs/throttler's storage in the database (the request_throttles table, through the Store),
 * so that every instance sharing PostgreSQL counts together. Blocks this instance has seen are also
 * remembered in memory, so that a blocked client is refused here without asking the database.
 */
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now();
    const hit = await this.store.write((r) => r.throttles.hit(key, { windowMs: ttl, limit, blockMs: blockDuration }, now));
    if (hit.blocked) this.remember(key, now.getTime() + hit.blockEndsInMs);
    return {
      totalHits: hit.hits,
      timeToExpire: Math.ceil(hit.windowEndsInMs / 1000),
      isBlocked: hit.blocked,
      timeToBlockExpire: Math.ceil(hit.blockEndsInMs / 1000),
    };
  }

  /** How long the key stays blocked, in ms: from memory, and (when asked) from the database. */
  async blockedForMs(key: string, askDatabase: boolean): Promise<number> {
    const now = this.clock.now();
    const remembered = (this.blockedUntil.get(key) ?? 0) - now.getTime();
    if (remembered > 0) return remembered;
    this.blockedUntil.delete(key);
    if (!askDatabase) return 0;
    const stored = await this.store.read((r) => r.throttles.blockedForMs(key, now));
    if (stored > 0) this.remember(key, now.getTime() + stored);
    return stored;
  }

  private remember(key: string, until: number): void {
    if (this.blockedUntil.size >= MAX_REMEMBERED) this.blockedUntil.clear();
    this.blockedUntil.set(key, until);
  }
}
