import type { CaseOutcome } from '../cases/case-rules';
import type { TimeWindow } from './register-repository';

/** How many cases an organisation takes each part in (only organisations with at least one). */
export interface OrganisationCaseCount {
  organisationId: string;
  asClaimant: number;
  asRespondent: number;
  asMediator: number;
}

/** The completed stays of cases in one top-level stage: how many, and the middle one (or two) of their lengths. */
export interface CompletedStays {
  stays: number;
  /** The length in milliseconds of the middle stay, or of the two middle ones of an even count (none when there is no stay). */
  middleMs: number[];
}

/** A deadline that passed unmet, and an organisation that had to meet it (one row per organisation that had to). */
export interface MissedDeadline {
  /** The workflow's deadline key (`deadline.acknowledgement`, `action.due/a1`). */
  deadlineKey: string;
  organisationId: string;
}

/** The deadlines an organisation missed, and in how many cases. */
export interface OrganisationMissedCount {
  organisationId: string;
  deadlines: number;
  cases: number;
}

/**
 * Which cases a board figure counts: those raised (created) in the window, from included to
 * excluded; every case when null.
 */
export type BoardWindow = TimeWindow | null;

/**
 * The governance board's figures, counted by the database over every case (or over the cases
 * raised in a window): from the columns each case keeps (state, summary, parties), the
 * undertakings and participants it lists, the stays in each top-level stage and the deadlines
 * missed (with whoever had to meet them) that the one path of every change records as it moves a
 * case. Never a case's audit trail.
 */
export abstract class BoardRepository {
  /**
   * Inside a write: the case enters a top-level stage at `at` with its audit entry `seq`, and (unless
   * it is just raised) the stay it was in ends then.
   */
  abstract enterStage(caseId: string, stage: string, seq: number, at: Date, options: { raised: boolean }): Promise<void>;
  /** Inside a write: the deadlines the change recorded as audit entry `seq` let pass, with who had to meet them (written again, nothing changes). */
  abstract recordMissedDeadlines(caseId: string, seq: number, at: Date, missed: readonly MissedDeadline[]): Promise<void>;
  /** Cases whose missed deadlines were recorded before they were kept with who had to meet them (filled in once, at start-up). */
  abstract casesAwaitingMissedDeadlines(limit: number): Promise<string[]>;
  /** Inside a write: those cases' missed deadlines are now kept. */
  abstract missedDeadlinesFilledIn(caseIds: readonly string[]): Promise<void>;
  /** The cases, and the deadlines met and missed over them. */
  abstract totals(window?: BoardWindow): Promise<{ cases: number; met: number; missed: number }>;
  /** Cases by their top-level state (only states some case is in). */
  abstract countByState(window?: BoardWindow): Promise<Array<{ state: string; count: number }>>;
  /** Cases by the outcome kept on them (only outcomes some case has). */
  abstract countByOutcome(window?: BoardWindow): Promise<Array<{ outcome: string; count: number }>>;
  /** Resolved cases (those whose resolved stage is kept) by the top-level state they were resolved from. */
  abstract countByResolvedStage(window?: BoardWindow): Promise<Array<{ stage: string; count: number }>>;
  /**
   * The cases with `outcome`: how many, and when the middle one (or the two middle ones, of an even
   * count) was raised, oldest first: the median age of those cases, read from the index.
   */
  abstract middleRaisedAt(outcome: CaseOutcome, window?: BoardWindow): Promise<{ cases: number; middle: Date[] }>;
  /** Cases citing each undertaking (only undertakings cited at least once). */
  abstract countByUndertaking(window?: BoardWindow): Promise<Array<{ undertakingId: string; count: number }>>;
  abstract countByOrganisation(window?: BoardWindow): Promise<OrganisationCaseCount[]>;
  /** The deadlines each organisation missed and the cases they were in (only organisations that missed one). */
  abstract countMissedByOrganisation(window?: BoardWindow): Promise<OrganisationMissedCount[]>;
  /** The stays in `stage` that ended (the case moved on to another top-level stage). */
  abstract completedStays(stage: string, window?: BoardWindow): Promise<CompletedStays>;
}
