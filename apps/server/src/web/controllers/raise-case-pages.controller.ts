import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CalculatorAnswer, Clock, ListOrganisationsUseCase, RaiseCaseUseCase, undertakingOf, WorkflowRegistry } from '@compact/application';
import { toLondonDate } from '@compact/calendar';
import { citableUndertakings, CompactSide, DomainError, ErrorCode, FieldError, Organisation, sideOfKind } from '@compact/domain';
import { escapeHtml } from '@compact/mail';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';
import { RaiseCaseRequestDto } from '../../cases/raise-case.request.dto';
import { Public } from '../../http/public.decorator';
import { answerOrNull, calculatorQuestionOf, questionFields, questionOf } from '../calculator-question';
import { boxesOfDate, DateBoxes } from '../date-input';
import { documentRefusalText } from '../document-words';
import { FormError, renderPage } from '../page';
import { DOCUMENTS_FIELD, TakesDocuments, uploadOf } from '../page-uploads';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRedirect, WebRequest } from '../web-request';
import { SignedIn, WebGuard } from '../web.guard';

const LABELS: Record<string, [string, string]> = {
  respondentOrganisationId: ['Organisation the case is against', '#respondentOrganisationId'],
  kind: ['Kind of case', '#kind'],
  title: ['Title', '#title'],
  summary: ['What happened', '#summary'],
  desiredOutcome: ['Outcome you want', '#desiredOutcome'],
  becameAwareOn: ['Date you became aware of the matter', '#becameAwareOn-day'],
  decisionDate: ['Date of the decision', '#decisionDate-day'],
  undertakings: ['Undertakings', '#undertakings'],
  calculator: ['The calculator result', '#calculator'],
  [DOCUMENTS_FIELD]: ['Documents', `#${DOCUMENTS_FIELD}`],
};

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
/** Three boxes as one date, YYYY-MM-DD (validated as a real date later); undefined when all are empty. */
const dateOf = (day: string, month: string, year: string): string | undefined =>
  day || month || year ? `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` : undefined;

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
    private readonly registry: WorkflowRegistry,
    private readonly clock: Clock,
  ) {}

  /** `about` and its dates (from a calculator's "Raise a case about this") travel through both steps. */
  @Get()
  async form(@Req() req: WebRequest, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const respondentId = query.respondent;
    const { candidates, ownSide } = await this.organisationsOf(req);
    const calculator = answerOrNull(this.registry.compact, calculatorQuestionOf(query));
    const respondent = candidates.find((o) => o.id === respondentId);
    if (!respondent) {
      return renderPage(req, res, 'cases/choose-respondent', {
        title: 'Raise a case',
        section: 'new',
        items: candidates.map((o) => ({ value: o.id, text: o.name, hint: { text: o.kind === 'vcs' ? 'Voluntary or community organisation' : 'Public body or agency' } })),
        error: respondentId !== undefined ? 'Choose the organisation the case is against' : null,
        calculator: calculator ? { explanation: calculator.explanation, fields: questionFields(questionOf(calculator)) } : null,
      });
    }
    const kind = ownSide === sideOfKind(respondent.kind) ? 'disagreement' : 'breach';
    const filled = this.filledIn(calculator);
    this.renderForm(req, res, respondent, ownSide, { kind, ...filled.values }, calculator, filled.said);
  }

  /**
   * What a calculator's result fills in, and the words saying so: its undertaking ticked, and its
   * first date (the date you were told, the opening) as the date of becoming aware, unless it is still to come.
   */
  private filledIn(calculator: CalculatorAnswer | null): { values: { undertakings: string[] } & Partial<DateBoxes>; said: string[] } {
    if (!calculator) return { values: { undertakings: [] }, said: [] };
    const id = undertakingOf(calculator.tool);
    const said: string[] = [];
    const values: { undertakings: string[] } & Partial<DateBoxes> = { undertakings: [] };
    if (this.registry.compact.find(id)) {
      values.undertakings.push(id);
      said.push(`undertaking ${id} is ticked`);
    }
    const [first, what] = calculator.tool === 'notice' ? [calculator.given, 'the date you were told'] : [calculator.opens, 'the date the consultation opened'];
    if (first <= toLondonDate(this.clock.now())) {
      Object.assign(values, boxesOfDate(first));
      said.push(`the date you became aware is ${what}`);
    }
    return { values, said };
  }

  /** The files come with the form (multipart) and are stored with the case, or, when anything is refused, not at all. */
  @Post()
  @TakesDocuments()
  async submit(@Req() req: WebRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const { candidates, ownSide } = await this.organisationsOf(req);
    const respondent = candidates.find((o) => o.id === str(body.respondentOrganisationId));
    if (!respondent) throw new WebRedirect('/cases/new');
    const [day, month, year] = ['day', 'month', 'year'].map((p) => str(body[`becameAwareOn-${p}`]));
    const [decisionDay, decisionMonth, decisionYear] = ['day', 'month', 'year'].map((p) => str(body[`decisionDate-${p}`]));
    const undertakings = ([] as unknown[]).concat(body.undertakings ?? []).map(str).filter(Boolean);
    const values = {
      kind: str(body.kind),
      title: str(body.title),
      summary: str(body.summary),
      desiredOutcome: str(body.desiredOutcome),
      day,
      month,
      year,
      decisionDay,
      decisionMonth,
      decisionYear,
      undertakings,
    };
    const input = {
      respondentOrganisationId: respondent.id,
      kind: values.kind,
      title: values.title,
      summary: values.summary,
      desiredOutcome: values.desiredOutcome || undefined,
      becameAwareOn: dateOf(day, month, year) ?? '',
      decisionDate: dateOf(decisionDay, decisionMonth, decisionYear),
      undertakings,
    };
    const dto = plainToInstance(RaiseCaseRequestDto, input);
    // Only the calculator's dates are taken from the form: the use case works its result out again.
    const question = calculatorQuestionOf(body);
    const problems = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    let errors: FieldError[] = problems.flatMap((p) => Object.values(p.constraints ?? {}).slice(0, 1).map((message) => ({ field: p.property, message })));
    const upload = uploadOf(req);
    if (upload.refusal) errors.push({ field: DOCUMENTS_FIELD, message: upload.refusal.message });
    if (errors.length === 0) {
      try {
        const created = await this.raiseCase.execute(req.webCaller!, { ...dto, calculator: question }, upload.files);
        return res.redirect(303, `/cases/${created.id}?done=raised`);
      } catch (error) {
        const refused = documentRefusalText(error);
        if (refused !== null) errors = [{ field: DOCUMENTS_FIELD, message: refused }];
        else if (!(error instanceof DomainError) || error.code !== ErrorCode.VALIDATION_FAILED) throw error;
        else errors = error.details.errors ?? [];
      }
    }
    const chose = upload.files.length > 0 || upload.refusal !== null;
    const shown = chose ? { ...values, documentsNote: 'The files you chose were not saved: choose them again.' } : values;
    this.renderForm(req, res, respondent, ownSide, shown, answerOrNull(this.registry.compact, question), [], errors, 400);
  }

  /** The organisations a party may raise a case against, and the side of the party's own. */
  private async organisationsOf(req: WebRequest): Promise<{ candidates: Organisation[]; ownSide: CompactSide | null }> {
    const own = req.webCaller!.user.organisationId;
    if (req.webCaller!.user.role !== 'party') throw new DomainError(ErrorCode.FORBIDDEN, 'Only parties raise cases');
    const all = await this.organisations.execute();
    const mine = all.find((o) => o.id === own);
    return { candidates: all.filter((o) => o.kind !== 'mediator' && o.id !== own), ownSide: mine ? sideOfKind(mine.kind) : null };
  }

  private renderForm(
    req: WebRequest,
    res: Response,
    respondent: Organisation,
    claimantSide: CompactSide | null,
    values: Record<string, unknown> & { undertakings: string[] },
    calculator: CalculatorAnswer | null,
    filled: string[] = [],
    fieldErrors: FieldError[] = [],
    status = 200,
  ): void {
    const side = sideOfKind(respondent.kind)!;
    const compact = this.registry.compact;
    // The same rule as the API's (citation-policy): a breach offers what binds the respondent's
    // side; a disagreement may also cite the rest, offered apart below.
    const forBreach = new Set(citableUndertakings(compact, 'breach', side).map((u) => u.id));
    const forDisagreement = citableUndertakings(compact, 'disagreement', side);
    const bySection = (ids: (id: string) => boolean) =>
      compact.catalog.sections
        .map((s) => ({
          number: s.number,
          title: s.title,
          items: forDisagreement
            .filter((u) => u.section === s.number && ids(u.id))
            .map((u) => ({ value: u.id, html: `<strong>${u.id}</strong> ${escapeHtml(u.text)}`, checked: values.undertakings.includes(u.id) })),
        }))
        .filter((s) => s.items.length > 0);
    const sections = claimantSide === side ? [] : bySection((id) => forBreach.has(id));
    const otherSections = bySection((id) => !forBreach.has(id) || claimantSide === side);
    const byField: Record<string, string> = {};
    const summary: FormError[] = [];
    for (const e of fieldErrors) {
      const key = e.field.replace(/\[\d+\]$/, '').replace(/\..*$/, '');
      const [label, fixed] = LABELS[key] ?? [key, '#main-content'];
      // The undertakings link goes to the first checkbox offered (the error summary focuses a field).
      const href = key === 'undertakings' && sections.length > 0 ? `#undertakings-${sections[0].number}` : fixed;
      // The API's wording asks for YYYY-MM-DD; a person typed day, month and year in three boxes.
      const message = e.message.replace('must be a date written YYYY-MM-DD', 'must be a real date');
      const dateMissing = key === 'becameAwareOn' && !values.day && !values.month && !values.year;
      const text = dateMissing
        ? 'Enter the date you became aware of the matter'
        : key === DOCUMENTS_FIELD
          ? message
          : message.startsWith(key)
          ? `${label}${message.slice(key.length)}`
          : `${label}: ${message}`;
      byField[key] ??= text;
      summary.push({ text, href });
    }
    renderPage(
      req,
      res,
      'cases/new',
      {
        title: 'Raise a case',
        section: 'new',
        respondent,
        sideText: side === 'vcs' ? 'the voluntary and community sector' : 'public bodies and agencies',
        otherSideText: side === 'vcs' ? 'public bodies and agencies' : 'the voluntary and community sector',
        sameSide: claimantSide === side,
        compactName: compact.catalog.name,
        otherSections,
        values,
        sections,
        byField,
        errors: summary,
        calculator: calculator ? { explanation: calculator.explanation, fields: questionFields(questionOf(calculator)), filled: filled.join(' and ') } : null,
      },
      status,
    );
  }
}
