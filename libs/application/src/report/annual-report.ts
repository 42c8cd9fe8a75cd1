import { ReportSignatory } from '@compact/domain';
import { PublishedTable } from '../published/published-table';

/** The licence the register's figures are published under, as the register gives it. */
export interface ReportLicence {
  name?: string;
  title?: string;
  path?: string;
  url?: string;
}

/** What the report takes from the register and the feedback for one year, already suppressed. */
export interface ReportFigures {
  /** When the figures were computed (ISO-8601). */
  generatedAt: string;
  minCount: number;
  licence: ReportLicence;
  register: PublishedTable[];
  feedback: PublishedTable[];
}

/**
 * A year's annual report: the register's and the feedback's figures for the year, the undertakings
 * most often cited, and what the board writes. A draft shows live figures; a signed-off report is
 * the snapshot taken when it was signed, whatever has happened since.
 */
export interface AnnualReport extends ReportFigures {
  year: number;
  status: 'draft' | 'signed-off';
  /** The register's by-undertaking table, most often cited first; null when the register has none. */
  mostCited: PublishedTable | null;
  lessons: string;
  boardResponse: string;
  lastSaved: { at: string; by: ReportSignatory } | null;
  signedOff: { at: string; by: ReportSignatory } | null;
  /** Pass back when saving or signing off: the report must not have changed in between. */
  version: number;
}

/** Every table of the report, in the order the page, the PDF and the CSV give them. */
export function reportTables(report: AnnualReport): PublishedTable[] {
  return [...report.register, ...(report.mostCited ? [report.mostCited] : []), ...report.feedback];
}
