import { Injectable } from '@nestjs/common';
import { FeedbackAnswers, FeedbackRole, Store } from '@compact/domain';
import { Caller, requireRole } from '../auth/caller';
import { WorkflowRegistry } from '../runtime/workflow-registry';

/** The answers given about one case, each with the side it came from and never the person. */
export interface CaseFeedback {
  caseId: string;
  reference: string;
  stageLabel: string;
  endedYear: number;
  answers: Array<FeedbackAnswers & { role: FeedbackRole }>;
}

/** The feedback of the cases answered most lately (the board and the administrator only). */
@Injectable()
export class ListCaseFeedbackUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  async execute(caller: Caller, options: { caseId?: string; limit?: number } = {}): Promise<CaseFeedback[]> {
    requireRole(caller, 'board', 'admin');
    const stages = this.registry.stages();
    return this.store.read(async (r) => {
      const caseIds = options.caseId ? [options.caseId] : await r.feedback.casesAnswered(options.limit ?? 200);
      const responses = await r.feedback.listResponses(caseIds);
      const cases = await Promise.all(caseIds.map((id) => r.cases.findById(id)));
      return caseIds.flatMap((id, i) => {
        const record = cases[i];
        const own = responses.filter((x) => x.caseId === id);
        if (!record || own.length === 0) return [];
        const stage = own[0].stage;
        return [
          {
            caseId: id,
            reference: record.reference,
            stageLabel: stage === null ? 'Not recorded' : (stages.find((s) => s.state === stage)?.label ?? stage),
            endedYear: own[0].endedYear,
            answers: own.map((x) => ({ role: x.role, fair: x.fair, understood: x.understood, timely: x.timely, useAgain: x.useAgain, comment: x.comment })),
          },
        ];
      });
    });
  }
}
