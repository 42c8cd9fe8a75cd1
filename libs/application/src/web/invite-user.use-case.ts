import { Inject, Injectable } from '@nestjs/common';
import { CompactIndex, Store, User } from '@compact/domain';
import { APP_CONFIG } from '../application.tokens';
import { adminActorOf, recordAdminAction } from '../admin-audit/record-admin-action';
import { Caller, requireRole } from '../auth/caller';
import { AppConfig } from '../config/app-config';
import { Clock } from '../runtime/clock';
import { CreateUserInput, createUserIn, userDetails } from '../users/create-user.use-case';
import { queueSignInLink } from './sign-in.use-cases';

/** An administrator adds a person, who receives an invitation with a sign-in link; one transaction. */
@Injectable()
export class InviteUserUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly compact: CompactIndex,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute(caller: Caller, input: CreateUserInput): Promise<User> {
    requireRole(caller, 'admin');
    const at = this.clock.now();
    return this.store.write(async (r) => {
      const { user } = await createUserIn(r, input, at);
      await queueSignInLink(r, user, at, this.config, this.compact, true);
      await recordAdminAction(r, { actor: adminActorOf(caller), action: 'USER_INVITED', subject: { type: 'user', id: user.id }, details: userDetails(user), at });
      return user;
    });
  }
}
