import PDFDocument from 'pdfkit';
import { formatLongDate, toLondonDate } from '@compact/calendar';
import { PublishedTable } from '../published/published-table';
import { AnnualReport } from './annual-report';
import { winAnsi } from './win-ansi';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MARGIN = 56;

const longDate = (iso: string) => formatLongDate(toLondonDate(new Date(iso)));

/** A cell as people read it: a withheld figure in the table's words. */
function cellText(table: PublishedTable, value: PublishedTable['rows'][number][string]): string {
  return winAnsi(value === null || value === undefined ? table.withheldText : String(value));
}

function heading(doc: Doc, parent: Struct, tag: 'H1' | 'H2' | 'H3', text: string): void {
  doc.font(BOLD).fontSize({ H1: 20, H2: 15, H3: 12 }[tag]);
  if (tag !== 'H1') doc.moveDown(0.8);
  doc.text(winAnsi(text), { structParent: parent, structType: tag } as PDFKit.Mixins.TextOptions);
  doc.font(FONT).fontSize(11).moveDown(0.3);
}

function paragraph(doc: Doc, parent: Struct, text: string): void {
  for (const para of winAnsi(text).split(/\n{2,}/)) {
    doc.font(FONT).fontSize(11).text(para, { structParent: parent, structType: 'P' } as PDFKit.Mixins.TextOptions);
    doc.moveDown(0.4);
  }
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
  const rows = t.rows.map((row) => t.fields.map((f) => ({ text: cellText(t, row[f.name]) })));
  doc.fontSize(10);
  doc.table({
    data: [header, ...rows],
    defaultStyle: { border: 0.5, borderColor: '#b1b4b6', padding: 4 },
    structParent: parent,
  } as PDFKit.Mixins.TableOptionsWithData);
  doc.x = MARGIN;
  doc.fontSize(11).moveDown(0.5);
}

/** Year and page number at the foot of every page, marked as pagination (not read as content). */
function footers(doc: Doc, year: number): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(FONT).fontSize(9).fillColor('#505a5f');
    doc.text(`Annual report ${year} - page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - 36, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.endMarkedContent();
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}

/**
 * The report as a tagged PDF (PDF/UA-style structure: headings, paragraphs, tables with header
 * cells; document title and language), in the standard Helvetica fonts.
 */
export function annualReportToPdf(report: AnnualReport, compactName: string): Promise<Buffer> {
  const title = `${compactName}: annual report ${report.year}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: winAnsi(title), Subject: `How the Compact was kept in ${report.year}`, Creator: 'Compact disputes service' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const document = doc.struct('Document');
  doc.addStructure(document);
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

  footers(doc, report.year);
  doc.end();
  return done;
}
