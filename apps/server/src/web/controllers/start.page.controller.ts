import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CompactIndex } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { renderPage } from '../page';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { WebGuard } from '../web.guard';

@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller()
export class StartPageController {
  constructor(private readonly compact: CompactIndex) {}

  @Get()
  start(@Req() req: WebRequest, @Res() res: Response): void {
    renderPage(req, res, 'start', {
      title: `Resolve a disagreement or breach of the ${this.compact.catalog.name}`,
      disputeClause: this.compact.catalog.disputeResolution.text,
      deadlines: this.compact.catalog.deadlines,
    });
  }
}
