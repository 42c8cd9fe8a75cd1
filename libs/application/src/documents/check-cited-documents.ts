import { AuditEntry, DocumentCitation, Store } from '@compact/domain';
import { storedDigest } from './document-content';

/** One document an audit entry cites, checked against the bytes stored now. */
export interface DocumentCheck {
  seq: number;
  id: string;
  name: string;
  sha256: string;
  /** Whether the stored bytes still hash to the sha256 the entry records. */
  matches: boolean;
  problem?: string;
}

/** The citations an entry records (`payload.documents`), as far as they have the shape the service writes. */
export function citationsIn(entry: AuditEntry): DocumentCitation[] {
  const documents = entry.payload.documents;
  if (!Array.isArray(documents)) return [];
  return documents.filter(
    (d): d is DocumentCitation => typeof d === 'object' && d !== null && typeof d.sha256 === 'string' && typeof d.id === 'string',
  );
}

/** Re-hashes the stored bytes of every document the entries cite (each distinct content once). */
export async function checkCitedDocuments(store: Store, entries: AuditEntry[]): Promise<DocumentCheck[]> {
  const digests = new Map<string, Awaited<ReturnType<typeof storedDigest>>>();
  const checks: DocumentCheck[] = [];
  for (const entry of entries) {
    for (const cited of citationsIn(entry)) {
      if (!digests.has(cited.sha256)) digests.set(cited.sha256, await storedDigest(store, cited.sha256));
      const stored = digests.get(cited.sha256)!;
      const base = { seq: entry.seq, id: cited.id, name: String(cited.name), sha256: cited.sha256 };
      if (!stored) checks.push({ ...base, matches: false, problem: 'its content is no longer stored' });
      else if (stored.sha256 !== cited.sha256) checks.push({ ...base, matches: false, problem: `its stored content now hashes to ${stored.sha256}` });
      else checks.push({ ...base, matches: true });
    }
  }
  return checks;
}
