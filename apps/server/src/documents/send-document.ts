import type { DocumentDownload } from '@compact/application';
import type { Response } from 'express';
import { streamResponse } from '../http/stream-response';

/**
 * Sends a stored document: always as an attachment (never shown inline), with the type judged
 * from its content and `nosniff`, so a browser never runs it as a page; its bytes piece by piece.
 */
export async function sendDocument(res: Response, { document, pieces }: DocumentDownload): Promise<void> {
  res.status(200);
  // Content-Disposition: attachment, with the name (RFC 6266 filename*); the type is ours, not the name's.
  res.attachment(document.name);
  res.setHeader('Content-Type', document.contentType);
  res.setHeader('Content-Length', String(document.size));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  await streamResponse(res, pieces);
}
