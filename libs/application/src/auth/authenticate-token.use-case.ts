import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Store } from '@compact/domain';
import { Clock } from '../runtime/clock';
import { hashApiToken } from './api-token';
import { Caller } from './caller';
import { TrustedTokens } from './trusted-tokens';

@Injectable()
export class AuthenticateTokenUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly trusted: TrustedTokens,
  ) {}

  /** Whether the header's token was found lately (so no database lookup is needed for it). */
  isTrusted(authorization: string): boolean {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match !== null && this.trusted.get(hashApiToken(match[1]), this.clock.now().getTime()) !== null;
  }

  async execute(authorization: string | undefined): Promise<Caller> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Send an API token: Authorization: Bearer <token>');
    }
    const hash = hashApiToken(match[1]);
    const now = this.clock.now().getTime();
    const cached = this.trusted.get(hash, now);
    if (cached) return { user: cached };
    const user = await this.store.read((r) => r.users.findByTokenHash(hash));
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The API token is not valid');
    this.trusted.remember(hash, user, now);
    return { user };
  }
}
