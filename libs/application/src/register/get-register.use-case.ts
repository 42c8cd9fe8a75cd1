import { Inject, Injectable } from '@nestjs/common';
import { GetFeedbackFiguresUseCase } from '../feedback/get-feedback-figures.use-case';
import { CompactIndex, DomainError, RegisterRepository, Store, TimeWindow } from '@compact/domain';
import { APP_CONFIG } from '../application.tokens';
import { AppConfig } from '../config/app-config';
import type { PublishedTable } from '../published/published-table';
import { Clock } from '../runtime/clock';
import { WorkflowRegistry } from '../runtime/workflow-registry';
import { reportOfSnapshot } from '../report/report-snapshot';
import { ALL_TIME, londonYearOf, quarterBuckets, yearWindow } from './register-periods';
import { RegisterCounts, registerTablesByPeriod, RegisterTablesByPeriod } from './register-tables';
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

/** The register's tables over every year and each year's, as last counted. */
interface Counted {
  generatedAt: string;
  minCount: number;
  tables: RegisterTablesByPeriod;
}

/** A year with no case: every count 0. */
function emptyYear(year: number): RegisterCounts {
  return {
    years: [year],
    raised: new Map(),
    resolved: new Map(),
    withdrawn: new Map(),
    undertakings: [],
    stages: [],
    deadlines: { met: 0, missed: 0, casesMet: 0, casesMissed: 0 },
    medians: [{ period: String(year), cases: 0, medianDays: null }],
    respondents: [],
    claimants: [],
  };
}

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
  private memo: { at: number; counted: Promise<Counted> } | null = null;

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
    const counted = await this.counted(nowYear, options.maxAgeMs ?? 0);
    // A year after the last case (next year, say) has no case of its own: its tables are of zeros, alone.
    const register = year === undefined ? counted.tables.all : (counted.tables.years.get(year) ?? registerTablesByPeriod({ all: emptyYear(year), years: new Map() }, counted.minCount).all);
    // Feedback after cases, in aggregate only, under the same minimum (counted in people asked and people who answered).
    const feedback = await this.feedback.execute({ year, minCount: counted.minCount });
    return { generatedAt: counted.generatedAt, minCount: counted.minCount, licence: { ...this.config.registerLicence }, year: year ?? null, tables: [...register, ...feedback] };
  }

  /** The register's tables over every year and each year's, suppressed together; reused when computed at most `maxAgeMs` ago. */
  private counted(nowYear: number, maxAgeMs: number): Promise<Counted> {
    const now = this.clock.now().getTime();
    if (this.memo && maxAgeMs > 0 && now - this.memo.at <= maxAgeMs) return this.memo.counted;
    const counted = this.compute(nowYear);
    const kept = { at: now, counted };
    this.memo = kept;
    counted.catch(() => {
      if (this.memo === kept) this.memo = null;
    });
    return counted;
  }

  private async compute(nowYear: number): Promise<Counted> {
    const generatedAt = this.clock.now().toISOString();
    // Every year's own figures are counted with the register's, and suppressed with them, so that
    // a year's report and the register over every year never give away each other's withheld figures.
    const counts = await this.store.read(async (r) => {
      const span = await r.register.span();
      const years = span ? range(Math.min(londonYearOf(span.first), nowYear), Math.max(londonYearOf(span.last), nowYear)) : [nowYear];
      const all = await this.count(r.register, years);
      const byYear = new Map<number, RegisterCounts>();
      // A year whose report is signed off has its figures published as they were then: they stay so.
      const frozen = new Map<number, PublishedTable[]>();
      for (const y of years) {
        byYear.set(y, await this.countYear(r.register, y, all));
        const report = await r.annualReports.findByYear(y);
        if (report?.snapshot) frozen.set(y, reportOfSnapshot(report.snapshot).register);
      }
      return { all, years: byYear, frozen };
    });
    const minCount = this.config.registerMinCount;
    return { generatedAt, minCount, tables: registerTablesByPeriod(counts, minCount, counts.frozen) };
  }

  /** Every year's counts together: raised, resolved and withdrawn by year and quarter, and the medians of each year and of all. */
  private async count(register: RegisterRepository, years: number[]): Promise<RegisterCounts> {
    const buckets = [{ ...ALL_TIME, key: 'all' }, ...years.map(yearWindow), ...years.flatMap(quarterBuckets)];
    const raised = await register.countByBucket('raised', buckets);
    const resolved = await register.countByBucket('resolved', buckets);
    const withdrawn = await register.countByBucket('withdrawn', buckets);
    const medians: RegisterCounts['medians'] = [];
    for (const p of [...years.map(yearWindow), { key: 'All years', ...ALL_TIME }]) {
      const m = await register.resolutionMedian(p);
      medians.push({ period: p.key, cases: m.cases, medianDays: m.medianMs === null ? null : Math.round((m.medianMs / DAY_MS) * 10) / 10 });
    }
    return { years, raised, resolved, withdrawn, medians, ...(await this.countIn(register, ALL_TIME)) };
  }

  /** One year's own counts: its totals, quarters and median from every year's (the same counts), the rest counted over the year. */
  private async countYear(register: RegisterRepository, year: number, all: RegisterCounts): Promise<RegisterCounts> {
    const keys = [String(year), ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`)];
    const own = (m: Map<string, number>) => new Map([['all', m.get(String(year)) ?? 0], ...keys.map((k): [string, number] => [k, m.get(k) ?? 0])]);
    return {
      years: [year],
      raised: own(all.raised),
      resolved: own(all.resolved),
      withdrawn: own(all.withdrawn),
      medians: all.medians.filter((m) => m.period === String(year)),
      ...(await this.countIn(register, yearWindow(year))),
    };
  }

  /** Undertakings cited, stages resolved at, deadlines and public bodies, over the cases of a window. */
  private async countIn(register: RegisterRepository, window: TimeWindow): Promise<Pick<RegisterCounts, 'undertakings' | 'stages' | 'deadlines' | 'respondents' | 'claimants'>> {
    const order = new Map(this.compact.undertakings().map((u, i) => [u.id, i]));
    const undertakings = (await register.countByUndertaking(window))
      .map((u) => ({ id: u.undertakingId, text: shortUndertakingText(this.compact.find(u.undertakingId)?.text ?? ''), count: u.count }))
      .sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || a.id.localeCompare(b.id, 'en', { numeric: true }));
    return {
      undertakings,
      stages: this.stages(await register.countByResolvedStage(window)),
      deadlines: await register.deadlineTotals(window),
      respondents: await register.countByPublicBody(window, 'respondent'),
      claimants: await register.countByPublicBody(window, 'claimant'),
    };
  }

  /** The stages cases were resolved at, in escalation order with their labels, then any other the cases name, then those not recorded. */
  private stages(counts: Array<{ stage: string | null; count: number }>): RegisterCounts['stages'] {
    const known = this.registry.stages();
    const of = (stage: string | null) => counts.filter((c) => c.stage === stage).reduce((sum, c) => sum + c.count, 0);
    const rows = known.filter((s) => of(s.state) > 0).map((s) => ({ key: s.state, label: s.label, count: of(s.state) }));
    for (const c of counts) {
      if (c.stage !== null && !known.some((s) => s.state === c.stage)) rows.push({ key: c.stage, label: c.stage, count: c.count });
    }
    const unrecorded = of(null);
    if (unrecorded > 0) rows.push({ key: '', label: 'Not recorded', count: unrecorded });
    return rows;
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_v, i) => from + i);
}
