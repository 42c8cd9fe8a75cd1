import type { AnnualReport } from './annual-report';

/** A signed-off report as stored (`annual_reports.snapshot`, JSON text): the whole report as it was signed. */
export interface ReportSnapshotV1 {
  format: 1;
  report: AnnualReport;
}

/** The report a stored snapshot holds. */
export function reportOfSnapshot(snapshot: string): AnnualReport {
  return (JSON.parse(snapshot) as ReportSnapshotV1).report;
}
