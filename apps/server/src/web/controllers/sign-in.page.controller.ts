import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  APP_CONFIG,
  AppConfig,
  RequestSignInLinkUseCase,
  SignInWithLinkUseCase,
  SignOutUseCase,
} from '@compact/application';
import { DomainError } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { FormWording, validateForm } from '../form-validation';
import { renderPage } from '../page';
import { SignInFormDto } from '../sign-in.form.dto';
import { cookieOptions, SESSION_COOKIE } from '../web-cookies';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { WebGuard } from '../web.guard';

const SIGN_IN_FORM: FormWording<SignInFormDto> = {
  email: { id: 'email', message: (typed) => (typed ? 'Enter an email address in the correct format, like name@example.org' : 'Enter your email address') },
};

/** Only a path on this site (no scheme, no //host) may be a place to return to. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/cases';
}

@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller()
export class SignInPageController {
  constructor(
    private readonly requestLink: RequestSignInLinkUseCase,
    private readonly signIn: SignInWithLinkUseCase,
    private readonly signOut: SignOutUseCase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('sign-in')
  form(@Req() req: WebRequest, @Res() res: Response, @Query('next') next?: string): void {
    if (req.webCaller) return res.redirect(303, safeNext(next));
    renderPage(req, res, 'sign-in', { title: 'Sign in', next: safeNext(next), values: {}, fieldErrors: {} });
  }

  @Post('sign-in')
  async send(@Req() req: WebRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const form = await validateForm(SignInFormDto, { email }, SIGN_IN_FORM);
    if (!form.valid) {
      const fieldErrors = Object.fromEntries(form.errors.map((e) => [e.field, e.message]));
      const errors = form.errors.map((e) => ({ text: e.message, href: `#${e.field}` }));
      return renderPage(req, res, 'sign-in', { title: 'Sign in', next: safeNext(body.next), values: { email }, fieldErrors, errors }, 400);
    }
    // The emailed link leads back where the person was going (e.g. a calculator's "raise a case about this").
    await this.requestLink.execute(form.value.email, req.ip ?? 'unknown', safeNext(body.next));
    renderPage(req, res, 'sign-in-sent', { title: 'Check your email', email });
  }

  @Get('sign-in/:token')
  confirm(@Req() req: WebRequest, @Res() res: Response, @Param('token') token: string, @Query('next') next?: string): void {
    renderPage(req, res, 'sign-in-confirm', { title: 'Continue signing in', token: encodeURIComponent(token), next: safeNext(next) });
  }

  @Post('sign-in/:token')
  async use(@Req() req: WebRequest, @Res() res: Response, @Param('token') token: string, @Body() body: Record<string, unknown>) {
    try {
      const ticket = await this.signIn.execute(token);
      res.cookie(SESSION_COOKIE, ticket.token, cookieOptions(req, this.config.publicUrl, ticket.lifetimeMs));
      return res.redirect(303, safeNext(body.next));
    } catch (error) {
      if (error instanceof DomainError) return renderPage(req, res, 'sign-in-expired', { title: 'This sign-in link has expired' }, 410);
      throw error;
    }
  }

  @Post('sign-out')
  async out(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const cookie = req.cookies?.[SESSION_COOKIE];
    if (typeof cookie === 'string') await this.signOut.execute(cookie);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req, this.config.publicUrl));
    res.redirect(303, '/');
  }
}
