import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CompactIndex } from '@compact/domain';
import type { Response } from 'express';
import { Public } from '../../http/public.decorator';
import { browseSections, compactQueryOf, SIDE_WORDS } from '../compact-browse.presenter';
import { renderPage } from '../page';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { WebGuard } from '../web.guard';

/** /compact: the Compact's undertakings to browse and search, by section and by side; public. */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('compact')
export class CompactPagesController {
  constructor(private readonly compact: CompactIndex) {}

  @Get()
  browse(@Req() req: WebRequest, @Res() res: Response, @Query() query: Record<string, unknown>): void {
    const asked = compactQueryOf(query);
    const found = browseSections(this.compact.catalog, asked);
    renderPage(req, res, 'compact/browse', {
      title: `The ${this.compact.catalog.name}`,
      section: 'compact',
      q: asked.q,
      side: asked.side,
      sides: Object.entries(SIDE_WORDS).map(([value, text]) => ({ value, text, checked: asked.side === value })),
      narrowed: asked.q !== '' || asked.side !== null,
      ...found,
      introduction: this.compact.catalog.introduction,
    });
  }
}
