import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Organisation, OrganisationKind, Store } from '@compact/domain';
import { adminActorOf, recordAdminAction } from '../admin-audit/record-admin-action';
import { Caller, requireRole } from '../auth/caller';
import { Clock } from '../runtime/clock';

export interface CreateOrganisationInput {
  name: string;
  kind: OrganisationKind;
}

@Injectable()
export class CreateOrganisationUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * `caller` null: the CLI, run by whoever operates the server. A name already taken (ignoring
   * case), even by a create running at the same moment, is ALREADY_EXISTS: the unique index decides.
   */
  async execute(caller: Caller | null, input: CreateOrganisationInput): Promise<Organisation> {
    if (caller) requireRole(caller, 'admin');
    const name = input.name.trim();
    const at = this.clock.now();
    return this.store.write(async (r) => {
      const organisation: Organisation = { id: randomUUID(), name, kind: input.kind, createdAt: at };
      if (!(await r.organisations.insert(organisation))) {
        const existing = await r.organisations.findByName(name);
        throw new DomainError(ErrorCode.ALREADY_EXISTS, `An organisation named '${existing?.name ?? name}' already exists`, existing ? { id: existing.id } : {});
      }
      await recordAdminAction(r, {
        actor: adminActorOf(caller),
        action: 'ORGANISATION_CREATED',
        subject: { type: 'organisation', id: organisation.id },
        details: { name, kind: organisation.kind },
        at,
      });
      return organisation;
    });
  }
}
