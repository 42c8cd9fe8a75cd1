/*
 * The board's figures and history CSV as they were computed before they came from SQL aggregates
 * and pages: from every case and its whole trail in memory. Kept here, unchanged in substance, as
 * the independent expectation the aggregates and the streamed exports are compared with.
 */
import type { AuditEntry, CaseRecord, Organisation } from '@compact/domain';
import type { BoardScope, BoardStatistics, CaseHistoryExport } from '@compact/application';
import { csvCell, versionOfEntries } from '@compact/application';

const DAY = 86_400_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const top = (path: string | null) => (path ?? '').split('.')[0];

/**
 * Figures for a governance board, computed from the cases and their audit trails (the evidence,
 * and the summary each change keeps on its case): counts by stage, undertaking and organisation;
 * the median time a stage lasted (completed stays only, in days); deadlines met and missed. Each
 * case counts at its own top-level state, whichever installed version it runs on.
 */
export function boardStatisticsInMemory(
  cases: CaseRecord[],
  history: AuditEntry[],
  organisations: Organisation[],
  scope: BoardScope,
): BoardStatistics {
  const stageLabels = scope.stages;
  const stages = stageLabels.map((s) => s.state);
  const describe = (stage: string) => stageLabels.find((s) => s.state === stage)?.label ?? stage;
  const byStage = stages.map((stage) => ({ stage, label: describe(stage), count: cases.filter((c) => c.state === stage).length }));
  const undertakingCounts = new Map<string, number>();
  for (const c of cases) for (const u of c.undertakingIds) undertakingCounts.set(u, (undertakingCounts.get(u) ?? 0) + 1);
  const byUndertaking = [...undertakingCounts]
    .map(([undertaking, count]) => ({ undertaking, count }))
    .sort((a, b) => b.count - a.count || a.undertaking.localeCompare(b.undertaking, 'en', { numeric: true }));

  const stays = new Map<string, number[]>(stages.map((s) => [s, []]));
  // Kept on each case by the one path of every change, as the case's own workflow reads its deadlines.
  const deadlines = { met: 0, missed: 0, counted: [...scope.countedDeadlines] };
  for (const c of cases) {
    deadlines.met += c.deadlinesMet;
    deadlines.missed += c.deadlinesMissed;
  }
  const byCase = new Map<string, AuditEntry[]>();
  for (const e of history) {
    const entries = byCase.get(e.caseId);
    if (entries) entries.push(e);
    else byCase.set(e.caseId, [e]);
  }
  for (const entries of byCase.values()) {
    let stage: string | null = null;
    let since = 0;
    for (const e of entries) {
      const at = Date.parse(e.at);
      const next = top(e.toState);
      if (stage !== null && next !== stage) stays.get(stage)?.push((at - since) / DAY);
      if (next !== stage) {
        stage = next;
        since = at;
      }
    }
  }
  const medianDaysInStage = stages
    .filter((s) => !stageLabels.find((l) => l.state === s)?.final)
    .map((stage) => {
      const values = stays.get(stage) ?? [];
      const m = median(values);
      return { stage, label: describe(stage), medianDays: m === null ? null : Math.round(m * 10) / 10, completedStays: values.length };
    });

  const byOrganisation = organisations
    .map((o) => ({
      organisationId: o.id,
      name: o.name,
      kind: o.kind,
      asClaimant: cases.filter((c) => c.claimantOrganisationId === o.id).length,
      asRespondent: cases.filter((c) => c.respondentOrganisationId === o.id).length,
      asMediator: cases.filter((c) => c.participants.some((p) => p.part === 'mediator' && p.organisationId === o.id)).length,
    }))
    .filter((o) => o.asClaimant + o.asRespondent + o.asMediator > 0)
    .sort((a, b) => b.asClaimant + b.asRespondent + b.asMediator - (a.asClaimant + a.asRespondent + a.asMediator) || a.name.localeCompare(b.name));

  return { totalCases: cases.length, byStage, byUndertaking, medianDaysInStage, deadlines, byOrganisation };
}

const CSV_COLUMNS = [
  'case_reference', 'case_id', 'seq', 'at', 'actor_type', 'actor_role', 'actor_user_id', 'actor_organisation_id',
  'event_type', 'from_state', 'to_state', 'payload', 'prev_hash', 'hash', 'chain_valid', 'workflow',
];

/** The whole CSV built at once, one row per audit entry, as the export wrote it before it streamed. */
export function historiesCsvInMemory(cases: CaseHistoryExport[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const c of cases) {
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
