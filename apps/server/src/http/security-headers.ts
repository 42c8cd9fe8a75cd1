import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet, { HelmetOptions } from 'helmet';
import { isApiDocsPath, isApiPath } from './api-path';

type Directives = Record<string, Array<string | ((req: IncomingMessage, res: ServerResponse) => string)>>;

const nonceOf = (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as Response).locals.cspNonce}'`;

/** Pages: our own scripts and styles only, each inline script by its per-request nonce. */
const PAGE_CSP: Directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", nonceOf],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

/** The Swagger UI: its scripts are files, but it styles elements inline and draws icons from data: URLs. */
const DOCS_CSP: Directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

/** JSON is never a document: nothing may load from it, and nobody may frame it. */
const API_CSP: Directives = { defaultSrc: ["'none'"], frameAncestors: ["'none'"] };

function withPolicy(directives: Directives, hsts: boolean) {
  const options: HelmetOptions = {
    contentSecurityPolicy: { useDefaults: false, directives },
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    // Only a service reached over HTTPS asks browsers to keep to HTTPS.
    strictTransportSecurity: hsts ? { maxAge: 31_536_000 } : false,
  };
  return helmet(options);
}

/**
 * Security headers for every response, set by helmet before anything else runs (so the body
 * parsers' early refusals carry them too): nosniff, no framing, same-origin referrers, and a
 * Content-Security-Policy for what the response is: a page (with a fresh script nonce per request),
 * the Swagger UI, or the API.
 */
export function securityHeaders(publicUrl: string): RequestHandler {
  const hsts = publicUrl.startsWith('https://');
  const page = withPolicy(PAGE_CSP, hsts);
  const docs = withPolicy(DOCS_CSP, hsts);
  const api = withPolicy(API_CSP, hsts);
  return (req: Request, res: Response, next: NextFunction) => {
    if (isApiDocsPath(req.path)) return docs(req, res, next);
    if (isApiPath(req.path)) return api(req, res, next);
    res.locals.cspNonce = randomBytes(16).toString('base64');
    return page(req, res, next);
  };
}
