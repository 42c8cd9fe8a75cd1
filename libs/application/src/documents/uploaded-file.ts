import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { DOCUMENT_CHUNK_BYTES } from '@compact/domain';

/** A file a person uploaded, as the HTTP layer left it: a temporary file on disk (never in memory). */
export interface UploadedFile {
  path: string;
  /** The name the client gave, uncleaned. */
  originalName: string;
  size: number;
}

/** Bytes file-type reads to judge a type. */
const HEAD_BYTES = 4100;

export async function headOf(file: UploadedFile): Promise<Buffer> {
  const handle = await open(file.path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, file.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The file's bytes in storage-sized pieces, read from disk as they are asked for. */
export async function* piecesOf(file: UploadedFile): AsyncIterable<Buffer> {
  for await (const piece of createReadStream(file.path, { highWaterMark: DOCUMENT_CHUNK_BYTES })) yield piece as Buffer;
}

export async function sha256Of(file: UploadedFile): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const piece of piecesOf(file)) {
    hash.update(piece);
    size += piece.length;
  }
  return { sha256: hash.digest('hex'), size };
}
