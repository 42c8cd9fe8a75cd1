/** A board member as recorded on the report: who they were when they acted. */
export interface ReportSignatory {
  userId: string;
  name: string;
}

/**
 * The stored part of a year's annual report: the two texts the board writes, and once signed off
 * the date, the member and the whole report frozen as it was signed (`snapshot`, JSON text).
 * `version` counts the writes, for optimistic concurrency (0 before the first).
 */
export interface AnnualReportRecord {
  id: string;
  year: number;
  lessons: string;
  boardResponse: string;
  updatedAt: Date | null;
  updatedBy: ReportSignatory | null;
  signedOffAt: Date | null;
  signedOffBy: ReportSignatory | null;
  snapshot: string | null;
  version: number;
}

export interface AnnualReportText {
  lessons: string;
  boardResponse: string;
  at: Date;
  by: ReportSignatory;
}

export interface AnnualReportSignOff {
  at: Date;
  by: ReportSignatory;
  snapshot: string;
}

export abstract class AnnualReportRepository {
  abstract findByYear(year: number): Promise<AnnualReportRecord | null>;
  /**
   * Saves the texts of a draft if it is still at `expectedVersion` (0: no row yet, so it is
   * inserted; the unique year decides between two inserts at once). False, writing nothing, when
   * the report changed meanwhile or is signed off.
   */
  abstract saveText(id: string, year: number, text: AnnualReportText, expectedVersion: number): Promise<boolean>;
  /** Signs off a draft still at `expectedVersion`; false, writing nothing, when it changed or is signed off already. */
  abstract signOff(year: number, signOff: AnnualReportSignOff, expectedVersion: number): Promise<boolean>;
  /** When the first case was raised (null with no cases): no report covers a year before it. */
  abstract firstCaseAt(): Promise<Date | null>;
}
