import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { WebExceptionFilter } from '../web/web-exception.filter';
import { isApiPath } from './api-path';
import { Problem, toProblem } from './problem-details';

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Every error leaves as application/problem+json; unexpected ones are logged and are 500, never 400. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly pages: WebExceptionFilter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    // Addresses outside the API and /health (in any case of letters) are pages: a person gets a page, not JSON.
    if (!isApiPath(req.path)) return this.pages.catch(exception, host);
    const { problem, internal } = toProblem(exception, req.originalUrl);
    if (internal) this.logger.error(`${req.method} ${req.originalUrl}: ${(exception as Error)?.stack ?? String(exception)}`);
    // Busy (a statement timed out, nothing saved): worth trying again shortly.
    if (problem.status === 503) http.getResponse<Response>().header('Retry-After', '1');
    // Refused for a while (too many uploads): when to try again.
    if (typeof problem.retryAfterSeconds === 'number') http.getResponse<Response>().header('Retry-After', String(problem.retryAfterSeconds));
    sendProblem(http.getResponse<Response>(), problem);
  }
}
