import { formatLongDate, toLondonDate } from '@compact/calendar';
import { BOLD, Doc, heading, MARGIN, pageMarks, paragraph, Struct, taggedPdf } from '../pdf/tagged-pdf';
import { winAnsi } from '../pdf/win-ansi';
import { BundleContents } from './bundle-contents';

const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false });
const when = (iso: string) => `${formatLongDate(toLondonDate(new Date(iso)))}, ${londonTime.format(new Date(iso))}`;
const kb = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);

/** Label: value lines, one paragraph each. */
function facts(doc: Doc, parent: Struct, rows: Array<[string, string]>): void {
  for (const [label, value] of rows) paragraph(doc, parent, `${label}: ${value}`);
}

function table(doc: Doc, parent: Struct, head: string[], rows: string[][]): void {
  doc.fontSize(9);
  doc.table({
    data: [head.map((text) => ({ text: winAnsi(text), type: 'TH' as const, scope: 'column', font: { src: BOLD } })), ...rows.map((r) => r.map((text) => ({ text: winAnsi(text) })))],
    defaultStyle: { border: 0.5, borderColor: '#b1b4b6', padding: 3 },
    structParent: parent,
  } as PDFKit.Mixins.TableOptionsWithData);
  doc.x = MARGIN;
  doc.fontSize(11).moveDown(0.5);
}

/**
 * bundle.pdf: the cover sheet (the parties, the undertakings cited with their full text, the
 * route and the body), the chronology in plain words, the deadlines, the agreement if any, and
 * the index of the documents. Each page carries the case reference and the audit chain's head
 * hash. Tagged, in the standard fonts that ship with pdfkit.
 */
export function bundleToPdf(b: BundleContents): Promise<Buffer> {
  const title = `${b.reference}: case bundle`;
  const { doc, document, done } = taggedPdf({ title, subject: `${b.compactName}: the record of case ${b.reference} for the body receiving it` });

  heading(doc, document, 'H1', title);
  paragraph(doc, document, `${b.title}. A ${b.kind} raised under the ${b.compactName}.`);
  facts(doc, document, [
    ['Raised by', b.parties.claimant],
    ['Against', b.parties.respondent],
    ...(b.parties.mediator ? ([['Mediator', b.parties.mediator]] as Array<[string, string]>) : []),
    ['Stage now', b.stage],
    ['Route', b.route ? `${b.route.route}: ${b.route.body}${b.route.reference ? ` (their reference ${b.route.reference})` : ''}` : 'Not taken to the formal route yet'],
    ['Bundle made', when(b.generatedAt)],
    ['Audit chain', `${b.head.seq} entries; head hash ${b.head.hash}`],
  ]);
  paragraph(doc, document, `What happened: ${b.summary}`);
  if (b.desiredOutcome) paragraph(doc, document, `What the organisation raising it wants to happen: ${b.desiredOutcome}`);
  paragraph(
    doc,
    document,
    b.withheld > 0
      ? `Confidential content is left out. ${b.withheld} confidential exchange(s) with the mediator took place; the chronology shows when, but nothing of what was said or shared, and their documents are not included. The audit chain still verifies: each entry's hash covers a digest of its content.`
      : 'No confidential exchange with the mediator took place, so nothing is left out.',
  );

  heading(doc, document, 'H2', 'Undertakings cited');
  if (b.undertakings.length === 0) paragraph(doc, document, 'None: this is a disagreement, not a breach of a named undertaking.');
  for (const u of b.undertakings) paragraph(doc, document, `${u.id}. ${u.text}`);

  heading(doc, document, 'H2', 'Chronology');
  for (const row of b.chronology) {
    heading(doc, document, 'H3', `${row.seq}. ${when(row.at)}: ${row.who}`);
    paragraph(doc, document, row.what);
    for (const line of row.details) paragraph(doc, document, line, 10);
  }

  heading(doc, document, 'H2', 'Deadlines');
  paragraph(doc, document, `Deadlines met: ${b.deadlines.met}. Deadlines missed: ${b.deadlines.missed}.`);
  if (b.deadlines.passed.length > 0) table(doc, document, ['Deadline that passed', 'When'], b.deadlines.passed.map((d) => [d.label, when(d.at)]));
  if (b.deadlines.pending.length > 0) table(doc, document, ['Deadline still running', 'Due by the end of'], b.deadlines.pending.map((d) => [d.label, formatLongDate(d.dueDate)]));

  for (const block of b.inFull) {
    heading(doc, document, 'H2', block.heading);
    facts(doc, document, block.rows.map((r) => [r.key, r.value]));
  }

  heading(doc, document, 'H2', 'Documents');
  if (b.documents.length === 0) paragraph(doc, document, 'No documents were cited.');
  else table(doc, document, ['File in this bundle', 'Size', 'Cited at entry', 'sha256'], b.documents.map((d) => [d.path, kb(d.size), String(d.citedBySeq), d.sha256]));

  document.end();
  pageMarks(doc, (page, count) => `${b.reference} - page ${page} of ${count} - audit head ${b.head.hash}`, `${b.reference}: case bundle`);
  doc.end();
  return done;
}
