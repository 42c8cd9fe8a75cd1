import PDFDocument from 'pdfkit';
import { winAnsi } from './win-ansi';

export type Doc = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;

/** The standard PDF fonts (they ship with pdfkit): text goes through winAnsi first. */
export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
export const MARGIN = 56;

/**
 * A tagged PDF (PDF/UA-style structure; document title shown, language en-GB) on A4, its pages
 * buffered so that footers can be written at the end, with the bytes it makes collected.
 */
export function taggedPdf(info: { title: string; subject: string }): { doc: Doc; document: Struct; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: winAnsi(info.title), Subject: winAnsi(info.subject), Creator: 'Compact disputes service' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const document = doc.struct('Document');
  doc.addStructure(document);
  return { doc, document, done };
}

export function heading(doc: Doc, parent: Struct, tag: 'H1' | 'H2' | 'H3', text: string): void {
  doc.font(BOLD).fontSize({ H1: 20, H2: 15, H3: 12 }[tag]);
  if (tag !== 'H1') doc.moveDown(0.8);
  doc.text(winAnsi(text), { structParent: parent, structType: tag } as PDFKit.Mixins.TextOptions);
  doc.font(FONT).fontSize(11).moveDown(0.3);
}

export function paragraph(doc: Doc, parent: Struct, text: string, size = 11): void {
  for (const para of winAnsi(text).split(/\n{2,}/)) {
    doc.font(FONT).fontSize(size).text(para, { structParent: parent, structType: 'P' } as PDFKit.Mixins.TextOptions);
    doc.moveDown(0.4);
  }
}

/** A line at the foot (and, when given, the head) of every page, marked as pagination (not read as content). */
export function pageMarks(doc: Doc, foot: (page: number, count: number) => string, head?: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const { top, bottom } = doc.page.margins;
    doc.page.margins.bottom = 0;
    doc.page.margins.top = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(FONT).fontSize(8).fillColor('#505a5f');
    const width = doc.page.width - 2 * MARGIN;
    if (head) doc.text(winAnsi(head), MARGIN, 24, { width, align: 'center', lineBreak: false });
    doc.fontSize(9).text(winAnsi(foot(i + 1, range.count)), MARGIN, doc.page.height - 36, { width, align: 'center', lineBreak: false });
    doc.endMarkedContent();
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
    doc.page.margins.top = top;
  }
}
