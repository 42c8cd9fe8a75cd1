import { Inject, Injectable } from '@nestjs/common';
import { GetFeedbackFiguresUseCase } from '../feedback/get-feedback-figures.use-case';
import { CompactIndex, DomainError, RegisterRepository, Store, TimeWindow } from '@compact/domain';
import { APP_CONFIG } from '../application.tokens';
import { AppConfig } from '../config/app-config';
import type { PublishedTable } from '../published/published-table';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { ALL_TIME, londonYearOf, quarterBuckets, yearWindow } from './register-periods';
import { RegisterCounts, registerTablesByPeriod } from './register-tables';
import { shortUndertakingText } from './short-undertaking-text';

/** The public register's figures, after small-number suppression. */
export interface RegisterFigures {
  /** When they were computed (ISO 8601). */
  generatedAt: string;
  /** REGISTER_MIN_COUNT: a figure from fewer cases than this is withheld (null). */
  minCount: number;
  /** The licence of the open data. */
  licence: { name: string; title: string; path: string };
  /** The year counted, when one was asked for. */
  year: number | null;
  tables: PublishedTable[];
}

export interface GetRegisterOptions {
  /** Only this calendar year (UK time); every year since the first case when absent. */
  year?: number;
  /** Figures computed at most this long ago may be answered again (the public pages); 0 (default) computes them now. */
  maxAgeMs?: number;
}

const DAY_MS = 86_400_000;
const FIRST_YEAR = 2000;

/**
 * The public register: cases raised, resolved and withdrawn by year and quarter, by undertaking,
 * by the stage they were resolved at, deadlines met and missed, the median time to resolution, and
 * public bodies by name; and the feedback of those who took part, in aggregate. Computed by the database from each case's kept summary (aggregates only,
 * never a case loaded), then suppressed across every table. No case's title, summary, documents
 * or people, and no voluntary or community organisation's name, is ever read here.
 *
 * With `year`, every table counts only that year (Europe/London, 1 January to 31 December):
 * - raised: cases whose `created_at` falls in it (and undertakings cited, public bodies, deadlines
 *   met and missed: over those cases);
 * - resolved: cases whose `resolved_at` (when first resolved, or settled on an agreement to follow
 *   up) falls in it (and the stage they were resolved at, and the median time to resolution:
 *   over those cases);
 * - withdrawn: cases withdrawn whose last change (`updated_at`: a withdrawal ends a case) falls in it.
 * Without `year` the same, over every year from the first case to now.
 */
@Injectable()
export class GetRegisterUseCase {
  private readonly memo = new Map<string, { at: number; figures: Promise<RegisterFigures> }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly registry: WorkflowRegistry,
    private readonly compact: CompactIndex,
    private readonly feedback: GetFeedbackFiguresUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether the deployment publishes the register (REGISTER=on); the board previews it either way. */
  get isPublic(): boolean {
    return this.config.registerEnabled;
  }

  async execute(options: GetRegisterOptions = {}): Promise<RegisterFigures> {
    const year = options.year;
    const nowYear = londonYearOf(this.clock.now());
    if (year !== undefined && (!Number.isInteger(year) || year < FIRST_YEAR || year > nowYear + 1)) {
      throw DomainError.validation([{ field: 'year', message: `must be a whole number from ${FIRST_YEAR} to ${nowYear + 1}` }]);
    }
    const key = String(year ?? 'all');
    const now = this.clock.now().getTime();
    const kept = this.memo.get(key);
    if (kept && options.maxAgeMs && now - kept.at <= options.maxAgeMs) return kept.figures;
    const figures = this.compute(year, nowYear);
    this.memo.set(key, { at: now, figures });
    figures.catch(() => this.memo.delete(key));
    return figures;
  }

  private async compute(year: number | undefined, nowYear: number): Promise<RegisterFigures> {
    const generatedAt = this.clock.now().toISOString();
    // Every year's own figures are counted with the register's, and suppressed with them, so that
    // a year's report and the register over every year never give away each other's withheld figures.
    const counts = await this.store.read(async (r) => {
      const span = await r.register.span();
      const years = span ? range(Math.min(londonYearOf(span.first), nowYear), Math.max(londonYearOf(span.last), nowYear)) : [nowYear];
      const all = await this.count(r.register, years, ALL_TIME);
      const byYear = new Map<number, RegisterCounts>();
      for (const y of year === undefined || years.includes(year) ? years : [...years, year]) byYear.set(y, await this.count(r.register, [y], yearWindow(y)));
      return { all, years: byYear };
    });
    const min = this.config.registerMinCount;
    const tables = registerTablesByPeriod(counts, min);
    // Feedback after cases, in aggregate only, under the same minimum (counted in people asked and people who answered).
    const feedback = await this.feedback.execute({ year, minCount: min });
    const register = year === undefined ? tables.all : tables.years.get(year)!;
    return { generatedAt, minCount: min, licence: { ...this.config.registerLicence }, year: year ?? null, tables: [...register, ...feedback] };
  }

  private async count(register: RegisterRepository, years: number[], window: TimeWindow): Promise<RegisterCounts> {
    const buckets = [{ ...window, key: 'all' }, ...years.map(yearWindow), ...years.flatMap(quarterBuckets)];
    const raised = await register.countByBucket('raised', buckets);
    const resolved = await register.countByBucket('resolved', buckets);
    const withdrawn = await register.countByBucket('withdrawn', buckets);
    const order = new Map(this.compact.undertakings().map((u, i) => [u.id, i]));
    const undertakings = (await register.countByUndertaking(window))
      .map((u) => ({ id: u.undertakingId, text: shortUndertakingText(this.compact.find(u.undertakingId)?.text ?? ''), count: u.count }))
      .sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || a.id.localeCompare(b.id, 'en', { numeric: true }));
    const medians: RegisterCounts['medians'] = [];
    const periods = years.length === 1 && window !== ALL_TIME ? [yearWindow(years[0])] : [...years.map(yearWindow), { key: 'All years', ...ALL_TIME }];
    for (const p of periods) {
      const m = await register.resolutionMedian(p);
      medians.push({ period: p.key, cases: m.cases, medianDays: m.medianMs === null ? null : Math.round((m.medianMs / DAY_MS) * 10) / 10 });
    }
    return {
      years,
      raised,
      resolved,
      withdrawn,
      undertakings,
      stages: this.stages(await register.countByResolvedStage(window)),
      deadlines: await register.deadlineTotals(window),
      medians,
      respondents: await register.countByPublicBody(window, 'respondent'),
      claimants: await register.countByPublicBody(window, 'claimant'),
    };
  }

  /** The stages cases were resolved at, in escalation order with their labels, then any other the cases name, then those not recorded. */
  private stages(counts: Array<{ stage: string | null; count: number }>): RegisterCounts['stages'] {
    const known = this.registry.stages();
    const of = (stage: string | null) => counts.filter((c) => c.stage === stage).reduce((sum, c) => sum + c.count, 0);
    const rows = known.filter((s) => of(s.state) > 0).map((s) => ({ label: s.label, count: of(s.state) }));
    for (const c of counts) {
      if (c.stage !== null && !known.some((s) => s.state === c.stage)) rows.push({ label: c.stage, count: c.count });
    }
    const unrecorded = of(null);
    if (unrecorded > 0) rows.push({ label: 'Not recorded', count: unrecorded });
    return rows;
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_v, i) => from + i);
}
