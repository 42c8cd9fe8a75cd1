import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CalculatorAnswer, CheckConsultationUseCase, CheckNoticeUseCase, undertakingOf } from '@compact/application';
import { CALCULATOR_DATES, formatLongDate, isCalculatorDateInRange } from '@compact/calendar';
import { CompactIndex, DomainError, ErrorCode } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { questionOf, raiseHref } from '../calculator-question';
import { CalculatorPage, CONSULTATION_PAGE, NOTICE_PAGE, resultView } from '../calculator.presenter';
import { DateBoxes, DatePart, dateBoxesOf, hasDateBoxes, readDate } from '../date-input';
import { FormError, renderPage } from '../page';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { WebGuard } from '../web.guard';

/** The calculators' range, in the page's words: "1 January 1900 and 31 December 9998". */
const withoutWeekday = (date: string) => formatLongDate(date).replace(/^\S+ /, '');
const OUT_OF_RANGE = `${withoutWeekday(CALCULATOR_DATES.first)} and ${withoutWeekday(CALCULATOR_DATES.last)}`;

/**
 * The Compact's calculators as pages: public, a GET form with three boxes per date (they work
 * without JavaScript), the GOV.UK error summary for dates it cannot use, and the result on the
 * same page with "Raise a case about this".
 */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('tools')
export class ToolsPagesController {
  constructor(
    private readonly compact: CompactIndex,
    private readonly notice: CheckNoticeUseCase,
    private readonly consultation: CheckConsultationUseCase,
  ) {}

  @Get()
  index(@Req() req: WebRequest, @Res() res: Response): void {
    renderPage(req, res, 'tools/index', {
      title: 'The Compact’s calculators',
      section: 'tools',
      notice: NOTICE_PAGE,
      consultation: CONSULTATION_PAGE,
      noticeUndertaking: undertakingOf('notice'),
      consultationUndertaking: undertakingOf('consultation'),
    });
  }

  @Get('notice')
  noticePage(@Req() req: WebRequest, @Res() res: Response, @Query() query: Record<string, unknown>): void {
    this.show(req, res, NOTICE_PAGE, query, ([given, ends]) => this.notice.execute(given, ends));
  }

  @Get('consultation')
  consultationPage(@Req() req: WebRequest, @Res() res: Response, @Query() query: Record<string, unknown>): void {
    this.show(req, res, CONSULTATION_PAGE, query, ([opens, closes]) => this.consultation.execute(opens, closes));
  }

  private show(req: WebRequest, res: Response, page: CalculatorPage, query: Record<string, unknown>, check: (dates: string[]) => CalculatorAnswer): void {
    const sent = page.dates.some((d) => hasDateBoxes(query, d.name));
    const readings = page.dates.map((d) => readDate(dateBoxesOf(query, d.name), d.wording));
    const byField: Record<string, string> = {};
    const marked: Record<string, DatePart[]> = {};
    const errors: FormError[] = [];
    const refuse = (name: string, message: string, parts: DatePart[]) => {
      byField[name] = message;
      marked[name] = parts;
      errors.push({ text: message, href: `#${name}-${parts[0]}` });
    };
    let result: CalculatorAnswer | null = null;
    if (sent) {
      readings.forEach((r, i) => {
        if (r.date === null) refuse(page.dates[i].name, r.message, r.parts);
        else if (!isCalculatorDateInRange(r.date)) refuse(page.dates[i].name, `${page.dates[i].wording.subject} must be between ${OUT_OF_RANGE}`, ['year']);
      });
      if (errors.length === 0) {
        try {
          result = check(readings.map((r) => r.date!));
        } catch (error) {
          if (!(error instanceof DomainError) || error.code !== ErrorCode.VALIDATION_FAILED) throw error;
          // Both dates are real dates, so the calculator can only refuse their order.
          refuse(page.dates[1].name, page.wrongOrder, ['day', 'month', 'year']);
        }
      }
    }
    const question = result ? questionOf(result) : null;
    const role = req.webCaller?.user.role;
    renderPage(
      req,
      res,
      'tools/calculator',
      {
        title: page.title,
        section: 'tools',
        page,
        questions: page.dates.map((d, i) => ({ ...d, error: byField[d.name], items: dateItems(readings[i].boxes, marked[d.name] ?? []) })),
        errors,
        undertaking: this.compact.find(undertakingOf(page.tool)) ?? null,
        result: result ? resultView(result) : null,
        // Parties raise cases; a visitor is asked to sign in first. Others (board, administrators, mediators) do not raise cases.
        raiseHref: question && (!role || role === 'party') ? raiseHref(question) : null,
      },
      errors.length > 0 ? 400 : 200,
    );
  }
}

const WIDTHS: Record<DatePart, string> = { day: 'govuk-input--width-2', month: 'govuk-input--width-2', year: 'govuk-input--width-4' };

/** The three boxes of a govukDateInput, as typed, the ones with the problem marked. */
function dateItems(boxes: DateBoxes, marked: DatePart[]) {
  return (['day', 'month', 'year'] as DatePart[]).map((part) => ({
    name: part,
    label: part.charAt(0).toUpperCase() + part.slice(1),
    classes: WIDTHS[part] + (marked.includes(part) ? ' govuk-input--error' : ''),
    value: boxes[part],
  }));
}
