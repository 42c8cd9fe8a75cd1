import { Injectable } from '@nestjs/common';
import { Store } from '@compact/domain';
import { Caller, visibilityOf } from '../auth/caller';
import { deadlineView, DeadlineView } from '../cases/case-view';
import { WorkflowRegistry } from '../runtime/workflow-registry';

export type PendingDeadline = DeadlineView & { caseId: string; reference: string; title: string };

/** Pending deadlines across the cases the caller may see, soonest first. */
@Injectable()
export class ListDeadlinesUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  execute(caller: Caller, dueBefore: Date, limit = 200): Promise<PendingDeadline[]> {
    return this.store.read(async (r) => {
      const timers = await r.timers.listDeadlines(dueBefore, visibilityOf(caller), limit);
      const out: PendingDeadline[] = [];
      const cases = new Map<string, Awaited<ReturnType<typeof r.cases.findById>>>();
      for (const t of timers) {
        if (!cases.has(t.caseId)) cases.set(t.caseId, await r.cases.findById(t.caseId));
        const record = cases.get(t.caseId);
        if (!record) continue;
        const runtime = this.registry.runtimeFor(record);
        out.push({ ...deadlineView(t, runtime, (record.snapshot as { context?: unknown }).context), caseId: record.id, reference: record.reference, title: record.title });
      }
      return out;
    });
  }
}
