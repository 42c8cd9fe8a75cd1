import { parseCsvLine } from '../../../../test/support/csv';
import { annualReportToCsv } from './annual-report-csv';
import { sampleReport } from '../../../../test/support/annual-report.fixture';

describe('annualReportToCsv', () => {
  it('writes one section per table: a header of `table` and the fields, rows led by the table’s name', () => {
    const csv = annualReportToCsv(sampleReport({ lessons: 'x' }));
    const sections = csv.split('\r\n\r\n').map((s) => s.trimEnd().split('\r\n').map(parseCsvLine));
    expect(sections.map((s) => s[1][0])).toEqual(['report', 'cases-by-quarter', 'feedback-by-stage']);
    expect(sections[0][0]).toEqual(['table', 'year', 'status', 'figures_at', 'min_count', 'signed_off_at', 'signed_off_by']);
    expect(sections[0][1]).toEqual(['report', '2025', 'draft', '2025-12-31T12:00:00.000Z', '5', '', '']);
    expect(sections[1]).toEqual([
      ['table', 'quarter', 'raised'],
      ['cases-by-quarter', 'Q1', '17'],
      ['cases-by-quarter', 'Q2', ''], // withheld
    ]);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('neutralises spreadsheet formulas', () => {
    const report = sampleReport();
    report.register[0].rows[0].quarter = '=HYPERLINK("http://evil")';
    expect(annualReportToCsv(report)).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
