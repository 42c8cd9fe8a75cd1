import { addDays, addMonths, compareLocalDates, type LocalDate } from '@compact/calendar';
import { CASE_OUTCOMES, CaseOutcome, CompletedStays, Organisation, OrganisationCaseCount, OrganisationMissedCount } from '@compact/domain';
import type { StageLabel } from '../runtime/installed-stages';

/** What the figures are counted over: every installed version's stages and counted deadlines. */
export interface BoardScope {
  /** The top-level states of every installed version, in escalation order (WorkflowRegistry.stages). */
  stages: readonly StageLabel[];
  /** What the deadlines met and missed are, in words (countedDeadlineLabels). */
  countedDeadlines: readonly string[];
}

/** The outcomes the board's "resolved" counts: settled, whether the agreement is still being carried out or the case has been closed since. */
export const RESOLVED_OUTCOMES: readonly CaseOutcome[] = ['monitoring', 'resolved', 'closed'];

/** How many months the chart of cases raised covers, this month included. */
export const RAISED_MONTHS = 24;

export interface BoardStatistics {
  /** The cases counted: those raised from `raisedFrom` to `raisedTo` (London dates, both included; null: no limit). */
  range: { raisedFrom: string | null; raisedTo: string | null };
  totalCases: number;
  /**
   * open: outcome open; resolved: outcome monitoring, resolved or closed (RESOLVED_OUTCOMES);
   * withdrawn: outcome withdrawn; medianAgeDays: of the open cases, in London days since each was raised.
   */
  headline: { open: number; resolved: number; withdrawn: number; medianAgeDays: number | null };
  /** Every outcome, in CASE_OUTCOMES order. */
  byOutcome: Array<{ outcome: CaseOutcome; count: number }>;
  byStage: Array<{ stage: string; label: string; count: number }>;
  /** The stages cases were resolved at (only those some case was), in escalation order. */
  resolvedAtStage: Array<{ stage: string; label: string; count: number }>;
  /**
   * Cases raised in each London month of the last RAISED_MONTHS (this month last), within the range:
   * `from` and `to` are the first and last days counted (the month, cut to the range).
   */
  raisedByMonth: Array<{ month: string; from: string; to: string; count: number }>;
  byUndertaking: Array<{ undertaking: string; text: string; count: number }>;
  medianDaysInStage: Array<{ stage: string; label: string; medianDays: number | null; completedStays: number }>;
  /** `counted`: which deadlines these are, over every installed version. */
  deadlines: { met: number; missed: number; counted: string[] };
  byOrganisation: Array<{ organisationId: string; name: string; kind: string; asClaimant: number; asRespondent: number; asMediator: number }>;
  /** The deadlines each organisation had to meet and missed, and in how many cases (most missed first). */
  missedByOrganisation: Array<{ organisationId: string; name: string; kind: string; deadlines: number; cases: number }>;
}

/** One month of the chart of cases raised, as it is counted: its first and last days, cut to the range. */
export interface RaisedMonth {
  month: string;
  from: LocalDate;
  to: LocalDate;
}

/** The counts the database answers for the board (BoardRepository), before they are named and ordered. */
export interface BoardFigures {
  totals: { cases: number; met: number; missed: number };
  byState: ReadonlyArray<{ state: string; count: number }>;
  byOutcome: ReadonlyArray<{ outcome: string; count: number }>;
  byResolvedStage: ReadonlyArray<{ stage: string; count: number }>;
  /** When the middle open case (or the two middle ones) was raised, as London dates. */
  openMiddleRaisedOn: readonly LocalDate[];
  /** Cases raised in each month of `months`, by its key. */
  raisedByMonth: ReadonlyMap<string, number>;
  byUndertaking: ReadonlyArray<{ undertakingId: string; count: number }>;
  byOrganisation: readonly OrganisationCaseCount[];
  missedByOrganisation: readonly OrganisationMissedCount[];
  /** The completed stays of each stage that is not final. */
  stays: ReadonlyMap<string, CompletedStays>;
}

/** What the figures are named and dated with. */
export interface BoardNaming {
  organisations: readonly Organisation[];
  scope: BoardScope;
  /** An undertaking's short text, for a table. */
  undertakingText: (id: string) => string;
  /** Today, in London. */
  today: LocalDate;
  range: { raisedFrom: LocalDate | null; raisedTo: LocalDate | null };
  months: readonly RaisedMonth[];
}

const DAY = 86_400_000;
const tenth = (value: number) => Math.round(value * 10) / 10;

/** The median in days of stays whose middle length (or two) in milliseconds the database gave. */
function medianDays(stays: CompletedStays | undefined): number | null {
  const middle = (stays?.middleMs ?? []).map((ms) => ms / DAY);
  if (middle.length === 0) return null;
  const m = middle.length === 1 ? middle[0] : (middle[0] + middle[1]) / 2;
  return tenth(m);
}

/** The stages whose median stay the board shows: every stage but the final ones. */
export function stagesWithStays(scope: BoardScope): string[] {
  return scope.stages.filter((s) => !s.final).map((s) => s.state);
}

const monthStart = (date: LocalDate): LocalDate => `${date.slice(0, 7)}-01`;
const later = (a: LocalDate, b: LocalDate) => (compareLocalDates(a, b) >= 0 ? a : b);
const earlier = (a: LocalDate, b: LocalDate) => (compareLocalDates(a, b) <= 0 ? a : b);

/**
 * The months of the chart: the last RAISED_MONTHS London months ending with this one (or with the
 * month the range ends in, when it ends before today), none before the month the range starts in;
 * each month's first and last days cut to the range.
 */
export function raisedMonths(today: LocalDate, range: BoardNaming['range']): RaisedMonth[] {
  const last = range.raisedTo ? earlier(range.raisedTo, today) : today;
  const months: RaisedMonth[] = [];
  for (let i = RAISED_MONTHS - 1; i >= 0; i--) {
    const first = addMonths(monthStart(last), -i);
    const lastDay = addDays(addMonths(first, 1), -1);
    const from = range.raisedFrom ? later(first, range.raisedFrom) : first;
    const to = range.raisedTo ? earlier(lastDay, range.raisedTo) : lastDay;
    if (compareLocalDates(to, from) < 0) continue;
    months.push({ month: first.slice(0, 7), from, to });
  }
  return months;
}

/**
 * Figures for a governance board, from counts the database made over the cases raised in the
 * range (never a trail): counts by outcome, stage, resolved stage, month raised, undertaking and
 * organisation; the median age of the open cases and the median time a stage lasted (completed
 * stays only, in days); deadlines met and missed, and missed by each organisation that had to meet
 * them. Each case counts at its own top-level state, whichever installed version it runs on.
 */
export function assembleBoardStatistics(figures: BoardFigures, naming: BoardNaming): BoardStatistics {
  const { scope, organisations } = naming;
  const describe = (stage: string) => scope.stages.find((s) => s.state === stage)?.label ?? stage;
  const atState = new Map(figures.byState.map((s) => [s.state, s.count]));
  const byStage = scope.stages.map(({ state }) => ({ stage: state, label: describe(state), count: atState.get(state) ?? 0 }));
  const outcomeCounts = new Map(figures.byOutcome.map((o) => [o.outcome, o.count]));
  const byOutcome = CASE_OUTCOMES.map((outcome) => ({ outcome, count: outcomeCounts.get(outcome) ?? 0 }));
  const countOf = (outcomes: readonly CaseOutcome[]) => outcomes.reduce((sum, o) => sum + (outcomeCounts.get(o) ?? 0), 0);
  const ages = figures.openMiddleRaisedOn.map((raisedOn) => compareLocalDates(naming.today, raisedOn));
  const headline = {
    open: countOf(['open']),
    resolved: countOf(RESOLVED_OUTCOMES),
    withdrawn: countOf(['withdrawn']),
    medianAgeDays: ages.length === 0 ? null : tenth(ages.reduce((a, b) => a + b, 0) / ages.length),
  };
  const order = new Map(scope.stages.map((s, i) => [s.state, i]));
  const resolvedAtStage = figures.byResolvedStage
    .filter((s) => s.count > 0)
    .map((s) => ({ stage: s.stage, label: describe(s.stage), count: s.count }))
    .sort((a, b) => (order.get(a.stage) ?? Infinity) - (order.get(b.stage) ?? Infinity) || a.stage.localeCompare(b.stage));
  const raisedByMonth = naming.months.map((m) => ({ month: m.month, from: m.from, to: m.to, count: figures.raisedByMonth.get(m.month) ?? 0 }));
  const byUndertaking = figures.byUndertaking
    .map(({ undertakingId, count }) => ({ undertaking: undertakingId, text: naming.undertakingText(undertakingId), count }))
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
  const missed = new Map(figures.missedByOrganisation.map((o) => [o.organisationId, o]));
  const missedByOrganisation = organisations
    .filter((o) => missed.has(o.id))
    .map((o) => ({ organisationId: o.id, name: o.name, kind: o.kind, deadlines: missed.get(o.id)!.deadlines, cases: missed.get(o.id)!.cases }))
    .sort((a, b) => b.deadlines - a.deadlines || a.name.localeCompare(b.name));
  const deadlines = { met: figures.totals.met, missed: figures.totals.missed, counted: [...scope.countedDeadlines] };
  return {
    range: { ...naming.range },
    totalCases: figures.totals.cases,
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
