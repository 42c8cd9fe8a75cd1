import type { SessionCaller } from '@compact/application';
import type { Request } from 'express';

/** A page request: the signed-in person (if any) and the form token their forms must carry. */
export type WebRequest = Request & { webCaller?: SessionCaller | null; csrfToken?: string };

/** Thrown by page handlers to send the visitor somewhere else (e.g. the sign-in page). */
export class WebRedirect extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}
