import { ACCEPTED_DOCUMENT_TYPES } from '@compact/application';
import { DocumentLimits, DomainError, ErrorCode } from '@compact/domain';

const KB = 1024;
const MB = 1024 * KB;

/** A size as people read it: "512 bytes", "24 KB", "1.4 MB" (GOV.UK's style for attachments). */
export function sizeText(bytes: number): string {
  if (bytes < KB) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  if (bytes < MB) return `${Math.max(1, Math.round(bytes / KB))} KB`;
  const mb = bytes / MB;
  return `${mb < 10 ? Number(mb.toFixed(1)) : Math.round(mb)} MB`;
}

/** The stored (judged) types, as people name them. */
const TYPE_WORDS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument presentation',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'text/plain': 'Text',
  'text/csv': 'CSV',
  'message/rfc822': 'Email',
};

/** What a document is, beside its name: "PDF, 24 KB". */
export const documentAbout = (d: { contentType: string; size: number }): string => `${TYPE_WORDS[d.contentType] ?? 'File'}, ${sizeText(d.size)}`;

/** The hint of the pages' file inputs: how many files, how large, of which types. */
export function uploadHint(limits: DocumentLimits): string {
  const size = sizeText(limits.fileBytes);
  const files = limits.filesPerEvent === 1 ? `one file of up to ${size}` : `up to ${limits.filesPerEvent} files, each up to ${size}`;
  return `You can attach ${files}: ${ACCEPTED_DOCUMENT_TYPES}.`;
}

const REFUSALS = new Set([ErrorCode.DOCUMENT_TOO_LARGE, ErrorCode.DOCUMENT_TYPE_NOT_ALLOWED, ErrorCode.CASE_DOCUMENTS_FULL, ErrorCode.TOO_MANY_DOCUMENTS]);

/**
 * What a form shows beside its file input when the files were refused (too large, a type not
 * accepted, the case full, too many, one empty); null for any other error. Each names the file.
 */
export function documentRefusalText(error: unknown): string | null {
  if (!(error instanceof DomainError)) return null;
  if (REFUSALS.has(error.code)) return error.message;
  const empty = error.code === ErrorCode.VALIDATION_FAILED ? error.details.errors?.find((e) => e.field === 'file') : undefined;
  return empty ? empty.message : null;
}
