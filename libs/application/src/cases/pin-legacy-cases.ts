import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Repositories, Store } from '@compact/domain';
import { FillInMissedDeadlines } from '../board/fill-in-missed-deadlines';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { summariseHistory } from './summarise-history';

export { summariseHistory, type ReplayObserver } from './summarise-history';

const BATCH = 200;

/**
 * Cases written before cases recorded their rules and summary get them once, when the service (or
 * the CLI) starts, before anything else reads them: the rules in force at that start (the best
 * that is known of when they were raised) and the summary replayed from their audit trail; then,
 * for those and every case that missed a deadline before it was kept, who had to meet it.
 */
@Injectable()
export class PinLegacyCases implements OnModuleInit {
  private readonly logger = new Logger('Upgrade');

  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
    private readonly missedDeadlines: FillInMissedDeadlines,
  ) {}

  async onModuleInit(): Promise<void> {
    let pinned = 0;
    for (;;) {
      const done = await this.store.write((repos) => this.pinBatch(repos));
      pinned += done;
      if (done < BATCH) break;
    }
    if (pinned > 0) this.logger.log(`Recorded the rules and summary of ${pinned} case(s) written by an earlier release`);
    // Then (it reads their rules) who had to meet the deadlines such cases missed.
    await this.missedDeadlines.run();
  }

  private async pinBatch(repos: Repositories): Promise<number> {
    const rules = this.registry.rulesInForce();
    const cases = await repos.cases.listUnpinned(BATCH);
    for (const c of cases) {
      const runtime = this.registry.runtime(c.workflowName, c.workflowVersion, rules);
      await repos.cases.pin(c.id, rules, summariseHistory(runtime, await repos.audit.listByCase(c.id)));
    }
    return cases.length;
  }
}
