import { CompletedStays, Organisation, OrganisationCaseCount } from '@compact/domain';
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

/** The counts the database answers for the board (BoardRepository), before they are named and ordered. */
export interface BoardFigures {
  totals: { cases: number; met: number; missed: number };
  byState: ReadonlyArray<{ state: string; count: number }>;
  byUndertaking: ReadonlyArray<{ undertakingId: string; count: number }>;
  byOrganisation: readonly OrganisationCaseCount[];
  /** The completed stays of each stage that is not final. */
  stays: ReadonlyMap<string, CompletedStays>;
}

const DAY = 86_400_000;

/** The median in days of stays whose middle length (or two) in milliseconds the database gave. */
function medianDays(stays: CompletedStays | undefined): number | null {
  const middle = (stays?.middleMs ?? []).map((ms) => ms / DAY);
  if (middle.length === 0) return null;
  const m = middle.length === 1 ? middle[0] : (middle[0] + middle[1]) / 2;
  return Math.round(m * 10) / 10;
}

/** The stages whose median stay the board shows: every stage but the final ones. */
export function stagesWithStays(scope: BoardScope): string[] {
  return scope.stages.filter((s) => !s.final).map((s) => s.state);
}

/**
 * Figures for a governance board, from counts the database made over every case (never a trail):
 * counts by stage, undertaking and organisation; the median time a stage lasted (completed stays
 * only, in days); deadlines met and missed. Each case counts at its own top-level state, whichever
 * installed version it runs on.
 */
export function assembleBoardStatistics(figures: BoardFigures, organisations: readonly Organisation[], scope: BoardScope): BoardStatistics {
  const describe = (stage: string) => scope.stages.find((s) => s.state === stage)?.label ?? stage;
  const atState = new Map(figures.byState.map((s) => [s.state, s.count]));
  const byStage = scope.stages.map(({ state }) => ({ stage: state, label: describe(state), count: atState.get(state) ?? 0 }));
  const byUndertaking = figures.byUndertaking
    .map(({ undertakingId, count }) => ({ undertaking: undertakingId, count }))
    .sort((a, b) => b.count - a.count || a.undertaking.localeCompare(b.undertaking, 'en', { numeric: true }));
  const medianDaysInStage = stagesWithStays(scope).map((stage) => {
    const stays = figures.stays.get(stage);
    return { stage, label: describe(stage), medianDays: medianDays(stays), completedStays: stays?.stays ?? 0 };
  });
  const counts = new Map(figures.byOrganisation.map((o) => [o.organisationId, o]));
  const byOrganisation = organisations
    .map((o) => {
      const c = counts.get(o.id);
      return { organisationId: o.id, name: o.name, kind: o.kind, asClaimant: c?.asClaimant ?? 0, asRespondent: c?.asRespondent ?? 0, asMediator: c?.asMediator ?? 0 };
    })
    .filter((o) => o.asClaimant + o.asRespondent + o.asMediator > 0)
    .sort((a, b) => b.asClaimant + b.asRespondent + b.asMediator - (a.asClaimant + a.asRespondent + a.asMediator) || a.name.localeCompare(b.name));
  const deadlines = { met: figures.totals.met, missed: figures.totals.missed, counted: [...scope.countedDeadlines] };
  return { totalCases: figures.totals.cases, byStage, byUndertaking, medianDaysInStage, deadlines, byOrganisation };
}
