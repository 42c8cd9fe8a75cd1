import { Controller, Get, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GetCaseBundleUseCase } from '@compact/application';
import type { Response } from 'express';
import { sendBundle } from '../../documents/send-bundle';
import { Public } from '../../http/public.decorator';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { SignedIn, WebGuard } from '../web.guard';

/** GET /cases/:id/bundle: the case's bundle (a zip) for a signed-in reader of the case. */
@ApiExcludeController()
@Public()
@SignedIn()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('cases')
export class BundlePageController {
  constructor(private readonly bundle: GetCaseBundleUseCase) {}

  @Get(':id/bundle')
  async download(@Req() req: WebRequest, @Param('id') id: string, @Res() res: Response): Promise<void> {
    await sendBundle(res, await this.bundle.execute(req.webCaller!, id));
  }
}
