import { Injectable } from '@nestjs/common';
import { Store } from '@compact/domain';

/**
 * Whether anyone at an organisation can sign in (has an active account): the raise journey warns
 * before a case is raised against an organisation where nobody would hear of it.
 */
@Injectable()
export class AnyoneCanSignInUseCase {
  constructor(private readonly store: Store) {}

  async execute(organisationId: string): Promise<boolean> {
    const people = await this.store.read((r) => r.users.findByOrganisation(organisationId));
    return people.length > 0;
  }
}
