import * as FileType from 'file-type';

/** The types a document may have, judged from its content (file-type's magic numbers, or text). */
const BINARY_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  png: 'image/png',
  jpg: 'image/jpeg',
};

/** Text documents by the name's extension; text under any other name is refused. */
const TEXT_TYPES: Record<string, string> = {
  txt: 'text/plain',
  text: 'text/plain',
  csv: 'text/csv',
  eml: 'message/rfc822',
};

/**
 * The stored content type of a document from its first bytes (at least 4100 of them, or all) and
 * its cleaned name, or null when it is not an allowed type: an executable, an archive, HTML or
 * any text under a name that is not .txt, .csv or .eml is refused, whatever the name says.
 */
export async function judgeDocumentType(head: Buffer, name: string): Promise<string | null> {
  const found = await FileType.fromBuffer(head);
  if (found) return BINARY_TYPES[found.ext] ?? null;
  if (!isPlainText(head)) return null;
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const type = TEXT_TYPES[ext];
  if (!type) return null;
  if (type === 'message/rfc822' && !/^[A-Za-z][A-Za-z0-9-]*:/.test(head.toString('utf8'))) return null;
  return type;
}

const ALLOWED_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d]);

/** UTF-8 text without NUL or other control characters (but tab, CR, LF, FF), and not HTML. */
function isPlainText(head: Buffer): boolean {
  const text = head.toString('utf8');
  // A cut multi-byte character at the very end of the head is not an error.
  if (text.slice(0, -1).includes('\uFFFD')) return false;
  for (const byte of head) if ((byte < 0x20 && !ALLOWED_CONTROLS.has(byte)) || byte === 0x7f) return false;
  return !/<\s*(!doctype\s+html|html|script|body|iframe|svg)\b/i.test(text.slice(0, 4096));
}
