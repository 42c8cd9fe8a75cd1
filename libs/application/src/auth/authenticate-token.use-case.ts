import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Store } from '@compact/domain';
import { hashApiToken } from './api-token';
import { Caller } from './caller';

@Injectable()
export class AuthenticateTokenUseCase {
  constructor(private readonly store: Store) {}

  async execute(authorization: string | undefined): Promise<Caller> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Send an API token: Authorization: Bearer <token>');
    }
    const user = await this.store.read((r) => r.users.findByTokenHash(hashApiToken(match[1])));
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The API token is not valid');
    return { user };
  }
}
