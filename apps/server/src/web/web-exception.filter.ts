import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@compact/domain';
import type { Response } from 'express';
import { renderPage } from './page';
import { WebRedirect, WebRequest } from './web-request';

/** Renders the error page for a page request (never JSON to a person). */
export function renderErrorPage(res: Response, req: WebRequest, status: number, message: string): void {
  renderPage(req, res, 'error', { status, message }, status);
}

/**
 * Pages answer with pages: a redirect where one is due, the sign-in page for visitors who must sign
 * in, a 404 for what the person may not open (never a hint of its content), and a plain error page.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<WebRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof WebRedirect) return res.redirect(303, exception.location);
    if (exception instanceof DomainError) {
      switch (exception.code) {
        case ErrorCode.UNAUTHENTICATED:
          return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
        case ErrorCode.NOT_FOUND:
          return renderErrorPage(res, req, 404, 'Page not found');
        case ErrorCode.FORBIDDEN:
          // A CSRF failure says so; any other refusal looks exactly like a missing page.
          return req.method === 'POST' && /form has expired/.test(exception.message)
            ? renderErrorPage(res, req, 403, exception.message)
            : renderErrorPage(res, req, 404, 'Page not found');
        case ErrorCode.TOO_MANY_REQUESTS:
          return renderErrorPage(res, req, 429, exception.message);
        default:
          return renderErrorPage(res, req, 400, exception.message);
      }
    }
    if (exception instanceof HttpException && exception.getStatus() === 404) return renderErrorPage(res, req, 404, 'Page not found');
    // Refusals made before any page ran (an unreadable form, too many requests): their own status and words.
    if (exception instanceof HttpException && exception.getStatus() >= 400 && exception.getStatus() < 500) {
      return renderErrorPage(res, req, exception.getStatus(), exception.message);
    }
    this.logger.error(`${req.method} ${req.originalUrl}: ${(exception as Error)?.stack ?? String(exception)}`);
    renderErrorPage(res, req, 500, 'Sorry, there is a problem with the service. Nothing was saved; try again later.');
  }
}
