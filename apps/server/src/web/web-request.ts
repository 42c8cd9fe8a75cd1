import type { SessionCaller } from '@compact/application';
import type { Request } from 'express';
import type { PageUpload } from './page-uploads';

/** A page request: the signed-in person (if any), the form token their forms must carry, and the files a form brought. */
export type WebRequest = Request & { webCaller?: SessionCaller | null; csrfToken?: string; upload?: PageUpload };

/** Thrown by page handlers to send the visitor somewhere else (e.g. the sign-in page). */
export class WebRedirect extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}
