import { Injectable } from '@nestjs/common';
import { AuditEntry, CaseRecord, Store } from '@compact/domain';
import { ChainVerification, verifyAuditChain } from '@compact/engine';
import { Caller, requireRole } from '../auth/caller';
import { chainHead } from '../cases/audit-facts';
import { countedDeadlineLabels } from '../cases/case-summary';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { BoardStatistics, computeBoardStatistics } from './board-statistics';

const ALL_CASES = 100_000;

async function everyCase(store: Store): Promise<{ cases: CaseRecord[]; history: AuditEntry[] }> {
  return store.read(async (r) => {
    const cases = await r.cases.list({ visibility: { all: true }, limit: ALL_CASES });
    return { cases, history: await r.audit.listByCases(cases.map((c) => c.id)) };
  });
}

@Injectable()
export class GetBoardStatisticsUseCase {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  async execute(caller: Caller): Promise<BoardStatistics> {
    requireRole(caller, 'board', 'admin');
    const { cases, history } = await everyCase(this.store);
    const organisations = await this.store.read((r) => r.organisations.list());
    return computeBoardStatistics(cases, history, organisations, {
      stages: this.registry.stages(),
      countedDeadlines: countedDeadlineLabels(this.registry.all()),
    });
  }
}

export interface CaseHistoryExport {
  id: string;
  reference: string;
  title: string;
  kind: string;
  /** The workflow version the case runs on now; its states are that version's. */
  workflow: { name: string; version: number };
  state: string;
  claimantOrganisationId: string;
  respondentOrganisationId: string;
  undertakings: string[];
  verification: ChainVerification;
  history: AuditEntry[];
}

export interface CaseHistoriesExport {
  exportedAt: string;
  cases: CaseHistoryExport[];
}

/** Every case's whole audit trail with its verification, for the board (JSON or CSV). */
@Injectable()
export class ExportCaseHistoriesUseCase {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async execute(caller: Caller): Promise<CaseHistoriesExport> {
    requireRole(caller, 'board', 'admin');
    const exportedAt = this.clock.now().toISOString();
    const { cases, history } = await everyCase(this.store);
    return { exportedAt, cases: cases.map((c) => historyExport(c, history.filter((e) => e.caseId === c.id))) };
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
    history: entries,
  };
}

const CSV_COLUMNS = [
  'case_reference', 'case_id', 'seq', 'at', 'actor_type', 'actor_role', 'actor_user_id', 'actor_organisation_id',
  'event_type', 'from_state', 'to_state', 'payload', 'prev_hash', 'hash', 'chain_valid',
  // Last, so that the columns before keep their places for whoever reads them by position.
  'workflow',
] as const;

/** One CSV cell, always quoted, with a leading spreadsheet formula character neutralised. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote always; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The workflow version each entry of a case's trail was recorded under (`compact-dispute/v1`),
 * read from the trail itself: the version the case was raised on, then the one each migration
 * moved it to (a WORKFLOW_MIGRATED entry's to-state is already the new version's). A trail written
 * before raising recorded the version is on its first migration's `from`, or on the case's own.
 */
export function versionOfEntries(c: Pick<CaseHistoryExport, 'workflow' | 'history'>): string[] {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const raised = c.history.find((e) => e.eventType === 'CASE_RAISED');
  const firstMigration = c.history.find((e) => e.eventType === 'WORKFLOW_MIGRATED');
  let current = text(raised?.payload.workflow) ?? text(firstMigration?.payload.from) ?? `${c.workflow.name}/v${c.workflow.version}`;
  return c.history.map((e) => {
    if (e.eventType === 'WORKFLOW_MIGRATED') current = text(e.payload.to) ?? current;
    return current;
  });
}

/** One row per audit entry, RFC 4180, UTF-8. */
export function historiesToCsv(exports: CaseHistoryExport[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const c of exports) {
    const versions = versionOfEntries(c);
    for (const [i, e] of c.history.entries()) {
      const user = e.actor.type === 'user' ? e.actor : null;
      rows.push(
        [
          c.reference, c.id, e.seq, e.at, e.actor.type, user?.role, user?.userId, user?.organisationId,
          e.eventType, e.fromState, e.toState, JSON.stringify(e.payload), e.prevHash, e.hash, c.verification.valid, versions[i],
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return rows.join('\r\n') + '\r\n';
}
