import { cleanDocumentName, DocumentLimits, DomainError, ErrorCode } from '@compact/domain';
import { judgeDocumentType } from './document-type';
import { headOf, sha256Of, UploadedFile } from './uploaded-file';

/** The types a document may have, as a person reads them (the API's description, the pages' hint and refusals). */
export const ACCEPTED_DOCUMENT_TYPES = 'PDF, Word, Excel, OpenDocument, text, CSV, PNG, JPEG or email (.eml)';

/** Bytes as the limits are stated: "20.0 MB". */
export const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The refusal of a file past the size limit (also the pages' words when the upload itself stops at the limit). */
export const documentTooLarge = (name: string, fileBytes: number): DomainError =>
  new DomainError(ErrorCode.DOCUMENT_TOO_LARGE, `${name} is larger than ${megabytes(fileBytes)}: a document may be at most that`);

/** The refusal of more files than one event may cite (`sent` when it is known). */
export const tooManyDocuments = (limit: number, sent?: number): DomainError =>
  new DomainError(ErrorCode.TOO_MANY_DOCUMENTS, `An event may cite at most ${limit} documents; ${sent === undefined ? 'more' : sent} were sent`);

/** A file fit to attach: its cleaned name, the type judged from its content, and the sha256 and size of its bytes. */
export interface PreparedDocument {
  file: UploadedFile;
  name: string;
  contentType: string;
  sha256: string;
  size: number;
}

/**
 * Judges one uploaded file before anything is stored: at most `limits.fileBytes` (checked before
 * a byte is read), not empty, and of an allowed type judged from its content (never its name or
 * the client's header). Refusals name the file: DOCUMENT_TOO_LARGE, VALIDATION_FAILED (empty),
 * DOCUMENT_TYPE_NOT_ALLOWED. These say nothing about any case, so they may come before the case is read.
 */
export async function prepareDocument(file: UploadedFile, limits: DocumentLimits): Promise<PreparedDocument> {
  const name = cleanDocumentName(file.originalName);
  if (file.size > limits.fileBytes) throw documentTooLarge(name, limits.fileBytes);
  if (file.size === 0) throw DomainError.validation([{ field: 'file', message: `${name} is empty: choose a file that has something in it` }]);
  const contentType = await judgeDocumentType(await headOf(file), name);
  if (!contentType) throw new DomainError(ErrorCode.DOCUMENT_TYPE_NOT_ALLOWED, `${name} must be a ${ACCEPTED_DOCUMENT_TYPES} file`);
  const { sha256, size } = await sha256Of(file);
  return { file, name, contentType, sha256, size };
}

/** Several files for one event (or one new case): at most `limits.filesPerEvent` (TOO_MANY_DOCUMENTS), each judged as prepareDocument does. */
export async function prepareDocuments(files: readonly UploadedFile[], limits: DocumentLimits): Promise<PreparedDocument[]> {
  if (files.length > limits.filesPerEvent) throw tooManyDocuments(limits.filesPerEvent, files.length);
  const prepared: PreparedDocument[] = [];
  for (const file of files) prepared.push(await prepareDocument(file, limits));
  return prepared;
}
