import { CaseRelation } from '../cases/case-relation';

/**
 * A document attached to a case. Its bytes are stored once per sha256, however many cases or
 * events attach them; this row is one attachment: the name it was given, who attached it and when,
 * and the audit entry of the event that cited it (null while no event has: it is then pending,
 * seen only by the person who attached it, and removed after a day).
 */
export interface CaseDocument {
  id: string;
  caseId: string;
  sha256: string;
  /** Cleaned of paths and control characters (cleanDocumentName). */
  name: string;
  size: number;
  /** Judged from the content, never from the name or the client's header. */
  contentType: string;
  attachedBy: { userId: string; organisationId: string | null };
  attachedAt: Date;
  /** The seq of the audit entry of the event that cited it first; null while pending. */
  citedSeq: number | null;
  /** Cited in confidence (a confidential note): the only relations to the case that may see it; null: every reader of the case. */
  audience: CaseRelation[] | null;
}

/** What an audit entry records of each document its event cited: enough to prove which bytes were shown. */
export interface DocumentCitation {
  id: string;
  sha256: string;
  name: string;
  size: number;
  contentType: string;
}

export const citationOf = (d: CaseDocument): DocumentCitation => ({
  id: d.id,
  sha256: d.sha256,
  name: d.name,
  size: d.size,
  contentType: d.contentType,
});

/** Limits on documents (configurable): bytes a file, bytes a case (pending ones included), files an event, uploads an hour. */
export interface DocumentLimits {
  fileBytes: number;
  caseBytes: number;
  filesPerEvent: number;
  /** Uploads one person may make in an hour. */
  uploadsPerHour: number;
}

/** How long a document that no event cites is kept before it is removed. */
export const PENDING_DOCUMENT_HOURS = 24;

/** Documents are stored in pieces of this many bytes (256 KiB), so none is ever held whole in memory, nor much garbage made at once. */
export const DOCUMENT_CHUNK_BYTES = 256 * 1024;
