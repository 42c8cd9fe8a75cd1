import { Injectable } from '@nestjs/common';
import { addDays, londonMidnight, toLondonDate } from '@compact/calendar';
import { AuditEntry, CaseRecord, CompletedStays, Repositories, Store, TimeWindow } from '@compact/domain';
import { verifyAuditChain } from '@compact/engine';
import { Caller, requireRole } from '../auth/caller';
import { chainHead } from '../cases/audit-facts';
import { countedDeadlineLabels } from '../cases/case-summary';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { shortUndertakingText } from '../register/short-undertaking-text';
import { assembleBoardStatistics, BoardFigures, BoardScope, BoardStatistics, RaisedMonth, raisedMonths, stagesWithStays } from './board-statistics';
import { RaisedRange, raisedWindow } from './raised-window';
import { CaseHistoriesExport, CaseHistoryExport } from './case-histories-export';
import { entriesForOutside } from '../confidential/confidential-entries';

/** The board's figures over every case, or over those raised in a range of London dates, counted by the database (no case or trail is loaded). */
@Injectable()
export class GetBoardStatisticsUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, range: RaisedRange = {}): Promise<BoardStatistics> {
    requireRole(caller, 'board', 'admin');
    const window = raisedWindow(range);
    const scope: BoardScope = { stages: this.registry.stages(), countedDeadlines: countedDeadlineLabels(this.registry.all()) };
    const today = toLondonDate(this.clock.now());
    const given = { raisedFrom: range.raisedFrom || null, raisedTo: range.raisedTo || null };
    const months = raisedMonths(today, given);
    const { figures, organisations } = await this.store.read(async (r) => ({
      figures: await boardFigures(r, stagesWithStays(scope), window, months),
      organisations: await r.organisations.list(),
    }));
    const compact = this.registry.compact;
    const undertakingText = (id: string) => shortUndertakingText(compact.find(id)?.text ?? '');
    return assembleBoardStatistics(figures, { organisations, scope, undertakingText, today, range: given, months });
  }
}

async function boardFigures(r: Repositories, stages: string[], window: TimeWindow | null, months: readonly RaisedMonth[]): Promise<BoardFigures> {
  const stays = new Map<string, CompletedStays>();
  for (const stage of stages) stays.set(stage, await r.board.completedStays(stage, window));
  // Each month as the instants of its London days (cut to the range), counted in one statement.
  const buckets = months.map((m) => ({ key: m.month, from: londonMidnight(m.from), to: londonMidnight(addDays(m.to, 1)) }));
  const open = await r.board.middleRaisedAt('open', window);
  return {
    totals: await r.board.totals(window),
    byState: await r.board.countByState(window),
    byOutcome: await r.board.countByOutcome(window),
    byResolvedStage: await r.board.countByResolvedStage(window),
    openMiddleRaisedOn: open.middle.map(toLondonDate),
    raisedByMonth: buckets.length > 0 ? await r.register.countByBucket('raised', buckets) : new Map(),
    byUndertaking: await r.board.countByUndertaking(window),
    byOrganisation: await r.board.countByOrganisation(window),
    missedByOrganisation: await r.board.countMissedByOrganisation(window),
    stays,
  };
}

/**
 * Cases (and their trails) read per unit of work while exporting. Small, so that a page's objects
 * die young: with 100 a page outlived the young generation, and the export of 100,000 cases grew
 * the server by twice its idle size in garbage the collector had promoted; with 20 it stays flat.
 */
export const EXPORT_PAGE_SIZE = 20;

interface ExportPage {
  cases: CaseRecord[];
  history: AuditEntry[];
}

/**
 * Every case's whole audit trail with its verification, for the board (JSON or CSV), newest case
 * first. The cases are read a page at a time (keyset on created_at and id, each page with its
 * trails in one read), and handed on as they come, so memory holds one page whatever the number of
 * cases. The first page is read before this answers, so that a failure to read is an error the
 * caller can still report; a case raised while the export runs may or may not be in it.
 */
@Injectable()
export class ExportCaseHistoriesUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller, options: { pageSize?: number } = {}): Promise<CaseHistoriesExport> {
    requireRole(caller, 'board', 'admin');
    const pageSize = options.pageSize ?? EXPORT_PAGE_SIZE;
    const exportedAt = this.clock.now().toISOString();
    const first = await this.page(pageSize, undefined);
    return { exportedAt, cases: this.cases(first, pageSize) };
  }

  private async *cases(first: ExportPage, pageSize: number): AsyncGenerator<CaseHistoryExport> {
    let page = first;
    for (;;) {
      const trails = new Map<string, AuditEntry[]>();
      for (const e of page.history) {
        const entries = trails.get(e.caseId);
        if (entries) entries.push(e);
        else trails.set(e.caseId, [e]);
      }
      for (const c of page.cases) yield historyExport(c, trails.get(c.id) ?? []);
      if (page.cases.length < pageSize) return;
      const last = page.cases[page.cases.length - 1];
      page = await this.page(pageSize, { createdAt: last.createdAt, id: last.id });
    }
  }

  private page(limit: number, after: { createdAt: Date; id: string } | undefined): Promise<ExportPage> {
    return this.store.read(async (r) => {
      const cases = await r.cases.list({ visibility: { all: true }, after, limit });
      return { cases, history: await r.audit.listByCases(cases.map((c) => c.id)) };
    });
  }
}

function historyExport(c: CaseRecord, entries: AuditEntry[]): CaseHistoryExport {
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    kind: c.kind,
    workflow: { name: c.workflowName, version: c.workflowVersion },
    state: c.statePath,
    claimantOrganisationId: c.claimantOrganisationId,
    respondentOrganisationId: c.respondentOrganisationId,
    undertakings: c.undertakingIds,
    verification: verifyAuditChain(entries, chainHead(c)),
    // Confidential payloads are withheld from the board; the chain verifies by their digests.
    history: entriesForOutside(entries),
  };
}
