/*
 * The board's figures and history CSV as they were computed before they came from SQL aggregates
 * and pages: from every case and its whole trail in memory. Kept here, unchanged in substance, as
 * the independent expectation the aggregates and the streamed exports are compared with.
 */
import type { AuditEntry, CaseRecord, Organisation } from '@compact/domain';
import type { BoardScope, BoardStatistics, CaseHistoryExport } from '@compact/application';
import { csvCell, versionOfEntries } from '@compact/application';
import { toLondonDate } from '@compact/calendar';

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
/** What the in-memory count needs besides the cases: who missed each deadline, the undertakings' texts, today and the range. */
export interface OracleInputs {
  /** Every recorded missed deadline and who had to meet it (case_missed_deadlines, read whole). */
  missed: ReadonlyArray<{ caseId: string; organisationId: string }>;
  undertakingText: (id: string) => string;
  /** Today in London, YYYY-MM-DD. */
  today: string;
  range?: { raisedFrom?: string; raisedTo?: string };
}

const RESOLVED = ['monitoring', 'resolved', 'closed'];
const OUTCOMES = ['open', 'monitoring', 'resolved', 'withdrawn', 'closed'] as const;
const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
const dateOf = (dayNo: number) => new Date(dayNo * DAY).toISOString().slice(0, 10);

/** The 24 London months ending with today's (or the range's end), none before the range's start, each cut to the range. */
function monthsOf(today: string, raisedFrom?: string, raisedTo?: string): Array<{ month: string; from: string; to: string }> {
  const end = raisedTo && raisedTo < today ? raisedTo : today;
  const months = [];
  for (let back = 23; back >= 0; back--) {
    const index = Number(end.slice(0, 4)) * 12 + Number(end.slice(5, 7)) - 1 - back;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    const last = dateOf(Date.UTC(year, month, 1) / DAY - 1);
    const from = raisedFrom && raisedFrom > first ? raisedFrom : first;
    const to = raisedTo && raisedTo < last ? raisedTo : last;
    if (from <= to) months.push({ month: first.slice(0, 7), from, to });
  }
  return months;
}

export function boardStatisticsInMemory(
  allCases: CaseRecord[],
  allHistory: AuditEntry[],
  organisations: Organisation[],
  scope: BoardScope,
  inputs: OracleInputs,
): BoardStatistics {
  const raisedFrom = inputs.range?.raisedFrom;
  const raisedTo = inputs.range?.raisedTo;
  const inRange = (c: CaseRecord) => {
    const on = toLondonDate(c.createdAt);
    return (!raisedFrom || on >= raisedFrom) && (!raisedTo || on <= raisedTo);
  };
  const cases = allCases.filter(inRange);
  const kept = new Set(cases.map((c) => c.id));
  const history = allHistory.filter((e) => kept.has(e.caseId));
  const stageLabels = scope.stages;
  const stages = stageLabels.map((s) => s.state);
  const describe = (stage: string) => stageLabels.find((s) => s.state === stage)?.label ?? stage;
  const byStage = stages.map((stage) => ({ stage, label: describe(stage), count: cases.filter((c) => c.state === stage).length }));
  const undertakingCounts = new Map<string, number>();
  for (const c of cases) for (const u of c.undertakingIds) undertakingCounts.set(u, (undertakingCounts.get(u) ?? 0) + 1);
  const byUndertaking = [...undertakingCounts]
    .map(([undertaking, count]) => ({ undertaking, text: inputs.undertakingText(undertaking), count }))
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

  const byOutcome = OUTCOMES.map((outcome) => ({ outcome, count: cases.filter((c) => c.outcome === outcome).length }));
  const ages = cases.filter((c) => c.outcome === 'open').map((c) => dayNumber(inputs.today) - dayNumber(toLondonDate(c.createdAt)));
  const medianAge = median(ages);
  const headline = {
    open: cases.filter((c) => c.outcome === 'open').length,
    resolved: cases.filter((c) => RESOLVED.includes(c.outcome)).length,
    withdrawn: cases.filter((c) => c.outcome === 'withdrawn').length,
    medianAgeDays: medianAge === null ? null : Math.round(medianAge * 10) / 10,
  };
  const resolvedAtStage = stages
    .map((stage) => ({ stage, label: describe(stage), count: cases.filter((c) => c.resolvedStage === stage).length }))
    .filter((x) => x.count > 0);
  const raisedByMonth = monthsOf(inputs.today, raisedFrom, raisedTo).map((m) => ({
    ...m,
    count: cases.filter((c) => {
      const on = toLondonDate(c.createdAt);
      return on >= m.from && on <= m.to;
    }).length,
  }));
  const missedByOrganisation = organisations
    .map((o) => {
      const rows = inputs.missed.filter((m) => m.organisationId === o.id && kept.has(m.caseId));
      return { organisationId: o.id, name: o.name, kind: o.kind, deadlines: rows.length, cases: new Set(rows.map((r) => r.caseId)).size };
    })
    .filter((o) => o.deadlines > 0)
    .sort((a, b) => b.deadlines - a.deadlines || a.name.localeCompare(b.name));

  return {
    range: { raisedFrom: raisedFrom ?? null, raisedTo: raisedTo ?? null },
    totalCases: cases.length,
    headline,
    byOutcome,
    byStage,
    resolvedAtStage,
    raisedByMonth,
    byUndertaking,
    medianDaysInStage,
    deadlines,
    byOrganisation,
    missedByOrganisation,
  };
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
