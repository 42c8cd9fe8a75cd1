import { Injectable } from '@nestjs/common';
import { AuditEntry, CaseRecord, Store } from '@compact/domain';
import { ChainVerification, verifyAuditChain } from '@compact/engine';
import { Caller, requireRole } from '../auth/caller';
import { chainHead } from '../cases/audit-facts';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { BoardStatistics, computeBoardStatistics, StageLabel } from './board-statistics';

/** The top-level states of every installed version (a deployment may hold cases of several), each with its label. */
export function stageLabels(registry: WorkflowRegistry): StageLabel[] {
  const labels = new Map<string, StageLabel>();
  for (const workflow of [registry.default, ...registry.all()]) {
    for (const state of workflow.topLevelStates) {
      if (!labels.has(state)) labels.set(state, { state, label: workflow.describeState(state), final: workflow.finalStates.includes(state) });
    }
  }
  return [...labels.values()];
}

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
    return computeBoardStatistics(cases, history, organisations, stageLabels(this.registry));
  }
}

export interface CaseHistoryExport {
  id: string;
  reference: string;
  title: string;
  kind: string;
  state: string;
  claimantOrganisationId: string;
  respondentOrganisationId: string;
  undertakings: string[];
  verification: ChainVerification;
  history: AuditEntry[];
}

/** Every case's whole audit trail with its verification, for the board (JSON or CSV). */
@Injectable()
export class ExportCaseHistoriesUseCase {
  constructor(private readonly store: Store) {}

  async execute(caller: Caller): Promise<CaseHistoryExport[]> {
    requireRole(caller, 'board', 'admin');
    const { cases, history } = await everyCase(this.store);
    return cases.map((c) => {
      const entries = history.filter((e) => e.caseId === c.id);
      return {
        id: c.id,
        reference: c.reference,
        title: c.title,
        kind: c.kind,
        state: c.statePath,
        claimantOrganisationId: c.claimantOrganisationId,
        respondentOrganisationId: c.respondentOrganisationId,
        undertakings: c.undertakingIds,
        verification: verifyAuditChain(entries, chainHead(c)),
        history: entries,
      };
    });
  }
}

const CSV_COLUMNS = [
  'case_reference', 'case_id', 'seq', 'at', 'actor_type', 'actor_role', 'actor_user_id', 'actor_organisation_id',
  'event_type', 'from_state', 'to_state', 'payload', 'prev_hash', 'hash', 'chain_valid',
] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote always; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One row per audit entry, RFC 4180, UTF-8. */
export function historiesToCsv(exports: CaseHistoryExport[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const c of exports) {
    for (const e of c.history) {
      const user = e.actor.type === 'user' ? e.actor : null;
      rows.push(
        [
          c.reference, c.id, e.seq, e.at, e.actor.type, user?.role, user?.userId, user?.organisationId,
          e.eventType, e.fromState, e.toState, JSON.stringify(e.payload), e.prevHash, e.hash, c.verification.valid,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return rows.join('\r\n') + '\r\n';
}
