import { Injectable } from '@nestjs/common';
import { Organisation, OrganisationKind, Store } from '@compact/domain';

/** Every signed-in user may list organisations (parties pick the one they raise a case against). */
@Injectable()
export class ListOrganisationsUseCase {
  constructor(private readonly store: Store) {}

  async execute(kind?: OrganisationKind): Promise<Organisation[]> {
    const all = await this.store.read((r) => r.organisations.list());
    return kind ? all.filter((o) => o.kind === kind) : all;
  }
}
