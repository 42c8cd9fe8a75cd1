import { Injectable, Logger } from '@nestjs/common';
import { MissedDeadline, Repositories, Store } from '@compact/domain';
import { InstalledWorkflow } from '@compact/engine';
import { summariseHistory } from '../cases/summarise-history';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { whoMissed } from './missed-deadlines';

const BATCH = 100;

/**
 * Who had to meet the deadlines that cases missed before the service kept it (the cases the
 * migration BoardMissedDeadlines listed): each such case's trail is replayed through its own
 * workflow version, as the one path of every change would have recorded each missed deadline,
 * once, at start-up (after the legacy cases are pinned: it reads their rules). Rows are written
 * with ON CONFLICT DO NOTHING, so two instances starting at once, or a change made meanwhile,
 * write each row once. A trail that cannot be replayed is logged and left with what it has.
 */
@Injectable()
export class FillInMissedDeadlines {
  private readonly logger = new Logger('Upgrade');

  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  /** Fills in every listed case; answers how many were taken off the list. */
  async run(): Promise<number> {
    let filled = 0;
    for (;;) {
      const done = await this.store.write((repos) => this.batch(repos));
      filled += done;
      if (done < BATCH) break;
    }
    if (filled > 0) this.logger.log(`Recorded who had to meet the deadlines missed in ${filled} case(s) written by an earlier release`);
    return filled;
  }

  private async batch(repos: Repositories): Promise<number> {
    const ids = await repos.board.casesAwaitingMissedDeadlines(BATCH);
    for (const id of ids) {
      const record = await repos.cases.findById(id);
      if (!record || record.deadlinesMissed === 0) continue;
      const runtime = this.registry.runtimeFor(record);
      const workflow = runtime.definition as InstalledWorkflow;
      const missed: Array<{ seq: number; at: Date; rows: MissedDeadline[] }> = [];
      try {
        summariseHistory(runtime, await repos.audit.listByCase(id), (entry, keys, before) => {
          const parties = { claimant: record.claimantOrganisationId, respondent: record.respondentOrganisationId, mediator: before.mediator };
          missed.push({ seq: entry.seq, at: new Date(entry.at), rows: whoMissed(workflow, keys, before.context, parties) });
        });
      } catch (error) {
        this.logger.warn(`Case ${record.reference}: its trail could not be replayed to tell who missed its deadlines (${String(error)})`);
        continue;
      }
      for (const m of missed) await repos.board.recordMissedDeadlines(id, m.seq, m.at, m.rows);
    }
    await repos.board.missedDeadlinesFilledIn(ids);
    return ids.length;
  }
}
