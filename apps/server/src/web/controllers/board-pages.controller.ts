import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ExportCaseHistoriesUseCase, GetBoardStatisticsUseCase, GetRegisterUseCase, historiesToCsv, requireRole } from '@compact/application';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
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
    private readonly register: GetRegisterUseCase,
  ) {}

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
    res.type('application/json').send(JSON.stringify(data, null, 2));
  }

  @Get('export.csv')
  async csv(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    const data = await this.exportHistories.execute(req.webCaller!);
    res.setHeader('Content-Disposition', 'attachment; filename="case-histories.csv"');
    res.type('text/csv; charset=utf-8').send(historiesToCsv(data.cases));
  }
}
