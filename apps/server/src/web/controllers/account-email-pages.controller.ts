import { Body, Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { digestHourInWords, GetMailPreferenceUseCase, SetMailPreferenceUseCase } from '@compact/application';
import { formatLongDate, toLondonDate } from '@compact/calendar';
import { FieldError } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { FormWording, validateForm } from '../form-validation';
import { MailPreferenceFormDto } from '../mail-preference.form.dto';
import { renderPage } from '../page';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { SignedIn, WebGuard } from '../web.guard';

const EMAIL_FORM: FormWording<MailPreferenceFormDto> = {
  frequency: { id: 'frequency', message: 'Select how you want to get email about your cases' },
};

/** "Your email": any signed-in person chooses every email as it happens, or one summary a day. */
@ApiExcludeController()
@Public()
@SignedIn()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('account')
export class AccountEmailPagesController {
  constructor(
    private readonly preference: GetMailPreferenceUseCase,
    private readonly choose: SetMailPreferenceUseCase,
  ) {}

  @Get('email')
  async page(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.show(req, res, null, [], req.query.saved === '1');
  }

  @Post('email')
  async save(@Req() req: WebRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const frequency = typeof body.frequency === 'string' ? body.frequency : '';
    const form = await validateForm(MailPreferenceFormDto, { frequency }, EMAIL_FORM);
    if (!form.valid) return this.show(req, res, frequency, form.errors, false, 400);
    await this.choose.execute(req.webCaller!, form.value.frequency);
    res.redirect(303, '/account/email?saved=1');
  }

  private async show(req: WebRequest, res: Response, typed: string | null, fieldErrors: FieldError[], saved: boolean, status = 200): Promise<void> {
    const current = await this.preference.execute(req.webCaller!);
    const hour = digestHourInWords(current.digestHour);
    const emails = current.held === 1 ? '1 email is' : `${current.held} emails are`;
    const waiting =
      current.held === 0
        ? null
        : current.frequency === 'daily' && current.nextDigestAt
          ? `${emails} waiting for your next summary, at ${hour} on ${formatLongDate(toLondonDate(current.nextDigestAt))}.`
          : `${emails} waiting from your daily summary: they are being sent to you now, in one email.`;
    const done = current.frequency === 'daily' ? `You will get one summary email a day, at ${hour}.` : 'You will get every email as it happens.';
    renderPage(
      req,
      res,
      'account/email',
      {
        title: 'Your email',
        section: 'email',
        email: req.webCaller!.user.email,
        hour,
        frequency: typed ?? current.frequency,
        waiting,
        fieldErrors: Object.fromEntries(fieldErrors.map((e) => [e.field, e.message])),
        errors: fieldErrors.map((e) => ({ text: e.message, href: `#${e.field}` })),
        banner: saved ? { type: 'success', title: 'Success', text: `Your choice was saved. ${done}` } : null,
      },
      status,
    );
  }
}
