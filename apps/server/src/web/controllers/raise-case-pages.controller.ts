import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AnyoneCanSignInUseCase, CalculatorAnswer, Clock, GetCaseUseCase, ListOrganisationsUseCase, RaiseCaseUseCase, undertakingOf, WorkflowRegistry } from '@compact/application';
import { toLondonDate } from '@compact/calendar';
import { DomainError, ErrorCode, FieldError, Organisation, sideOfKind } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { answerOrNull } from '../calculator-question';
import { boxesOfDate } from '../date-input';
import { documentRefusalText } from '../document-words';
import { FormError, renderPage } from '../page';
import { DOCUMENTS_FIELD, TakesDocuments, uploadOf } from '../page-uploads';
import { answersOf, dateOfBoxes, firstUnanswered, isRaiseStep, nextStep, previousStep, problemsOf, RaiseAnswers, RaiseSides, RaiseStep } from '../raise-answers';
import { firstUndertakingHref, RaiseContext, raiseCheckPage, raiseStepPage, whatHappensNext } from '../raise-journey.presenter';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { SignedIn, WebGuard } from '../web.guard';

/** Where an error the use case found at the last step links on the check answers page. */
const CHANGE_OF: Record<string, string> = {
  respondentOrganisationId: '#change-respondent',
  kind: '#change-kind',
  undertakings: '#change-undertakings',
  title: '#change-title',
  summary: '#change-summary',
  desiredOutcome: '#change-outcome',
  becameAwareOn: '#change-aware',
  decisionDate: '#change-decision',
};

/**
 * Raising a case, one question a page (GOV.UK's pattern): the respondent, breach or disagreement,
 * the undertakings, what happened, what you want to happen, when you became aware; then check your
 * answers (with the documents), then the confirmation. The answers travel as hidden fields of
 * each form (raise-answers.ts), so nothing is kept between pages and nothing needs JavaScript.
 */
@ApiExcludeController()
@Public()
@SignedIn()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('cases/new')
export class RaiseCasePagesController {
  constructor(
    private readonly raiseCase: RaiseCaseUseCase,
    private readonly organisations: ListOrganisationsUseCase,
    private readonly anyoneCanSignIn: AnyoneCanSignInUseCase,
    private readonly getCase: GetCaseUseCase,
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
  ) {}

  /** The first page; `respondent` (and a calculator's `about` and dates) may come with the link, as from "Raise a case about this". */
  @Get()
  async start(@Req() req: WebRequest, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const answers = answersOf(query);
    this.fillFromCalculator(answers);
    const ctx = await this.contextOf(req, answers);
    if (ctx.respondent && ctx.claimantSide === ctx.respondentSide) answers.kind = 'disagreement';
    if (!ctx.respondent) {
      const errors = query.respondent !== undefined ? problemsOf('respondent', answers, this.sides(ctx)) : [];
      return this.show(req, res, 'respondent', answers, ctx, { errors }, errors.length > 0 ? 400 : 200);
    }
    this.show(req, res, 'kind', answers, ctx, {});
  }

  /** A page's answer: Continue (checked, all its problems at once), Back, Search, or Change from check answers. */
  @Post('answers')
  async answer(@Req() req: WebRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const answers = answersOf(body);
    const ctx = await this.contextOf(req, answers);
    const sides = this.sides(ctx);
    const step: RaiseStep | 'check' = isRaiseStep(body.step) ? body.step : 'check';
    const go = typeof body.go === 'string' ? body.go : 'continue';
    const returning = body.returnTo === 'check';
    const change = /^change:(.+)$/.exec(go)?.[1];
    if (change !== undefined) return this.show(req, res, isRaiseStep(change) ? change : 'respondent', answers, ctx, { returning: true });
    if (step === 'check' || go === 'check') return this.showCheck(req, res, answers, ctx);
    if (go === 'back') return this.show(req, res, previousStep(step) ?? step, answers, ctx, {});
    if (step === 'undertakings' && (go === 'search' || go === 'all')) {
      const search = go === 'search' && typeof body.q === 'string' ? body.q.trim().slice(0, 100) : '';
      return this.show(req, res, step, answers, ctx, { returning, search });
    }
    const errors = this.problems(step, answers, ctx);
    if (errors.length > 0) return this.show(req, res, step, answers, ctx, { errors, returning }, 400);
    const next = nextStep(step, answers, sides, returning);
    if (next === 'check') return this.showCheck(req, res, answers, ctx);
    this.show(req, res, next, answers, ctx, { returning });
  }

  /** Raise the case: every answer checked again, and the files chosen on check answers stored with it (or, when anything is refused, not at all). */
  @Post()
  @TakesDocuments()
  async submit(@Req() req: WebRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const answers = answersOf(body);
    const ctx = await this.contextOf(req, answers);
    const upload = uploadOf(req);
    const chose = upload.files.length > 0 || upload.refusal !== null;
    const documentsNote = chose ? 'The files you chose were not saved: choose them again.' : undefined;
    const unanswered = firstUnanswered(answers, this.sides(ctx));
    if (unanswered) return this.show(req, res, unanswered, answers, ctx, { errors: this.problems(unanswered, answers, ctx), returning: true }, 400);
    if (upload.refusal) return this.showCheck(req, res, answers, ctx, [{ text: upload.refusal.message, href: `#${DOCUMENTS_FIELD}` }], documentsNote);
    const input = {
      respondentOrganisationId: ctx.respondent!.id,
      kind: answers.kind as 'breach' | 'disagreement',
      title: answers.title,
      summary: answers.summary,
      desiredOutcome: answers.desiredOutcome || undefined,
      becameAwareOn: dateOfBoxes(answers.aware)!,
      decisionDate: dateOfBoxes(answers.decision) ?? undefined,
      undertakings: answers.undertakings,
      calculator: answers.calculator,
    };
    try {
      const created = await this.raiseCase.execute(req.webCaller!, input, upload.files);
      return res.redirect(303, `/cases/new/raised/${created.id}`);
    } catch (error) {
      const refused = documentRefusalText(error);
      if (refused !== null) return this.showCheck(req, res, answers, ctx, [{ text: refused, href: `#${DOCUMENTS_FIELD}` }], documentsNote);
      if (!(error instanceof DomainError) || error.code !== ErrorCode.VALIDATION_FAILED) throw error;
      const errors = (error.details.errors ?? []).map((e: FieldError) => {
        const key = e.field.replace(/\[\d+\]$/, '');
        if (key.startsWith('calculator.')) return { text: `The calculator result: ${e.message}`, href: '#answers' };
        return { text: e.message.charAt(0).toUpperCase() + e.message.slice(1), href: CHANGE_OF[key] ?? '#answers' };
      });
      this.showCheck(req, res, answers, ctx, errors, documentsNote);
    }
  }

  /** The confirmation: the reference, and what happens next and by when, read from the new case's own deadlines. */
  @Get('raised/:id')
  async raised(@Req() req: WebRequest, @Res() res: Response, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    const c = await this.getCase.execute(req.webCaller!, id);
    const wf = this.registry.definition(c.workflow.name, c.workflow.version);
    const respondentName = c.parties.respondent.name;
    const reachable = await this.anyoneCanSignIn.execute(c.parties.respondent.id);
    const told = reachable
      ? `We have emailed ${respondentName} to tell them about the case.`
      : `Nobody at ${respondentName} can sign in to this service yet, so nobody there has been emailed. We have told an administrator by email, so that they can invite someone from ${respondentName}.`;
    renderPage(req, res, 'cases/raise/raised', { title: 'Case raised', section: 'cases', c, whatNext: whatHappensNext(c, wf), told, respondentName });
  }

  private problems(step: RaiseStep, answers: RaiseAnswers, ctx: RaiseContext): FormError[] {
    const errors = problemsOf(step, answers, this.sides(ctx));
    if (step !== 'undertakings') return errors;
    const href = firstUndertakingHref(answers, ctx);
    return errors.map((e) => ({ ...e, href }));
  }

  private show(
    req: WebRequest,
    res: Response,
    step: RaiseStep,
    answers: RaiseAnswers,
    ctx: RaiseContext,
    options: { errors?: FormError[]; returning?: boolean; search?: string },
    status = 200,
  ): void {
    const page = raiseStepPage(step, answers, ctx, options);
    renderPage(req, res, page.template, page.data, status);
  }

  private async showCheck(req: WebRequest, res: Response, answers: RaiseAnswers, ctx: RaiseContext, errors: FormError[] = [], documentsNote?: string): Promise<void> {
    const unanswered = firstUnanswered(answers, this.sides(ctx));
    if (unanswered) return this.show(req, res, unanswered, answers, ctx, { errors: this.problems(unanswered, answers, ctx), returning: true }, 400);
    const nobodyCanSignIn = !(await this.anyoneCanSignIn.execute(ctx.respondent!.id));
    const page = raiseCheckPage(answers, ctx, { errors, documentsNote, nobodyCanSignIn });
    renderPage(req, res, page.template, page.data, errors.length > 0 ? 400 : 200);
  }

  private sides(ctx: RaiseContext): RaiseSides {
    return { compact: ctx.compact, claimantSide: ctx.claimantSide, respondentSide: ctx.respondentSide, today: toLondonDate(this.clock.now()) };
  }

  /** The organisations a party may raise a case against, the chosen one, and the calculator the journey carries. */
  private async contextOf(req: WebRequest, answers: RaiseAnswers): Promise<RaiseContext> {
    const own = req.webCaller!.user.organisationId;
    if (req.webCaller!.user.role !== 'party') throw new DomainError(ErrorCode.FORBIDDEN, 'Only parties raise cases');
    const all = await this.organisations.execute();
    const mine = all.find((o) => o.id === own);
    const candidates = all.filter((o) => o.kind !== 'mediator' && o.id !== own);
    const respondent: Organisation | null = candidates.find((o) => o.id === answers.respondent) ?? null;
    const calculator = answerOrNull(this.registry.compact, answers.calculator);
    return {
      compact: this.registry.compact,
      candidates,
      claimantSide: mine ? sideOfKind(mine.kind) : null,
      respondent,
      respondentSide: respondent ? sideOfKind(respondent.kind) : null,
      calculator,
      filled: calculator ? this.filledBy(calculator, answers) : [],
    };
  }

  /** What the calculator's result filled in that is still as it filled it, in words. */
  private filledBy(calculator: CalculatorAnswer, answers: RaiseAnswers): string[] {
    const said: string[] = [];
    const id = undertakingOf(calculator.tool);
    if (answers.undertakings.includes(id)) said.push(`undertaking ${id} is ticked`);
    const [first, what] = calculator.tool === 'notice' ? [calculator.given, 'the date you were told'] : [calculator.opens, 'the date the consultation opened'];
    if (dateOfBoxes(answers.aware) === first) said.push(`the date you became aware is ${what}`);
    return said;
  }

  /**
   * What a calculator's result fills in when the journey starts: its undertaking ticked, and its
   * first date (the date you were told, the opening) as the date of becoming aware, unless it is still to come.
   */
  private fillFromCalculator(answers: RaiseAnswers): void {
    const calculator = answerOrNull(this.registry.compact, answers.calculator);
    if (!calculator) {
      answers.calculator = null;
      return;
    }
    const id = undertakingOf(calculator.tool);
    if (this.registry.compact.find(id)) answers.undertakings = [id];
    const first = calculator.tool === 'notice' ? calculator.given : calculator.opens;
    if (first <= toLondonDate(this.clock.now())) answers.aware = boxesOfDate(first);
  }
}
