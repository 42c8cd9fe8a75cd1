import { Injectable } from '@nestjs/common';
import { User } from '@compact/domain';

/** How long a token that was found stays trusted without asking the database again. */
export const TRUSTED_FOR_MS = 30_000;
const MAX_CACHED = 10_000;

/**
 * API tokens found recently, by hash, so that a busy client does not cost a lookup per request.
 * Deactivating a user forgets their tokens at once in this process; other instances (PostgreSQL
 * deployments) hear of it by LISTEN/NOTIFY and forget them within a second, or, if that
 * announcement is lost, stop trusting them within TRUSTED_FOR_MS.
 */
@Injectable()
export class TrustedTokens {
  private readonly known = new Map<string, { user: User; until: number }>();

  get(hash: string, now: number): User | null {
    const cached = this.known.get(hash);
    return cached && cached.until > now ? cached.user : null;
  }

  remember(hash: string, user: User, now: number): void {
    if (this.known.size >= MAX_CACHED) this.known.clear();
    this.known.set(hash, { user, until: now + TRUSTED_FOR_MS });
  }

  forgetUser(userId: string): void {
    for (const [hash, entry] of this.known) if (entry.user.id === userId) this.known.delete(hash);
  }

  forgetAll(): void {
    this.known.clear();
  }
}
