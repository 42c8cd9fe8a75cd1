import { ErrorCode } from '@compact/domain';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { problem } from '../http/problem-details';
import { sendProblem } from '../http/problem-details.filter';

/** A path as it may be logged: ids kept, any long opaque segment (a link's token) replaced. */
function loggablePath(path: string): string {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return path
    .split('/')
    .map((segment) => (uuid.test(segment) || /^[A-Za-z0-9._-]{0,24}$/.test(segment) ? segment : ':value'))
    .join('/');
}

/**
 * Where this instance is in a graceful shutdown, and the requests it is still answering. Shared by
 * the HTTP gate (below), /health and the shutdown itself (see graceful-shutdown.ts).
 */
export class DrainState {
  /** From SIGTERM on: /health answers 503 and every response closes its connection. */
  draining = false;
  /** From when the listener closed: a request that still arrives (on a connection already open) is answered 503. */
  refusing = false;
  private readonly inFlight = new Map<Response, { what: string; since: number }>();

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** The requests not yet answered, e.g. `POST /api/v1/cases/<id>/events (running 1200 ms)`, for the log of a shutdown cut short. */
  describeInFlight(now = Date.now()): string[] {
    return [...this.inFlight.values()].map((r) => `${r.what} (running ${now - r.since} ms)`);
  }

  /** The first middleware: counts requests in flight; once refusing, answers new ones 503 with Retry-After. */
  gate(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (this.draining) res.setHeader('Connection', 'close');
      if (this.refusing) {
        res.setHeader('Retry-After', '1');
        sendProblem(res, problem(ErrorCode.SERVICE_UNAVAILABLE, 'This instance is shutting down: send the request again (to another instance)', req.originalUrl.split('?')[0], { state: 'draining' }));
        return;
      }
      this.inFlight.set(res, { what: `${req.method} ${loggablePath(req.path)}`, since: Date.now() });
      res.once('close', () => this.inFlight.delete(res));
      next();
    };
  }
}
