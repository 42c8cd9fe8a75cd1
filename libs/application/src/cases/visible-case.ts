import { CaseRecord, CaseRelation, CaseTimer, canRead, Repositories } from '@compact/domain';
import { Caller, caseNotFound, relationOf } from '../auth/caller';
import type { AnyMachineSnapshot } from 'xstate';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { buildCaseView, CaseView } from './case-view';

/** Loads a case the caller may see (locked when inside a write); anything else is NOT_FOUND. */
export async function loadVisibleCase(
  repos: Repositories,
  caller: Caller,
  caseId: string,
  lock = false,
): Promise<{ record: CaseRecord; relation: CaseRelation }> {
  const record = await repos.cases.findById(caseId, { lock });
  const relation = record ? relationOf(caller, record) : 'none';
  if (!record || !canRead(relation)) throw caseNotFound(caseId);
  return { record, relation };
}

export function viewCase(
  repos: Repositories,
  registry: WorkflowRegistry,
  record: CaseRecord,
  relation: CaseRelation,
  now: Date,
  snapshot?: AnyMachineSnapshot,
  timers?: CaseTimer[],
): Promise<CaseView> {
  const compact = registry.compact;
  return buildCaseView(repos, {
    record,
    relation,
    runtime: registry.runtimeFor(record),
    undertakings: record.undertakingIds.flatMap((id) => compact.find(id) ?? []),
    compactName: compact.catalog.name,
    now,
    snapshot,
    timers,
  });
}
