import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FEEDBACK_QUESTIONS, FeedbackLink, OpenFeedbackLinkUseCase, SubmitFeedbackUseCase, SubmitOutcome } from '@compact/application';
import { FEEDBACK_COMMENT_MAX_LENGTH } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { FeedbackFormDto } from '../feedback.form.dto';
import { FormWording, validateForm } from '../form-validation';
import { renderPage } from '../page';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { WebGuard } from '../web.guard';

const FEEDBACK_FORM: FormWording<FeedbackFormDto> = {
  fair: { id: 'fair', message: 'Select a number from 1 to 5 for whether you were treated fairly' },
  understood: { id: 'understood', message: 'Select a number from 1 to 5 for whether you understood what was happening' },
  timely: { id: 'timely', message: 'Select a number from 1 to 5 for whether it was dealt with in good time' },
  useAgain: { id: 'useAgain', message: 'Select yes if you would use this route again' },
  comment: { id: 'comment', message: `Your comment must be ${FEEDBACK_COMMENT_MAX_LENGTH} characters or fewer` },
};

/** What a link that cannot be answered shows: never which case it was about. */
const STATE_PAGES: Record<Exclude<SubmitOutcome, 'saved'>, { status: number; title: string; lines: string[] }> = {
  answered: { status: 200, title: 'You have already answered', lines: ['This link has been used: each link works once. Thank you for your answers.'] },
  expired: { status: 410, title: 'This link has expired', lines: ['Feedback links work for a limited time after a case ends, and this one has run out.'] },
  unknown: { status: 404, title: 'This link does not work', lines: ['Check that you copied the whole link from the email.'] },
};

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Feedback after a case (public: the one-use token in the link is the credential): the five
 * questions as GOV.UK radios and a text area, every error at once, one answer per link.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('feedback')
export class FeedbackPagesController {
  constructor(
    private readonly open: OpenFeedbackLinkUseCase,
    private readonly submit: SubmitFeedbackUseCase,
  ) {}

  @Get('thanks')
  thanks(@Req() req: WebRequest, @Res() res: Response): void {
    renderPage(req, res, 'feedback/thanks', { title: 'Thank you' });
  }

  @Get(':token')
  async form(@Req() req: WebRequest, @Res() res: Response, @Param('token') token: string): Promise<void> {
    this.private(res);
    const link = await this.open.execute(token, req.ip ?? 'unknown');
    if (link.state !== 'open') return this.state(req, res, link.state);
    this.show(req, res, token, link, {}, {});
  }

  @Post(':token')
  async answer(@Req() req: WebRequest, @Res() res: Response, @Param('token') token: string, @Body() body: Record<string, unknown>): Promise<void> {
    this.private(res);
    const values = { fair: text(body.fair), understood: text(body.understood), timely: text(body.timely), useAgain: text(body.useAgain), comment: text(body.comment) };
    const input = { ...values, comment: values.comment?.trim() ? values.comment : undefined };
    const form = await validateForm(FeedbackFormDto, input, FEEDBACK_FORM);
    if (!form.valid) {
      const link = await this.open.execute(token, req.ip ?? 'unknown');
      if (link.state !== 'open') return this.state(req, res, link.state);
      const fieldErrors = Object.fromEntries(form.errors.map((e) => [e.field, e.message]));
      const errors = form.errors.map((e) => ({ text: e.message, href: `#${e.field}` }));
      return this.show(req, res, token, link, values, fieldErrors, errors, 400);
    }
    const v = form.value;
    const outcome = await this.submit.execute(
      token,
      { fair: Number(v.fair), understood: Number(v.understood), timely: Number(v.timely), useAgain: v.useAgain === 'yes', comment: v.comment ?? null },
      req.ip ?? 'unknown',
    );
    if (outcome === 'saved') return res.redirect(303, '/feedback/thanks');
    this.state(req, res, outcome, outcome === 'answered' ? 409 : undefined);
  }

  /** The link is a credential: the page is neither cached nor sent on as a referrer. */
  private private(res: Response): void {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
  }

  private show(
    req: WebRequest,
    res: Response,
    token: string,
    link: Extract<FeedbackLink, { state: 'open' }>,
    values: Record<string, string | undefined>,
    fieldErrors: Record<string, string>,
    errors: Array<{ text: string; href: string }> = [],
    status = 200,
  ): void {
    renderPage(
      req,
      res,
      'feedback/form',
      { title: 'How did it go?', reference: link.reference, token: encodeURIComponent(token), questions: FEEDBACK_QUESTIONS, maxLength: FEEDBACK_COMMENT_MAX_LENGTH, values, fieldErrors, errors },
      status,
    );
  }

  private state(req: WebRequest, res: Response, state: Exclude<SubmitOutcome, 'saved'>, status?: number): void {
    const page = STATE_PAGES[state];
    renderPage(req, res, 'feedback/link-state', { title: page.title, lines: page.lines }, status ?? page.status);
  }
}
