import { formatLongDate, toLondonDate } from '@compact/calendar';
import { BOLD, Doc, heading, MARGIN, pageMarks, paragraph, Struct, taggedPdf } from '../pdf/tagged-pdf';
import { winAnsi } from '../pdf/win-ansi';
import { PublishedField, PublishedTable, publishedCellText } from '../published/published-table';
import { AnnualReport } from './annual-report';

const longDate = (iso: string) => formatLongDate(toLondonDate(new Date(iso)));

/** A cell as people read it: a withheld figure in the table's words. */
function cellText(table: PublishedTable, row: PublishedTable['rows'][number], field: PublishedField): string {
  return winAnsi(publishedCellText(table, row, field));
}

/** Any published table: a caption, a header row of its field titles, a row per row. */
function table(doc: Doc, parent: Struct, t: PublishedTable): void {
  heading(doc, parent, 'H3', t.title);
  if (t.description) paragraph(doc, parent, t.description);
  if (t.rows.length === 0) {
    paragraph(doc, parent, 'No figures for this year.');
    return;
  }
  const header = t.fields.map((f) => ({ text: winAnsi(f.title), type: 'TH' as const, scope: 'column', font: { src: BOLD } }));
  const rows = t.rows.map((row) => t.fields.map((f) => ({ text: cellText(t, row, f) })));
  doc.fontSize(10);
  doc.table({
    data: [header, ...rows],
    defaultStyle: { border: 0.5, borderColor: '#b1b4b6', padding: 4 },
    structParent: parent,
  } as PDFKit.Mixins.TableOptionsWithData);
  doc.x = MARGIN;
  doc.fontSize(11).moveDown(0.5);
}

/**
 * The report as a tagged PDF (PDF/UA-style structure: headings, paragraphs, tables with header
 * cells; document title and language), in the standard Helvetica fonts.
 */
export function annualReportToPdf(report: AnnualReport, compactName: string): Promise<Buffer> {
  const title = `${compactName}: annual report ${report.year}`;
  const { doc, document, done } = taggedPdf({ title, subject: `How the Compact was kept in ${report.year}` });
  heading(doc, document, 'H1', title);
  paragraph(
    doc,
    document,
    report.signedOff
      ? `Signed off by ${report.signedOff.by.name} on ${longDate(report.signedOff.at)}. The figures are as they stood then.`
      : `Draft, not signed off. Figures as at ${longDate(report.generatedAt)}; they change as cases are raised and resolved.`,
  );
  paragraph(doc, document, `A figure from fewer than ${report.minCount} cases is shown as "fewer than ${report.minCount}". No case, person or voluntary organisation is named.`);

  const section = (name: string, tables: PublishedTable[], empty: string) => {
    heading(doc, document, 'H2', name);
    if (tables.length === 0) paragraph(doc, document, empty);
    for (const t of tables) table(doc, document, t);
  };
  section('The register', report.register, 'The register has no figures for this year.');
  if (report.mostCited) table(doc, document, report.mostCited);
  section('Feedback from the parties and mediators', report.feedback, 'There are no feedback figures for this year.');
  heading(doc, document, 'H2', 'Lessons noted by the board');
  paragraph(doc, document, report.lessons || 'Not written yet.');
  heading(doc, document, 'H2', 'The board’s response');
  paragraph(doc, document, report.boardResponse || 'Not written yet.');
  document.end();

  pageMarks(doc, (page, count) => `Annual report ${report.year} - page ${page} of ${count}`);
  doc.end();
  return done;
}
