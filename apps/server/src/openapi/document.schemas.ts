import type { CaseVerification, DocumentCheck } from '@compact/application';
import type { DocumentCitation } from '@compact/domain';
import type { ChainVerification } from '@compact/engine';
import { arrayOf, boolean, dateTime, integer, nullable, objectOf, ref, Schema, sha256Hex, text, uuid } from './schema-builders';
import { CHAIN_VERIFICATION } from './case.schemas';

const citation = {
  id: uuid('The document’s id on this case (cite it in an event’s `documents`)'),
  sha256: sha256Hex('sha256 of its bytes, as the citing event’s audit entry records it'),
  name: text('Its file name, cleaned of paths and control characters'),
  size: integer('Bytes', { minimum: 1 }),
  contentType: text('Its type, judged from its content (e.g. application/pdf)'),
};

const DocumentSchema = objectOf<DocumentCitation>(citation, { description: 'A document attached to a case' });

/** What the list of a case's documents says of each. */
export interface ListedDocument extends DocumentCitation {
  attachedAt: string;
  attachedBy: { userId: string; organisationId: string | null };
  citedSeq: number | null;
}

const ListedDocumentSchema = objectOf<ListedDocument>(
  {
    ...citation,
    attachedAt: dateTime(),
    attachedBy: objectOf<ListedDocument['attachedBy']>({ userId: uuid(), organisationId: nullable(uuid()) }),
    citedSeq: nullable(integer('The audit entry of the event that cited it', { minimum: 1 }), 'Null while no event cites it (it is removed a day after it was attached)'),
  },
  { description: 'A document of a case, as the caller may see it' },
);

const DocumentCheckSchema = objectOf<DocumentCheck>(
  {
    seq: integer('The audit entry that cites the document', { minimum: 1 }),
    id: uuid(),
    name: text(),
    sha256: sha256Hex('As the entry records it'),
    matches: boolean('Whether the stored bytes still hash to it'),
    problem: text('What is wrong when they do not'),
  },
  { optional: ['problem'] },
);

const CaseVerificationSchema = objectOf<CaseVerification>(
  {
    ...(CHAIN_VERIFICATION.properties as Record<keyof ChainVerification, Schema>),
    documents: arrayOf(ref('DocumentCheck'), 'Each document an entry cites, re-hashed from what is stored'),
  },
  { optional: ['brokenAt', 'reason'], description: 'The result of recomputing a case’s hash chain and re-hashing the documents it cites' },
);

export const DOCUMENT_SCHEMAS: Record<string, Schema> = {
  Document: DocumentSchema,
  ListedDocument: ListedDocumentSchema,
  DocumentCheck: DocumentCheckSchema,
  CaseVerification: CaseVerificationSchema,
};
