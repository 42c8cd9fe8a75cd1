import { AnnualReport } from '@compact/application';
import { formatLongDate, toLondonDate } from '@compact/calendar';
import { PublishedTable, publishedCellText } from '@compact/application';

export interface TableView {
  name: string;
  title: string;
  description: string;
  headings: string[];
  /** Each row's cells as text; the first is the row's heading. */
  rows: string[][];
}

const longDate = (iso: string) => formatLongDate(toLondonDate(new Date(iso)));

/** Any published table as the page shows it: a withheld figure in the table's own words. */
export function tableView(t: PublishedTable): TableView {
  return {
    name: t.name,
    title: t.title,
    description: t.description,
    headings: t.fields.map((f) => f.title),
    rows: t.rows.map((row) => t.fields.map((f) => publishedCellText(t, row, f))),
  };
}

/** What the report page shows, in words. */
export function reportPageData(report: AnnualReport, years: number[]) {
  const year = report.year;
  return {
    report,
    register: report.register.map(tableView),
    mostCited: report.mostCited ? tableView(report.mostCited) : null,
    feedback: report.feedback.map(tableView),
    signedOffText: report.signedOff ? `Signed off by ${report.signedOff.by.name} on ${longDate(report.signedOff.at)}` : null,
    lastSavedText: report.lastSaved ? `Last saved by ${report.lastSaved.by.name} on ${longDate(report.lastSaved.at)}` : null,
    figuresDate: longDate(report.generatedAt),
    yearItems: years.map((y) => ({ value: String(y), text: String(y), selected: y === year })),
    pdfHref: `/board/report.pdf?year=${year}`,
    csvHref: `/board/report.csv?year=${year}`,
    signOffHref: `/board/report/sign-off?year=${year}`,
    licenceName: report.licence.title ?? report.licence.name ?? null,
    licenceUrl: report.licence.path ?? report.licence.url ?? null,
  };
}
