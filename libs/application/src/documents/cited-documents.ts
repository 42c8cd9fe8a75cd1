import { CaseDocument, CaseRelation, DomainError, ErrorCode, isUuid, Repositories } from '@compact/domain';
import { Caller } from '../auth/caller';
import { maySeeDocument } from './get-document.use-case';

const FIELD = 'documents';

/**
 * The documents an event's `documents: [id…]` cites: each attached to this case, and either cited
 * before or pending for the person sending the event. Refused whole (VALIDATION_FAILED, or
 * TOO_MANY_DOCUMENTS past the limit) if any is not. A document shared in confidence may be cited
 * again only in confidence.
 */
export async function citedDocuments(
  repos: Repositories,
  caller: Caller,
  relation: CaseRelation,
  event: { caseId: string; confidential: boolean },
  raw: unknown,
  limit: number,
): Promise<CaseDocument[]> {
  const { caseId } = event;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((id) => typeof id !== 'string')) {
    throw DomainError.validation([{ field: FIELD, message: 'must be a list of document ids, as attaching each document answered' }]);
  }
  const ids = raw as string[];
  if (ids.length > limit) {
    throw new DomainError(ErrorCode.TOO_MANY_DOCUMENTS, `An event may cite at most ${limit} documents; this one cites ${ids.length}`);
  }
  if (new Set(ids).size !== ids.length) throw DomainError.validation([{ field: FIELD, message: 'names the same document twice' }]);
  const found: CaseDocument[] = [];
  for (const id of ids) {
    const document = isUuid(id) ? await repos.documents.findById(id) : null;
    if (!document || document.caseId !== caseId || !maySeeDocument(caller, relation, document)) {
      throw DomainError.validation([{ field: FIELD, message: `${JSON.stringify(id.slice(0, 40))} is not a document attached to this case` }]);
    }
    if (document.audience !== null && !event.confidential) {
      throw DomainError.validation([{ field: FIELD, message: `${document.name} was shared in confidence with the mediator: it can be cited only in a confidential note` }]);
    }
    found.push(document);
  }
  return found;
}
