import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Store, User } from '@compact/domain';
import { Clock } from '../runtime/clock';
import { hashApiToken } from './api-token';

/**
 * What ADMIN_TOKEN did at start-up: created the first administrator; nothing, because it already
 * is the token of an active person; or nothing although it was set (an administrator exists and the
 * token is not theirs): the one case the operator must be told about.
 */
export type BootstrapOutcome = { outcome: 'not-set' } | { outcome: 'created'; user: User } | { outcome: 'in-use' } | { outcome: 'ignored' };

/** On first start, ADMIN_TOKEN creates the administrator; once any admin exists it creates nothing. */
@Injectable()
export class BootstrapAdminUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async execute(adminToken: string | null, email = 'admin@localhost'): Promise<BootstrapOutcome> {
    if (!adminToken) return { outcome: 'not-set' };
    return this.store.write(async (r): Promise<BootstrapOutcome> => {
      if ((await r.users.countByRole('admin')) > 0) {
        const holder = await r.users.findByTokenHash(hashApiToken(adminToken));
        return holder && !holder.deactivatedAt ? { outcome: 'in-use' } : { outcome: 'ignored' };
      }
      const now = this.clock.now();
      const user: User = { id: randomUUID(), name: 'Administrator', email, role: 'admin', organisationId: null, createdAt: now, deactivatedAt: null };
      await r.users.insert(user);
      await r.users.addToken(user.id, hashApiToken(adminToken), 'ADMIN_TOKEN', now);
      return { outcome: 'created', user };
    });
  }
}
