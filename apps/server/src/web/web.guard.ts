import { timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig, AuthenticateSessionUseCase } from '@compact/application';
import { DomainError, ErrorCode } from '@compact/domain';
import type { Response } from 'express';
import { anonymousCsrfToken, SESSION_COOKIE } from './web-cookies';
import { WebRedirect, WebRequest } from './web-request';

const SIGNED_IN = 'compact:web-signed-in';
/** The page needs a signed-in person; others are sent to the sign-in page. */
export const SignedIn = () => SetMetadata(SIGNED_IN, true);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * For every page: loads the session from its cookie, gives the request its form token, refuses a
 * POST whose `_csrf` field does not match it, and sends visitors who must sign in to /sign-in.
 */
@Injectable()
export class WebGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: AuthenticateSessionUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WebRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const cookie = req.cookies?.[SESSION_COOKIE];
    req.webCaller = await this.sessions.execute(typeof cookie === 'string' ? cookie : undefined);
    req.csrfToken = req.webCaller ? req.webCaller.csrfToken : anonymousCsrfToken(req, res, this.config.publicUrl);
    if (req.method === 'POST') {
      const sent = typeof req.body?._csrf === 'string' ? req.body._csrf : '';
      if (!same(sent, req.csrfToken)) {
        throw new DomainError(ErrorCode.FORBIDDEN, 'The form has expired or did not come from this service. Go back, reload the page and try again.');
      }
    }
    const needsSignIn = this.reflector.getAllAndOverride<boolean>(SIGNED_IN, [context.getHandler(), context.getClass()]);
    if (needsSignIn && !req.webCaller) throw new WebRedirect(`/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    return true;
  }
}
