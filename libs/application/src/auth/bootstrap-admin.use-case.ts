import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Store, User } from '@compact/domain';
import { Clock } from '../runtime/clock';
import { hashApiToken } from './api-token';

/** On first start, ADMIN_TOKEN creates the administrator; once any admin exists it does nothing. */
@Injectable()
export class BootstrapAdminUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async execute(adminToken: string | null, email = 'admin@localhost'): Promise<User | null> {
    if (!adminToken) return null;
    return this.store.write(async (r) => {
      if ((await r.users.countByRole('admin')) > 0) return null;
      const now = this.clock.now();
      const user: User = { id: randomUUID(), name: 'Administrator', email, role: 'admin', organisationId: null, createdAt: now, deactivatedAt: null };
      await r.users.insert(user);
      await r.users.addToken(user.id, hashApiToken(adminToken), 'ADMIN_TOKEN', now);
      return user;
    });
  }
}
