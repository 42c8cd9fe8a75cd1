import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  ExportCaseHistoriesUseCase,
  GetBoardFeedbackUseCase,
  GetBoardStatisticsUseCase,
  GetRegisterUseCase,
  historiesCsvChunks,
  historiesJsonChunks,
  requireRole,
} from '@compact/application';
import { DomainError } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { streamResponse } from '../../http/stream-response';
import { renderPage } from '../page';
import { registerPageData } from '../register.presenter';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { SignedIn, WebGuard } from '../web.guard';

const percent = (value: number, max: number) => (max === 0 ? 0 : Math.round((value / max) * 100));

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
    private readonly feedback: GetBoardFeedbackUseCase,
    private readonly register: GetRegisterUseCase,
  ) {}

  @Get('feedback')
  async feedbackPage(@Req() req: WebRequest, @Res() res: Response, @Query('year') year?: unknown): Promise<void> {
    if (year !== undefined && year !== '' && (typeof year !== 'string' || !/^\d{4}$/.test(year))) {
      throw DomainError.validation([{ field: 'year', message: 'must be a year, like 2026' }], 'Choose a year from the list, like 2026');
    }
    const chosen = typeof year === 'string' && year !== '' ? Number(year) : undefined;
    const all = await this.feedback.execute(req.webCaller!);
    const shown = chosen === undefined ? all : await this.feedback.execute(req.webCaller!, { year: chosen });
    const years = (all.tables.find((t) => t.name === 'feedback-by-year')?.rows ?? []).map((r) => Number(r.year));
    renderPage(req, res, 'board-feedback', {
      title: 'Feedback after cases',
      section: 'board',
      year: chosen,
      years,
      tables: shown.tables,
      cases: shown.cases,
      roleLabels: { claimant: 'Claimant (party)', respondent: 'Respondent (party)', mediator: 'Mediator' },
    });
  }

  @Get()
  async board(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const s = await this.statistics.execute(req.webCaller!);
    const maxStage = Math.max(0, ...s.byStage.map((x) => x.count));
    const maxUndertaking = Math.max(0, ...s.byUndertaking.map((x) => x.count));
    renderPage(req, res, 'board', {
      title: 'Governance board',
      section: 'board',
      s,
      byStage: s.byStage.map((x) => ({ ...x, bar: percent(x.count, maxStage) })),
      byUndertaking: s.byUndertaking.map((x) => ({ ...x, bar: percent(x.count, maxUndertaking) })),
      deadlineTotal: s.deadlines.met + s.deadlines.missed,
      registerPublic: this.register.isPublic,
    });
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

  @Get('export.csv')
  async csv(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const data = await this.exportHistories.execute(req.webCaller!);
    res.setHeader('Content-Disposition', 'attachment; filename="case-histories.csv"');
    res.type('text/csv; charset=utf-8');
    await streamResponse(res, historiesCsvChunks(data.cases));
  }
}
