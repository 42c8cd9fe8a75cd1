import { Injectable } from '@nestjs/common';
import { Store } from '@compact/domain';
import { Caller } from '../auth/caller';
import { loadVisibleCase } from './visible-case';

/**
 * The names of the people who took the steps of a case, by user id, for those who may see the
 * case: the history then reads "Pat Jones (Southampton City Council)", not a role. Only people
 * found in this case's own trail are named.
 */
@Injectable()
export class GetCaseActorNamesUseCase {
  constructor(private readonly store: Store) {}

  execute(caller: Caller, caseId: string): Promise<Map<string, string>> {
    return this.store.read(async (repos) => {
      const { record } = await loadVisibleCase(repos, caller, caseId);
      const entries = await repos.audit.listByCase(record.id);
      const ids = [...new Set(entries.flatMap((e) => (e.actor.type === 'user' && e.actor.userId ? [e.actor.userId] : [])))];
      const users = await Promise.all(ids.map((id) => repos.users.findById(id)));
      return new Map(users.flatMap((u) => (u ? [[u.id, u.name] as [string, string]] : [])));
    });
  }
}
