import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  BoardStatistics,
  CASE_FEEDBACK_LIMIT,
  caseRowsCsvChunks,
  ExportCaseHistoriesUseCase,
  ExportCaseRowsUseCase,
  GetBoardFeedbackUseCase,
  GetBoardStatisticsUseCase,
  GetRegisterUseCase,
  historiesCsvChunks,
  historiesJsonChunks,
  publishedCellText,
  RaisedRange,
  requireRole,
} from '@compact/application';
import { DomainError, ErrorCode } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { streamResponse } from '../../http/stream-response';
import { boardPageFigures } from '../board.presenter';
import { DatePart, dateBoxesOf, hasDateBoxes, readDate } from '../date-input';
import { FormError, renderPage } from '../page';
import { registerPageData } from '../register.presenter';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { SignedIn, WebGuard } from '../web.guard';

@ApiExcludeController()
@Public()
@SignedIn()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('board')
export class BoardPagesController {
  constructor(
    private readonly statistics: GetBoardStatisticsUseCase,
    private readonly exportHistories: ExportCaseHistoriesUseCase,
    private readonly exportRows: ExportCaseRowsUseCase,
    private readonly feedback: GetBoardFeedbackUseCase,
    private readonly register: GetRegisterUseCase,
  ) {}

  @Get('feedback')
  async feedbackPage(@Req() req: WebRequest, @Res() res: Response, @Query('year') year?: unknown): Promise<void> {
    // Who may see it first: anyone else gets the page's 404 whatever the year says.
    requireRole(req.webCaller!, 'board', 'admin');
    if (year !== undefined && year !== '' && (typeof year !== 'string' || !/^\d{4}$/.test(year))) {
      throw DomainError.validation([{ field: 'year', message: 'must be a year, like 2026' }], 'Choose a year from the list, like 2026');
    }
    const chosen = typeof year === 'string' && year !== '' ? Number(year) : undefined;
    const all = await this.feedback.execute(req.webCaller!);
    const shown = chosen === undefined ? all : await this.feedback.execute(req.webCaller!, { year: chosen });
    const years = (all.tables.find((t) => t.name === 'feedback-by-year')?.rows ?? []).map((r) => Number(r.year));
    // A year chosen by its address with no feedback yet is still the one shown, and the list says so.
    if (chosen !== undefined && !years.includes(chosen)) years.push(chosen);
    years.sort((a, b) => a - b);
    renderPage(req, res, 'board-feedback', {
      title: 'Feedback after cases',
      section: 'board',
      year: chosen,
      years,
      // Each cell in the words every published table uses (publishedCellText).
      tables: shown.tables.map((t) => ({ ...t, cells: t.rows.map((row) => t.fields.map((f) => publishedCellText(t, row, f))) })),
      cases: shown.cases,
      more: shown.more,
      limit: CASE_FEEDBACK_LIMIT,
      roleLabels: { claimant: 'Claimant (party)', respondent: 'Respondent (party)', mediator: 'Mediator' },
    });
  }

  @Get()
  async board(@Req() req: WebRequest, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const dates = readRange(query);
    let s: BoardStatistics | null = null;
    if (dates.errors.length === 0) {
      try {
        s = await this.statistics.execute(req.webCaller!, dates.range);
      } catch (error) {
        // Both are real dates, so only their order can be refused.
        if (!(error instanceof DomainError) || error.code !== ErrorCode.VALIDATION_FAILED) throw error;
        dates.refuse('raisedTo', 'The end date must be the same as or after the start date', ['day', 'month', 'year']);
      }
    }
    // Refused dates: the figures over every case, under the form that says what to fix.
    s ??= await this.statistics.execute(req.webCaller!);
    renderPage(
      req,
      res,
      'board',
      {
        title: 'Governance board',
        section: 'board',
        s,
        f: boardPageFigures(s),
        dateQuestions: dates.questions,
        errors: dates.errors,
        filtered: dates.sent && dates.errors.length === 0 && Boolean(dates.range.raisedFrom || dates.range.raisedTo),
        registerPublic: this.register.isPublic,
      },
      dates.errors.length > 0 ? 400 : 200,
    );
  }

  /** The public register as it is (or would be) published, counted now: board and administrators, whether REGISTER is on or off. */
  @Get('register')
  async registerPreview(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    requireRole(req.webCaller!, 'board', 'admin');
    const figures = await this.register.execute();
    renderPage(req, res, 'register/board-preview', {
      title: 'Preview of the public register',
      section: 'board',
      ...registerPageData(figures, this.register.isPublic),
    });
  }

  @Get('export.json')
  async json(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const data = await this.exportHistories.execute(req.webCaller!);
    res.setHeader('Content-Disposition', 'attachment; filename="case-histories.json"');
    res.type('application/json; charset=utf-8');
    await streamResponse(res, historiesJsonChunks(data));
  }

  /** One row per case, for a spreadsheet: UTF-8 with a byte order mark, formulas neutralised. */
  @Get('export.csv')
  async csv(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const data = await this.exportRows.execute(req.webCaller!);
    res.setHeader('Content-Disposition', 'attachment; filename="cases.csv"');
    res.type('text/csv; charset=utf-8');
    await streamResponse(res, caseRowsCsvChunks(data.rows));
  }

  /** One row per audit entry of every case (what export.csv was before it gave one row per case). */
  @Get('export-history.csv')
  async historyCsv(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const data = await this.exportHistories.execute(req.webCaller!);
    res.setHeader('Content-Disposition', 'attachment; filename="case-histories.csv"');
    res.type('text/csv; charset=utf-8');
    await streamResponse(res, historiesCsvChunks(data.cases));
  }
}

const DATES = [
  { name: 'raisedFrom', legend: 'Raised from', hint: 'For example, 1 4 2026. Leave empty for no start.', wording: { missing: 'Enter the start date', subject: 'The start date' } },
  { name: 'raisedTo', legend: 'Raised to', hint: 'For example, 31 3 2027. Leave empty for no end.', wording: { missing: 'Enter the end date', subject: 'The end date' } },
] as const;

const WIDTHS: Record<DatePart, string> = { day: 'govuk-input--width-2', month: 'govuk-input--width-2', year: 'govuk-input--width-4' };

/**
 * The board's date range from its GET form (three boxes per date, each date optional: all three
 * empty is no limit), read the GOV.UK way: every problem at once, each box at fault marked.
 */
function readRange(query: Record<string, unknown>) {
  const errors: FormError[] = [];
  const byField: Record<string, string> = {};
  const marked: Record<string, DatePart[]> = {};
  const range: RaisedRange = {};
  const boxes = DATES.map((d) => dateBoxesOf(query, d.name));
  const refuse = (name: string, message: string, parts: DatePart[]) => {
    byField[name] = message;
    marked[name] = parts;
    errors.push({ text: message, href: `#${name}-${parts[0]}` });
  };
  DATES.forEach((d, i) => {
    const b = boxes[i];
    if (b.day === '' && b.month === '' && b.year === '') return;
    const reading = readDate(b, d.wording);
    if (reading.date === null) refuse(d.name, reading.message, reading.parts);
    else range[d.name] = reading.date;
  });
  return {
    sent: DATES.some((d) => hasDateBoxes(query, d.name)),
    range,
    errors,
    refuse,
    get questions() {
      return DATES.map((d, i) => ({
        name: d.name,
        legend: d.legend,
        hint: d.hint,
        error: byField[d.name],
        items: (['day', 'month', 'year'] as DatePart[]).map((part) => ({
          name: part,
          label: part.charAt(0).toUpperCase() + part.slice(1),
          classes: WIDTHS[part] + ((marked[d.name] ?? []).includes(part) ? ' govuk-input--error' : ''),
          value: boxes[i][part],
        })),
      }));
    },
  };
}
