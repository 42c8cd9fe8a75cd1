import { Controller, Get, HttpCode, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AttachDocumentUseCase, Caller, GetDocumentUseCase, ListCaseDocumentsUseCase } from '@compact/application';
import { DocumentCitation, ErrorCode } from '@compact/domain';
import type { Request, Response } from 'express';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';
import { ApiJson, ApiProblems, ApiUuidParam, SIGNED_IN, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { arrayOf, ref } from '../openapi/schema-builders';
import type { ListedDocument } from '../openapi/document.schemas';
import { DocumentUploadInterceptor, FILE_FIELD, uploadOf } from './document-upload.interceptor';
import { sendDocument } from './send-document';

@ApiTags('documents')
@ApiBearerAuth('bearer')
@Controller('api/v1/cases/:id/documents')
export class DocumentsController {
  constructor(
    private readonly attach: AttachDocumentUseCase,
    private readonly list: ListCaseDocumentsUseCase,
    private readonly get: GetDocumentUseCase,
  ) {}

  @Post()
  @Roles('party', 'mediator', 'admin')
  @UseInterceptors(DocumentUploadInterceptor)
  @ApiOperation({
    operationId: 'attachDocument',
    summary: 'Attach a document to a case',
    description:
      'One file (multipart/form-data, field `file`), for anyone who may send an event on the case now. Its type is judged ' +
      'from its content: PDF, Word, Excel, OpenDocument, plain text, CSV, PNG, JPEG or email (.eml). It stays pending, seen ' +
      'only by you, until an event cites it in `documents: [id…]`; a document no event cites is removed after 24 hours.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    required: true,
    schema: { type: 'object', required: [FILE_FIELD], properties: { [FILE_FIELD]: { type: 'string', format: 'binary' } } },
  })
  @ApiUuidParam('id', 'The case id')
  @ApiJson(201, ref('Document'), 'The document, pending until an event cites it')
  @ApiProblems(
    ...SIGNED_IN,
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.FORBIDDEN,
    ErrorCode.NOT_FOUND,
    ErrorCode.DOCUMENT_TOO_LARGE,
    ErrorCode.CASE_DOCUMENTS_FULL,
    ErrorCode.DOCUMENT_TYPE_NOT_ALLOWED,
  )
  @HttpCode(201)
  upload(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() req: Request): Promise<DocumentCitation> {
    return this.attach.execute(caller, id, uploadOf(req));
  }

  @Get()
  @ApiOperation({
    operationId: 'listCaseDocuments',
    summary: 'List a case’s documents',
    description: 'The documents events cited, and those you attached that no event cites yet, oldest first.',
  })
  @ApiUuidParam('id', 'The case id')
  @ApiJson(200, arrayOf(ref('ListedDocument')), 'The documents')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.NOT_FOUND)
  async index(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ListedDocument[]> {
    return (await this.list.execute(caller, id)).map((d) => ({
      id: d.id,
      sha256: d.sha256,
      name: d.name,
      size: d.size,
      contentType: d.contentType,
      attachedAt: d.attachedAt.toISOString(),
      attachedBy: d.attachedBy,
      citedSeq: d.citedSeq,
    }));
  }

  @Get(':documentId')
  @ApiOperation({
    operationId: 'downloadDocument',
    summary: 'Download a document',
    description: 'Its bytes as stored, as an attachment with the type judged when it was attached.',
  })
  @ApiUuidParam('id', 'The case id')
  @ApiUuidParam('documentId', 'The document id')
  @ApiProduces('application/octet-stream')
  @ApiResponse({ status: 200, description: 'The document', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.NOT_FOUND)
  async download(@CurrentCaller() caller: Caller, @Param('id') id: string, @Param('documentId') documentId: string, @Res() res: Response): Promise<void> {
    await sendDocument(res, await this.get.execute(caller, id, documentId));
  }
}
