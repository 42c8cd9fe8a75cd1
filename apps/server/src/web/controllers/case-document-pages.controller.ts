import { Controller, Get, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GetDocumentUseCase } from '@compact/application';
import type { Response } from 'express';
import { sendDocument } from '../../documents/send-document';
import { Public } from '../../http/public.decorator';
import { WebExceptionFilter } from '../web-exception.filter';
import { WebRequest } from '../web-request';
import { SignedIn, WebGuard } from '../web.guard';

/** GET /cases/:id/documents/:documentId: a document of the case, as an attachment, for a signed-in person who may see it (else the 404 page). */
@ApiExcludeController()
@Public()
@SignedIn()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller('cases')
export class CaseDocumentPagesController {
  constructor(private readonly getDocument: GetDocumentUseCase) {}

  @Get(':id/documents/:documentId')
  async download(@Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Param('documentId') documentId: string): Promise<void> {
    await sendDocument(res, await this.getDocument.execute(req.webCaller!, id, documentId));
  }
}
