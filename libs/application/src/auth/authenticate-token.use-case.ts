import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Store, User } from '@compact/domain';
import { Clock } from '../runtime/clock';
import { hashApiToken } from './api-token';
import { Caller } from './caller';

/** How long a token that was found stays trusted without asking the database again. */
const TRUSTED_FOR_MS = 30_000;
const MAX_CACHED = 10_000;

@Injectable()
export class AuthenticateTokenUseCase {
  private readonly known = new Map<string, { user: User; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async execute(authorization: string | undefined): Promise<Caller> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Send an API token: Authorization: Bearer <token>');
    }
    const hash = hashApiToken(match[1]);
    const now = this.clock.now().getTime();
    const cached = this.known.get(hash);
    if (cached && cached.until > now) return { user: cached.user };
    const user = await this.store.read((r) => r.users.findByTokenHash(hash));
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The API token is not valid');
    if (this.known.size >= MAX_CACHED) this.known.clear();
    this.known.set(hash, { user, until: now + TRUSTED_FOR_MS });
    return { user };
  }
}
