import { Injectable } from '@nestjs/common';
import { Store } from '@compact/domain';
import { Caller } from '../auth/caller';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { CaseView } from './case-view';
import { loadVisibleCase, viewCase } from './visible-case';

@Injectable()
export class GetCaseUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
  ) {}

  execute(caller: Caller, caseId: string): Promise<CaseView> {
    return this.store.read(async (repos) => {
      const { record, relation } = await loadVisibleCase(repos, caller, caseId);
      return viewCase(repos, this.registry, record, relation, this.clock.now());
    });
  }
}
