import { Injectable } from '@nestjs/common';
import { DomainError, Store } from '@compact/domain';
import type { PublishedTable } from '../published/published-table';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { feedbackTables } from './feedback-figures';

/**
 * Feedback in aggregate, as published tables (`feedback-by-stage`, `feedback-by-year`): people
 * asked and who answered, the response rate, the mean of each 1–5 question and the share answering
 * yes to "use this route again", counted by SQL aggregates over the feedback tables. For the board,
 * the public register and the annual report; no person and no single answer is in it. A figure
 * from fewer than `minCount` people is null (withheld).
 */
@Injectable()
export class GetFeedbackFiguresUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  async execute(options: { year?: number; minCount: number }): Promise<PublishedTable[]> {
    const { year, minCount } = options;
    if (year !== undefined && (!Number.isInteger(year) || year < 1 || year > 9999)) {
      throw DomainError.validation([{ field: 'year', message: 'must be a year, like 2026' }]);
    }
    if (!Number.isInteger(minCount) || minCount < 1) throw DomainError.validation([{ field: 'minCount', message: 'must be a whole number of at least 1' }]);
    // Every year's tallies, even for one year's figures: a year's figures are suppressed with the others' (see feedbackTables).
    const tallies = await this.store.read((r) => r.feedback.tally());
    return feedbackTables(tallies, this.registry.stages(), { year, minCount });
  }
}
