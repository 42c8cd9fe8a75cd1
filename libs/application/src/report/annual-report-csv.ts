import { csvCell } from '../board/case-histories-export';
import { PublishedTable } from '../published/published-table';
import { AnnualReport, reportTables } from './annual-report';

/** The report's own facts as a table, first in the CSV: which year, draft or signed off, by whom. */
export function reportFactsTable(report: AnnualReport): PublishedTable {
  return {
    name: 'report',
    title: `Annual report ${report.year}`,
    description: 'The year the report covers, whether it is signed off, and the minimum count below which figures are withheld.',
    fields: [
      { name: 'year', type: 'year', title: 'Year' },
      { name: 'status', type: 'string', title: 'Status' },
      { name: 'figures_at', type: 'string', title: 'Figures computed at' },
      { name: 'min_count', type: 'integer', title: 'Smallest figure published' },
      { name: 'signed_off_at', type: 'string', title: 'Signed off at' },
      { name: 'signed_off_by', type: 'string', title: 'Signed off by' },
    ],
    rows: [
      {
        year: report.year,
        status: report.status,
        figures_at: report.generatedAt,
        min_count: report.minCount,
        signed_off_at: report.signedOff?.at ?? '',
        signed_off_by: report.signedOff?.by.name ?? '',
      },
    ],
    withheldText: `fewer than ${report.minCount}`,
  };
}

/**
 * Every table of the report in one CSV file, a section per table: the section's header row is
 * `table` then that table's field names, each of its rows starts with the table's name, and an
 * empty line ends it. Every cell is quoted and spreadsheet formulas are neutralised; a withheld
 * figure is an empty cell, as in the register's open data. CRLF line ends, UTF-8.
 */
export function annualReportToCsv(report: AnnualReport): string {
  const sections = [reportFactsTable(report), ...reportTables(report)].map((table) => {
    const lines = [['table', ...table.fields.map((f) => f.name)].map(csvCell).join(',')];
    for (const row of table.rows) lines.push([table.name, ...table.fields.map((f) => row[f.name])].map(csvCell).join(','));
    return lines.join('\r\n') + '\r\n';
  });
  return sections.join('\r\n');
}
