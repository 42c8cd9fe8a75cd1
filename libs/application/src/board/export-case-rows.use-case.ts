import { Injectable } from '@nestjs/common';
import { toLondonDate } from '@compact/calendar';
import { CaseRecord, Store } from '@compact/domain';
import { Caller, requireRole } from '../auth/caller';
import { shortUndertakingText } from '../register/short-undertaking-text';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { CaseExportRow, CaseRowsExport } from './case-rows-export';

/** Cases read per unit of work while exporting rows (no trail is read, so a page is small). */
export const CASE_ROWS_PAGE_SIZE = 100;

/**
 * Every case as one row for the board (the CSV a spreadsheet opens), newest first: its parties by
 * name, the undertakings it cites with their short text, its stage and status in its own workflow
 * version's words, when it was raised and resolved (London dates), its outcome and its deadlines
 * met and missed. Read a page of cases at a time (keyset on created_at and id; never a trail), so
 * memory holds one page whatever the number of cases; the first page and the organisations are
 * read before this answers, so that a failure to read is an error the caller can still report.
 */
@Injectable()
export class ExportCaseRowsUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, options: { pageSize?: number } = {}): Promise<CaseRowsExport> {
    requireRole(caller, 'board', 'admin');
    const pageSize = options.pageSize ?? CASE_ROWS_PAGE_SIZE;
    const exportedAt = this.clock.now().toISOString();
    const { names, first } = await this.store.read(async (r) => ({
      names: new Map((await r.organisations.list()).map((o) => [o.id, o.name])),
      first: await r.cases.list({ visibility: { all: true }, limit: pageSize }),
    }));
    return { exportedAt, rows: this.rows(first, pageSize, names) };
  }

  private async *rows(first: CaseRecord[], pageSize: number, names: Map<string, string>): AsyncGenerator<CaseExportRow> {
    let page = first;
    for (;;) {
      for (const c of page) yield this.row(c, names);
      if (page.length < pageSize) return;
      const last = page[page.length - 1];
      const after = { createdAt: last.createdAt, id: last.id };
      page = await this.store.read((r) => r.cases.list({ visibility: { all: true }, after, limit: pageSize }));
    }
  }

  private row(c: CaseRecord, names: Map<string, string>): CaseExportRow {
    const workflow = this.registry.of(c);
    const name = (id: string | null) => (id ? (names.get(id) ?? id) : '');
    return {
      reference: c.reference,
      title: c.title,
      kind: c.kind,
      workflow: `${c.workflowName}/v${c.workflowVersion}`,
      claimant: name(c.claimantOrganisationId),
      respondent: name(c.respondentOrganisationId),
      mediator: name(c.mediatorOrganisationId),
      undertakings: c.undertakingIds,
      undertakingTexts: c.undertakingIds.map((id) => `${id} ${shortUndertakingText(this.registry.compact.find(id)?.text ?? '')}`.trim()),
      stage: workflow.describeState(c.state),
      status: workflow.describeState(c.statePath),
      raisedOn: toLondonDate(c.createdAt),
      resolvedOn: c.resolvedAt ? toLondonDate(c.resolvedAt) : null,
      resolvedStage: c.resolvedStage ? workflow.describeState(c.resolvedStage) : null,
      outcome: c.outcome,
      deadlinesMet: c.deadlinesMet,
      deadlinesMissed: c.deadlinesMissed,
    };
  }
}
