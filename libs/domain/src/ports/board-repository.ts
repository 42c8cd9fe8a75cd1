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

/**
 * The governance board's figures, counted by the database over every case: from the columns each
 * case keeps (state, summary, parties), the undertakings and participants it lists, and the stays
 * in each top-level stage that the one path of every change records as it moves a case. Never a
 * case's audit trail.
 */
export abstract class BoardRepository {
  /**
   * Inside a write: the case enters a top-level stage at `at` with its audit entry `seq`, and (unless
   * it is just raised) the stay it was in ends then.
   */
  abstract enterStage(caseId: string, stage: string, seq: number, at: Date, options: { raised: boolean }): Promise<void>;
  /** Every case, and the deadlines met and missed over them all. */
  abstract totals(): Promise<{ cases: number; met: number; missed: number }>;
  /** Cases by their top-level state (only states some case is in). */
  abstract countByState(): Promise<Array<{ state: string; count: number }>>;
  /** Cases citing each undertaking (only undertakings cited at least once). */
  abstract countByUndertaking(): Promise<Array<{ undertakingId: string; count: number }>>;
  abstract countByOrganisation(): Promise<OrganisationCaseCount[]>;
  /** The stays in `stage` that ended (the case moved on to another top-level stage). */
  abstract completedStays(stage: string): Promise<CompletedStays>;
}
