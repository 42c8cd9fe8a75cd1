import { CaseOutcome } from '@compact/domain';
import { csvCell } from './case-histories-export';

/** One case as a row of the board's export: what it is about, who, where it stands, and its deadlines. */
export interface CaseExportRow {
  reference: string;
  title: string;
  kind: string;
  /** `compact-dispute/v2`: the version the case runs on now. */
  workflow: string;
  claimant: string;
  respondent: string;
  /** The mediator it is (or was last) referred to; empty when none. */
  mediator: string;
  /** The undertakings it cites: their ids, and each one's short text. */
  undertakings: string[];
  undertakingTexts: string[];
  /** Its top-level stage and where in it it is, in its own version's words. */
  stage: string;
  status: string;
  /** London dates. */
  raisedOn: string;
  resolvedOn: string | null;
  /** The stage it was resolved at, in words; null when not resolved. */
  resolvedStage: string | null;
  outcome: CaseOutcome;
  deadlinesMet: number;
  deadlinesMissed: number;
}

/** Every case as a row, newest first, read from the database a page at a time. */
export interface CaseRowsExport {
  exportedAt: string;
  rows: AsyncIterable<CaseExportRow>;
}

/** What each outcome is called in the export and on the board. */
export const OUTCOME_LABELS: Readonly<Record<CaseOutcome, string>> = {
  open: 'Open',
  monitoring: 'Agreement being carried out',
  resolved: 'Resolved',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
};

const COLUMNS = [
  'reference', 'title', 'kind', 'workflow', 'claimant', 'respondent', 'mediator', 'undertakings', 'undertakings_text',
  'stage', 'status', 'raised_on', 'resolved_on', 'resolved_at_stage', 'outcome', 'deadlines_met', 'deadlines_missed',
] as const;

/** The byte order mark a spreadsheet needs to read the file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** The header line of the export, after the byte order mark, with its line break. */
export const CASE_ROWS_CSV_HEADER = UTF8_BOM + COLUMNS.join(',') + '\r\n';

/**
 * One case's line (RFC 4180, every cell quoted, a cell starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return prefixed with `'` so a spreadsheet never reads it as a formula).
 */
export function caseRowCsv(r: CaseExportRow): string {
  return (
    [
      r.reference, r.title, r.kind, r.workflow, r.claimant, r.respondent, r.mediator, r.undertakings.join('; '), r.undertakingTexts.join('\n'),
      r.stage, r.status, r.raisedOn, r.resolvedOn, r.resolvedStage, OUTCOME_LABELS[r.outcome], r.deadlinesMet, r.deadlinesMissed,
    ]
      .map(csvCell)
      .join(',') + '\r\n'
  );
}

/** The CSV in pieces as the cases come: the byte order mark and header, then a line per case. */
export async function* caseRowsCsvChunks(rows: AsyncIterable<CaseExportRow>): AsyncGenerator<string> {
  yield CASE_ROWS_CSV_HEADER;
  for await (const r of rows) yield caseRowCsv(r);
}
