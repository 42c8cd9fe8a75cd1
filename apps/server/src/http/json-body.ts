import { DomainError, ErrorCode } from '@compact/domain';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';
import { BODY_LIMIT_KB } from './body-errors';
import { bodyShapeProblem } from './body-shape';

const DEFERRED = Symbol('unusable request body');

/** The one API route that takes multipart bodies (below /api). */
const MULTIPART_PATH = /^\/v1\/cases\/[^/]+\/documents\/?$/;
type WithDeferred = Request & { [DEFERRED]?: unknown };

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** Why the request's body cannot be used, if it cannot (thrown by RequestBodyGuard after authentication and roles). */
export function deferredBodyError(req: Request): unknown {
  return (req as WithDeferred)[DEFERRED];
}

function defer(req: Request, error: unknown): void {
  (req as WithDeferred)[DEFERRED] = error;
}

/**
 * JSON bodies for the API: at most 100 kB, objects or arrays only (strict), UTF-8, nested at most
 * 32 deep, every string storable text. A body of another media type is 415. A body that cannot be
 * used is not answered here: the refusal waits until the caller is authenticated and their role
 * checked (401 and 403 come first, whatever was sent), and is thrown then by RequestBodyGuard.
 */
export function apiJsonBody(): RequestHandler[] {
  const parse = express.json({ limit: `${BODY_LIMIT_KB}kb`, strict: true });
  return [
    (req: Request, res: Response, next: NextFunction) => {
      // Documents are uploaded as multipart/form-data, read by DocumentUploadInterceptor after the guards.
      if (req.method === 'POST' && MULTIPART_PATH.test(req.path) && req.is('multipart/form-data')) return next();
      if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody(req) && !req.is('application/json')) {
        defer(req, new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The API accepts application/json bodies only'));
        return next();
      }
      parse(req, res, (error?: unknown) => {
        if (error) defer(req, error);
        else if (req.body !== undefined) {
          const problem = bodyShapeProblem(req.body);
          if (problem) defer(req, DomainError.validation([problem]));
        }
        next();
      });
    },
  ];
}
