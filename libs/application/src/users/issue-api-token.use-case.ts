import { Injectable } from '@nestjs/common';
import { CompactIndex, DomainError, ErrorCode, Store, User } from '@compact/domain';
import { renderTokenIssuedMail } from '@compact/mail';
import { adminActorOf, recordAdminAction } from '../admin-audit/record-admin-action';
import { issueApiToken } from '../auth/api-token';
import { Caller, requireRole } from '../auth/caller';
import { newOutboxMessage } from '../mail/new-outbox-message';
import { Clock } from '../runtime/clock';
import { findTargetUser, UserTarget } from './user-target';

/**
 * A further API token for an active user (a token is shown once only: this is how a lost one is
 * replaced, or a second client gets its own). The earlier tokens keep working until the person is
 * deactivated. In the same transaction the issue is recorded in the administration trail (who,
 * for whom, the label; never the token) and the person is emailed about it, so that a token they
 * did not ask for does not go unnoticed.
 */
@Injectable()
export class IssueApiTokenUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly compact: CompactIndex,
  ) {}

  /** `caller` null: the command line, run by whoever operates the service. */
  async execute(caller: Caller | null, target: UserTarget, label = 'issued later'): Promise<{ user: User; token: string }> {
    if (caller) requireRole(caller, 'admin');
    if (label.trim().length === 0 || label.length > 100) {
      throw DomainError.validation([{ field: 'label', message: 'must be 1 to 100 characters' }]);
    }
    const at = this.clock.now();
    const kept = label.trim();
    return this.store.write(async (r) => {
      const user = await findTargetUser(r, target);
      if (user.deactivatedAt) throw new DomainError(ErrorCode.USER_DEACTIVATED, `${user.email} was deactivated; a deactivated person gets no token`);
      const { token, hash } = issueApiToken();
      await r.users.addToken(user.id, hash, kept, at);
      const issuedBy = caller ? `${caller.user.name} (${caller.user.email})` : 'the command line of the service, run by whoever operates it';
      const mail = renderTokenIssuedMail({ serviceName: this.compact.catalog.name, name: user.name, issuedBy, issuedAt: at, label: kept });
      await r.outbox.enqueue([newOutboxMessage({ caseId: null, kind: 'token-issued', topic: user.id, at, to: [user.email], cc: [], ...mail })]);
      await recordAdminAction(r, {
        actor: adminActorOf(caller),
        action: 'API_TOKEN_ISSUED',
        subject: { type: 'user', id: user.id },
        details: { email: user.email, label: kept },
        at,
      });
      return { user, token };
    });
  }
}
