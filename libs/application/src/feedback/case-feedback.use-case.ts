import { Injectable } from '@nestjs/common';
import { FeedbackAnswers, FeedbackRole, Store } from '@compact/domain';
import { Caller, requireRole } from '../auth/caller';
import type { PublishedTable } from '../published/published-table';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { GetFeedbackFiguresUseCase } from './get-feedback-figures.use-case';

/** The answers given about one case, each with the side it came from and never the person. */
export interface CaseFeedback {
  caseId: string;
  reference: string;
  stageLabel: string;
  endedYear: number;
  answers: Array<FeedbackAnswers & { role: FeedbackRole }>;
}

/** How many cases' answers the board's page lists at most (the figures count every case). */
export const CASE_FEEDBACK_LIMIT = 200;

/** The feedback of the cases answered most lately (the board and the administrator only). */
@Injectable()
export class ListCaseFeedbackUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  async execute(caller: Caller, options: { caseId?: string; limit?: number; year?: number } = {}): Promise<CaseFeedback[]> {
    requireRole(caller, 'board', 'admin');
    const stages = this.registry.stages();
    return this.store.read(async (r) => {
      const caseIds = options.caseId ? [options.caseId] : await r.feedback.casesAnswered(options.limit ?? CASE_FEEDBACK_LIMIT, options.year);
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

/** What the board's feedback page shows: the figures by stage reached and by year, and each case's answers. */
export interface BoardFeedback {
  tables: PublishedTable[];
  /** The cases answered most lately (in the year, when one is chosen), at most CASE_FEEDBACK_LIMIT. */
  cases: CaseFeedback[];
  /** Whether more cases have answers than are listed (the page says so). */
  more: boolean;
}

/** The board's view of feedback (board and administrator only): every figure (nothing withheld from the board) and the answers per case. */
@Injectable()
export class GetBoardFeedbackUseCase {
  constructor(
    private readonly figures: GetFeedbackFiguresUseCase,
    private readonly cases: ListCaseFeedbackUseCase,
  ) {}

  async execute(caller: Caller, options: { year?: number; limit?: number } = {}): Promise<BoardFeedback> {
    const limit = options.limit ?? CASE_FEEDBACK_LIMIT;
    // One more than is listed tells whether there are more.
    const cases = await this.cases.execute(caller, { year: options.year, limit: limit + 1 });
    const tables = await this.figures.execute({ year: options.year, minCount: 1 });
    return { tables, cases: cases.slice(0, limit), more: cases.length > limit };
  }
}
