import { AuditEntry, CaseRecord, Organisation } from '@compact/domain';
import type { StageLabel } from '../runtime/installed-stages';

/** What the figures are counted over: every installed version's stages and counted deadlines. */
export interface BoardScope {
  /** The top-level states of every installed version, in escalation order (WorkflowRegistry.stages). */
  stages: readonly StageLabel[];
  /** What the deadlines met and missed are, in words (countedDeadlineLabels). */
  countedDeadlines: readonly string[];
}

export interface BoardStatistics {
  totalCases: number;
  byStage: Array<{ stage: string; label: string; count: number }>;
  byUndertaking: Array<{ undertaking: string; count: number }>;
  medianDaysInStage: Array<{ stage: string; label: string; medianDays: number | null; completedStays: number }>;
  /** `counted`: which deadlines these are, over every installed version. */
  deadlines: { met: number; missed: number; counted: string[] };
  byOrganisation: Array<{ organisationId: string; name: string; kind: string; asClaimant: number; asRespondent: number; asMediator: number }>;
}

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
export function computeBoardStatistics(
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
