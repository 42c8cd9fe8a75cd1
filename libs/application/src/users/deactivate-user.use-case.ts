import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Store, User } from '@compact/domain';
import { adminActorOf, recordAdminAction } from '../admin-audit/record-admin-action';
import { Caller, requireRole } from '../auth/caller';
import { TrustedTokens } from '../auth/trusted-tokens';
import { Clock } from '../runtime/clock';
import { findTargetUser, UserTarget } from './user-target';

/**
 * An administrator takes a person's access away (someone who left their organisation): their API
 * tokens, browser sessions and unused sign-in links are deleted in the same transaction, they can
 * no longer ask for a sign-in link, and their organisation's mail no longer goes to them. What they
 * did stays in the audit trails under their name, and the deactivation is recorded in the
 * administration trail. Deactivating someone already deactivated changes nothing (and records
 * nothing); nobody can deactivate themselves, so an active administrator always remains.
 */
@Injectable()
export class DeactivateUserUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly trusted: TrustedTokens,
  ) {}

  /** `caller` null: the command line, run by whoever operates the service. */
  async execute(caller: Caller | null, target: UserTarget): Promise<User> {
    if (caller) requireRole(caller, 'admin');
    const at = this.clock.now();
    const user = await this.store.write(async (r) => {
      const found = await findTargetUser(r, target);
      if (caller && found.id === caller.user.id) {
        throw new DomainError(ErrorCode.SELF_DEACTIVATION, 'You cannot deactivate yourself; another administrator can');
      }
      if (found.deactivatedAt) return found;
      await r.users.deactivate(found.id, at);
      await recordAdminAction(r, {
        actor: adminActorOf(caller),
        action: 'USER_DEACTIVATED',
        subject: { type: 'user', id: found.id },
        details: { name: found.name, email: found.email, role: found.role },
        at,
      });
      return { ...found, deactivatedAt: at };
    });
    this.trusted.forgetUser(user.id);
    return user;
  }
}
