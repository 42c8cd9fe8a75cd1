import { Injectable } from '@nestjs/common';
import { Store, User } from '@compact/domain';
import { Caller, requireRole } from '../auth/caller';

@Injectable()
export class ListUsersUseCase {
  constructor(private readonly store: Store) {}

  /** `caller` null: the command line, run by whoever operates the service. */
  async execute(caller: Caller | null): Promise<User[]> {
    if (caller) requireRole(caller, 'admin');
    return this.store.read((r) => r.users.list());
  }
}
