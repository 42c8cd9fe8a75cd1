import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Store, User } from '@compact/domain';
import { issueApiToken } from '../auth/api-token';
import { Caller, requireRole } from '../auth/caller';
import { Clock } from '../runtime/clock';
import { findTargetUser, UserTarget } from './user-target';

/**
 * A further API token for an active user (a token is shown once only: this is how a lost one is
 * replaced, or a second client gets its own). The earlier tokens keep working until the person is
 * deactivated.
 */
@Injectable()
export class IssueApiTokenUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** `caller` null: the command line, run by whoever operates the service. */
  async execute(caller: Caller | null, target: UserTarget, label = 'issued later'): Promise<{ user: User; token: string }> {
    if (caller) requireRole(caller, 'admin');
    if (label.trim().length === 0 || label.length > 100) {
      throw DomainError.validation([{ field: 'label', message: 'must be 1 to 100 characters' }]);
    }
    const at = this.clock.now();
    return this.store.write(async (r) => {
      const user = await findTargetUser(r, target);
      if (user.deactivatedAt) throw new DomainError(ErrorCode.USER_DEACTIVATED, `${user.email} was deactivated; a deactivated person gets no token`);
      const { token, hash } = issueApiToken();
      await r.users.addToken(user.id, hash, label.trim(), at);
      return { user, token };
    });
  }
}
