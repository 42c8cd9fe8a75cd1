import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Organisation, OrganisationKind, Store } from '@compact/domain';
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

  /** `caller` null: the CLI, run by whoever operates the server. */
  async execute(caller: Caller | null, input: CreateOrganisationInput): Promise<Organisation> {
    if (caller) requireRole(caller, 'admin');
    const name = input.name.trim();
    return this.store.write(async (r) => {
      const existing = await r.organisations.findByName(name);
      if (existing) {
        throw new DomainError(ErrorCode.ALREADY_EXISTS, `An organisation named '${existing.name}' already exists`, {
          id: existing.id,
        });
      }
      const organisation: Organisation = { id: randomUUID(), name, kind: input.kind, createdAt: this.clock.now() };
      await r.organisations.insert(organisation);
      return organisation;
    });
  }
}
