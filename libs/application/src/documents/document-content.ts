import { createHash } from 'node:crypto';
import { Store } from '@compact/domain';

/**
 * The stored bytes of a document, piece by piece, each piece read in its own unit of work (so a
 * large download never holds the database, nor more than one piece in memory). Null when the
 * bytes are not stored.
 */
export async function documentPieces(store: Store, sha256: string): Promise<AsyncIterable<Buffer> | null> {
  const count = await store.read((r) => r.documents.pieceCount(sha256));
  if (count === null) return null;
  return (async function* () {
    for (let n = 0; n < count; n++) {
      const piece = await store.read((r) => r.documents.piece(sha256, n));
      if (!piece) throw new Error(`piece ${n} of document ${sha256} is missing`);
      yield piece;
    }
  })();
}

/** The sha256 and size of the bytes as they are stored now; null when they are not stored or a piece is missing. */
export async function storedDigest(store: Store, sha256: string): Promise<{ sha256: string; size: number } | null> {
  const count = await store.read((r) => r.documents.pieceCount(sha256));
  if (count === null) return null;
  const hash = createHash('sha256');
  let size = 0;
  for (let n = 0; n < count; n++) {
    const piece = await store.read((r) => r.documents.piece(sha256, n));
    if (!piece) return null;
    hash.update(piece);
    size += piece.length;
  }
  return { sha256: hash.digest('hex'), size };
}
