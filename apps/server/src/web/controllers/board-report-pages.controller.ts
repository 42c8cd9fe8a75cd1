import { Body, Controller, Get, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  AnnualReport,
  annualReportToCsv,
  annualReportToPdf,
  GetAnnualReportUseCase,
  SaveAnnualReportUseCase,
  SignOffAnnualReportUseCase,
} from '@compact/application';
import { CompactIndex, DomainError, ErrorCode, FieldError } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { FormError, renderPage } from '../page';
import { reportPageData } from '../report-page.presenter';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { SignedIn, WebGuard } from '../web.guard';

const CONFLICTS = new Set<ErrorCode>([ErrorCode.TRANSITION_NOT_ALLOWED, ErrorCode.VERSION_CONFLICT]);
const FIELD_IDS: Record<string, string> = { lessons: 'lessons', boardResponse: 'board-response', year: 'year' };

const isConflict = (error: unknown): error is DomainError => error instanceof DomainError && CONFLICTS.has(error.code);
const isInvalid = (error: unknown): error is DomainError => error instanceof DomainError && error.code === ErrorCode.VALIDATION_FAILED;

/** The board's annual report: the page, its form and sign-off, and the PDF and CSV downloads. */
@ApiExcludeController()
@Public()
@SignedIn()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('board')
export class BoardReportPagesController {
  constructor(
    private readonly reports: GetAnnualReportUseCase,
    private readonly save: SaveAnnualReportUseCase,
    private readonly signOff: SignOffAnnualReportUseCase,
    private readonly compact: CompactIndex,
  ) {}

  @Get('report')
  async page(@Req() req: WebRequest, @Res() res: Response, @Query('year') year: unknown): Promise<void> {
    const report = await this.reports.execute(req.webCaller!, { year });
    await this.render(req, res, report, { banner: req.query.done === 'saved' ? 'saved' : req.query.done === 'signed' ? 'signed' : null });
  }

  @Post('report')
  async saveText(@Req() req: WebRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const input = { year: body.year, lessons: body.lessons, boardResponse: body.boardResponse, version: body.version };
    try {
      const saved = await this.save.execute(req.webCaller!, input);
      return res.redirect(303, `/board/report?year=${saved.year}&done=saved#board-text`);
    } catch (error) {
      if (!isConflict(error) && !isInvalid(error)) throw error;
      if (isInvalid(error) && error.details.errors?.some((e) => e.field === 'year' || e.field === 'version')) throw error;
      const report = await this.reports.execute(req.webCaller!, { year: body.year });
      const typed = { lessons: typeof input.lessons === 'string' ? input.lessons : '', boardResponse: typeof input.boardResponse === 'string' ? input.boardResponse : '' };
      const refusal = error as DomainError;
      if (CONFLICTS.has(refusal.code)) return this.render(req, res, report, { conflict: refusal.message, typed }, 409);
      return this.render(req, res, report, { fieldErrors: refusal.details.errors ?? [], typed }, 400);
    }
  }

  @Get('report/sign-off')
  async confirm(@Req() req: WebRequest, @Res() res: Response, @Query('year') year: unknown): Promise<void> {
    const report = await this.reports.execute(req.webCaller!, { year });
    if (report.status === 'signed-off') return res.redirect(303, `/board/report?year=${report.year}`);
    const missing = [!report.lessons && 'the lessons noted by the board', !report.boardResponse && 'the board’s response'].filter(Boolean);
    renderPage(req, res, 'board-report/sign-off', { title: `Sign off the annual report for ${report.year}?`, section: 'board', report, missing });
  }

  @Post('report/sign-off')
  async signOffReport(@Req() req: WebRequest, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    try {
      const signed = await this.signOff.execute(req.webCaller!, { year: body.year, version: body.version });
      return res.redirect(303, `/board/report?year=${signed.year}&done=signed`);
    } catch (error) {
      if (!isConflict(error) && !(isInvalid(error) && error.details.errors?.every((e) => e.field in FIELD_IDS && e.field !== 'year'))) throw error;
      const report = await this.reports.execute(req.webCaller!, { year: body.year });
      return this.render(req, res, report, { conflict: error.message }, isConflict(error) ? 409 : 400);
    }
  }

  @Get('report.pdf')
  async pdf(@Req() req: WebRequest, @Res() res: Response, @Query('year') year: unknown): Promise<void> {
    const report = await this.reports.execute(req.webCaller!, { year });
    const pdf = await annualReportToPdf(report, this.compact.catalog.name);
    res.setHeader('Content-Disposition', `attachment; filename="annual-report-${report.year}.pdf"`);
    res.type('application/pdf').send(pdf);
  }

  @Get('report.csv')
  async csv(@Req() req: WebRequest, @Res() res: Response, @Query('year') year: unknown): Promise<void> {
    const report = await this.reports.execute(req.webCaller!, { year });
    res.setHeader('Content-Disposition', `attachment; filename="annual-report-${report.year}.csv"`);
    res.type('text/csv; charset=utf-8').send(annualReportToCsv(report));
  }

  private async render(
    req: WebRequest,
    res: Response,
    report: AnnualReport,
    options: { banner?: 'saved' | 'signed' | null; conflict?: string; fieldErrors?: FieldError[]; typed?: { lessons: string; boardResponse: string } },
    status = 200,
  ): Promise<void> {
    const years = await this.reports.years(req.webCaller!);
    const fieldErrors = options.fieldErrors ?? [];
    const errors: FormError[] = fieldErrors.map((e) => ({ text: errorText(e), href: `#${FIELD_IDS[e.field] ?? e.field}` }));
    const byField = Object.fromEntries(fieldErrors.map((e) => [FIELD_IDS[e.field] ?? e.field, errorText(e)]));
    const banners = {
      saved: { type: 'success', title: 'Success', text: 'The lessons and the board’s response were saved.' },
      signed: { type: 'success', title: 'Success', text: `The annual report for ${report.year} is signed off. It will not change from now on.` },
    };
    const banner = options.conflict
      ? { type: undefined, title: 'Important', text: options.conflict }
      : options.banner
        ? banners[options.banner]
        : null;
    renderPage(req, res, 'board-report/report', { title: `Annual report ${report.year}`, section: 'board', ...reportPageData(report, years), values: options.typed ?? null, errors, byField, banner }, status);
  }
}

function errorText(e: FieldError): string {
  if (e.field === 'lessons') return `The lessons ${e.message}`;
  if (e.field === 'boardResponse') return `The board’s response ${e.message}`;
  return e.message;
}
