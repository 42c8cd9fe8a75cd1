import { Injectable } from '@nestjs/common';
import { Store, User } from '@compact/domain';
import { Caller, requireRole } from '../auth/caller';

@Injectable()
export class ListUsersUseCase {
  constructor(private readonly store: Store) {}

  async execute(caller: Caller): Promise<User[]> {
    requireRole(caller, 'admin');
    return this.store.read((r) => r.users.list());
  }
}
