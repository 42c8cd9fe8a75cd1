import { DomainError, ErrorCode } from '@compact/domain';
import express, { NextFunction, Request, Response } from 'express';
import { sendProblem } from './problem-details.filter';
import { toProblem } from './problem-details';

export const BODY_LIMIT = '100kb';

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * JSON bodies for the API: at most 100 kB, objects or arrays only (strict), UTF-8. A body of
 * another media type is 415; any parse failure is answered here as a problem, before routing.
 */
export function apiJsonBody() {
  const parse = express.json({ limit: BODY_LIMIT, strict: true });
  return [
    (req: Request, _res: Response, next: NextFunction) => {
      if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody(req) && !req.is('application/json')) {
        next(new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The API accepts application/json bodies only'));
        return;
      }
      next();
    },
    parse,
    (error: unknown, req: Request, res: Response, next: NextFunction) => {
      if (!error) return next();
      sendProblem(res, toProblem(error, req.originalUrl).problem);
    },
  ];
}
