import type { CaseBundle } from '@compact/application';
import type { Response } from 'express';
import { streamResponse } from '../http/stream-response';

/** Sends a case's bundle as a zip attachment, streamed as it is made. */
export async function sendBundle(res: Response, bundle: CaseBundle): Promise<void> {
  res.status(200);
  res.attachment(bundle.fileName);
  res.setHeader('Content-Type', 'application/zip');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  await streamResponse(res, bundle.zip);
}
