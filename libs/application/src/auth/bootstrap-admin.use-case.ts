import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Repositories, Store, User } from '@compact/domain';
import { recordAdminAction } from '../admin-audit/record-admin-action';
import { Clock } from '../runtime/clock';
import { hashApiToken } from './api-token';

/**
 * What ADMIN_TOKEN did at start-up: created the first administrator; nothing, because it already
 * is the token of an active person; or nothing although it was set (an administrator exists and the
 * token is not theirs): the one case the operator must be told about.
 */
export type BootstrapOutcome = { outcome: 'not-set' } | { outcome: 'created'; user: User } | { outcome: 'in-use' } | { outcome: 'ignored' };

/**
 * On first start, ADMIN_TOKEN creates the administrator (recorded in the administration trail,
 * by the service itself); once any admin exists it creates nothing. Several instances starting at
 * once on PostgreSQL create one administrator between them: each first takes the trail's head,
 * which they then hold one after the other, and counts the administrators only once it has it.
 */
@Injectable()
export class BootstrapAdminUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async execute(adminToken: string | null, email = 'admin@localhost'): Promise<BootstrapOutcome> {
    if (!adminToken) return { outcome: 'not-set' };
    return this.store.write(async (r): Promise<BootstrapOutcome> => {
      await r.adminAudit.lockHead();
      if ((await r.users.countByRole('admin')) > 0) return this.existing(r, adminToken);
      const now = this.clock.now();
      const user: User = { id: randomUUID(), name: 'Administrator', email, role: 'admin', organisationId: null, createdAt: now, deactivatedAt: null };
      if (!(await r.users.insert(user))) {
        // Taken meanwhile by an administrator another instance created: nothing left to do.
        if ((await r.users.countByRole('admin')) > 0) return this.existing(r, adminToken);
        throw new DomainError(ErrorCode.ALREADY_EXISTS, `ADMIN_EMAIL ${email} belongs to a user who is not an active administrator; choose another ADMIN_EMAIL`);
      }
      await r.users.addToken(user.id, hashApiToken(adminToken), 'ADMIN_TOKEN', now);
      await recordAdminAction(r, {
        actor: { type: 'system' },
        action: 'ADMIN_BOOTSTRAPPED',
        subject: { type: 'user', id: user.id },
        details: { name: user.name, email: user.email, role: user.role, apiTokenLabel: 'ADMIN_TOKEN', source: 'ADMIN_TOKEN' },
        at: now,
      });
      return { outcome: 'created', user };
    });
  }

  /** An administrator exists: ADMIN_TOKEN is either an active person's token already, or unused. */
  private async existing(r: Repositories, adminToken: string): Promise<BootstrapOutcome> {
    const holder = await r.users.findByTokenHash(hashApiToken(adminToken));
    return holder && !holder.deactivatedAt ? { outcome: 'in-use' } : { outcome: 'ignored' };
  }
}
