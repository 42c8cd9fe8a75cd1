import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig, AuthenticateSessionUseCase, CountUploadUseCase } from '@compact/application';
import type { Response } from 'express';
import { formExpired, formTokenMatches } from './form-token';
import { PageUploadReader, TAKES_DOCUMENTS } from './page-uploads';
import { anonymousCsrfToken, SESSION_COOKIE } from './web-cookies';
import { WebRedirect, WebRequest } from './web-request';

const SIGNED_IN = 'compact:web-signed-in';
/** The page needs a signed-in person; others are sent to the sign-in page. */
export const SignedIn = () => SetMetadata(SIGNED_IN, true);

/**
 * For every page: loads the session from its cookie, gives the request its form token, refuses a
 * POST whose `_csrf` field does not match it, and sends visitors who must sign in to /sign-in.
 * A form with files (multipart, on a page marked TakesDocuments) is read here, once the person is
 * known to be signed in, and no file of it is written before its token has matched.
 */
@Injectable()
export class WebGuard implements CanActivate {
  private readonly uploads: PageUploadReader;

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: AuthenticateSessionUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    countUpload: CountUploadUseCase,
  ) {
    this.uploads = new PageUploadReader(config.documentLimits, countUpload);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WebRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const cookie = req.cookies?.[SESSION_COOKIE];
    req.webCaller = await this.sessions.execute(typeof cookie === 'string' ? cookie : undefined);
    req.csrfToken = req.webCaller ? req.webCaller.csrfToken : anonymousCsrfToken(req, res, this.config.publicUrl);
    const needsSignIn = this.flag(context, SIGNED_IN);
    const signInFirst = () => new WebRedirect(`/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    if (req.method === 'POST') {
      if (req.is('multipart/form-data') && this.flag(context, TAKES_DOCUMENTS)) {
        if (needsSignIn && !req.webCaller) throw signInFirst();
        await this.uploads.read(req, res);
      }
      if (!formTokenMatches(req.body, req.csrfToken)) throw formExpired();
    }
    if (needsSignIn && !req.webCaller) throw signInFirst();
    return true;
  }

  private flag(context: ExecutionContext, key: string): boolean {
    return this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]) === true;
  }
}
