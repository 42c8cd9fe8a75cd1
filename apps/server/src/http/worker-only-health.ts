import { ErrorCode } from '@compact/domain';
import type { NextFunction, Request, Response } from 'express';
import { problem } from './problem-details';
import { sendProblem } from './problem-details.filter';

/**
 * ROLE=worker: the instance fires deadlines and sends mail, and answers only `/health` (for the
 * orchestrator); every other address is 404, saying where the service is served.
 */
export function workerOnlyHealth() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path === '/health') return next();
    sendProblem(
      res,
      problem(ErrorCode.NOT_FOUND, 'This instance runs deadlines and mail only (ROLE=worker); the service is served by the instances with ROLE=all or api', req.originalUrl),
    );
  };
}
