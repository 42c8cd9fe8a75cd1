/** A span of time, from `from` included to `to` excluded. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

/** A named span of time (a year, a quarter) figures are counted in. */
export interface TimeBucket extends TimeWindow {
  key: string;
}

/** When a case counts in a span: raised (created), resolved (first resolved), or withdrawn (its last change, the withdrawal). */
export type RegisterMeasure = 'raised' | 'resolved' | 'withdrawn';

/** A count of cases for a public body, or (organisationId and name null) for every other organisation together, never named. */
export interface PublicBodyCount {
  organisationId: string | null;
  name: string | null;
  count: number;
}

/**
 * Counts of cases for the public register, computed by the database from the summary each case
 * keeps (outcome, created_at, resolved_at, resolved_stage, deadlines met and missed), from the
 * undertakings it cites and from the organisations involved. Never a case, a title or a person.
 */
export abstract class RegisterRepository {
  /** The earliest and latest moment any case was raised, resolved or last changed; null when there is no case. */
  abstract span(): Promise<{ first: Date; last: Date } | null>;
  /** How many cases count under `measure` in each bucket (every bucket answered, 0 when none). */
  abstract countByBucket(measure: RegisterMeasure, buckets: TimeBucket[]): Promise<Map<string, number>>;
  /** Cases raised in the window citing each undertaking (only undertakings cited at least once). */
  abstract countByUndertaking(window: TimeWindow): Promise<Array<{ undertakingId: string; count: number }>>;
  /** Cases first resolved in the window, by the top-level state they were resolved from (null: not recorded). */
  abstract countByResolvedStage(window: TimeWindow): Promise<Array<{ stage: string | null; count: number }>>;
  /** Over the cases raised in the window: deadlines met and missed, and how many cases met (missed) at least one. */
  abstract deadlineTotals(window: TimeWindow): Promise<{ met: number; missed: number; casesMet: number; casesMissed: number }>;
  /** Over the cases first resolved in the window: how many, and the median of (resolved_at − created_at) in milliseconds. */
  abstract resolutionMedian(window: TimeWindow): Promise<{ cases: number; medianMs: number | null }>;
  /** Cases raised in the window by the organisation that is their respondent (`respondent`) or that raised them (`claimant`). */
  abstract countByPublicBody(window: TimeWindow, part: 'respondent' | 'claimant'): Promise<PublicBodyCount[]>;
}
