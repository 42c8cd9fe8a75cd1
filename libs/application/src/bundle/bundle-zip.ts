import { Readable } from 'node:stream';
import { GENESIS_HASH, Store } from '@compact/domain';
import type { ChainVerification } from '@compact/engine';
import { ZipFile } from 'yazl';
import { documentPieces } from '../documents/document-content';
import { BundleContents } from './bundle-contents';

/** How the body receiving a bundle checks it, written into verification.json. */
export const HOW_TO_CHECK = {
  checker: 'node scripts/verify-bundle.js bundle.zip (from the service’s source; it needs no database)',
  canonicalJson:
    'UTF-8 JSON with object keys sorted by UTF-16 code unit (JavaScript’s default string order), no insignificant white space, members whose value is undefined left out, numbers and strings as JSON.stringify writes them',
  chain: `history.json holds the entries oldest first. Entry 1 links onto ${GENESIS_HASH} (64 zeros); every later entry’s prevHash is the hash of the entry before; the last entry is the head below.`,
  formats: {
    '1': 'Entries written before payload digests (no format member): hash = sha256(canonical JSON of { caseId, seq, at, actor, eventType, fromState, toState, payload, prevHash })',
    '2': 'hash = sha256(canonical JSON of { format: 2, caseId, seq, at, actor, eventType, fromState, toState, payloadDigest, prevHash }), where payloadDigest = sha256(canonical JSON of payload)',
  },
  withheld:
    'An entry with withheld: true is a confidential exchange: its payload is {} and left out; its payloadDigest still enters its hash, so the chain verifies without it',
  documents: 'Each file under documents/ must hash (sha256 of its bytes) to the sha256 its citing entry records in payload.documents, as listed below',
};

/**
 * The bundle as one zip, streamed: bundle.pdf, documents/NN-name.ext (each read from the
 * database piece by piece as the zip is written), history.json and verification.json.
 */
export function bundleZip(b: BundleContents, pdf: Buffer, verification: ChainVerification, store: Store): Readable {
  const zip = new ZipFile();
  const mtime = new Date(b.generatedAt);
  zip.addBuffer(pdf, 'bundle.pdf', { mtime });
  for (const d of b.documents) {
    const bytes = Readable.from(
      (async function* () {
        const pieces = await documentPieces(store, d.sha256);
        if (!pieces) throw new Error(`the bytes of document ${d.id} are no longer stored`);
        yield* pieces;
      })(),
    );
    zip.addReadStream(bytes, d.path, { mtime, size: d.size });
  }
  const history = { caseId: b.entries[0]?.caseId ?? null, reference: b.reference, entries: b.entries };
  zip.addBuffer(Buffer.from(JSON.stringify(history, null, 2)), 'history.json', { mtime });
  const check = {
    reference: b.reference,
    head: b.head,
    generatedAt: b.generatedAt,
    verifiedWhenMade: verification,
    withheldEntries: b.withheld,
    documents: b.documents.map((d) => ({ path: d.path, sha256: d.sha256, size: d.size, citedBySeq: d.citedBySeq })),
    howToCheck: HOW_TO_CHECK,
  };
  zip.addBuffer(Buffer.from(JSON.stringify(check, null, 2)), 'verification.json', { mtime });
  zip.end();
  return zip.outputStream as Readable;
}
