import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Caller, GetCaseBundleUseCase } from '@compact/application';
import { ErrorCode } from '@compact/domain';
import type { Response } from 'express';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ApiProblems, ApiUuidParam, SIGNED_IN, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { sendBundle } from './send-bundle';

@ApiTags('documents')
@ApiBearerAuth('bearer')
@Controller('api/v1/cases/:id/bundle')
export class BundleController {
  constructor(private readonly bundle: GetCaseBundleUseCase) {}

  @Get()
  @ApiOperation({
    operationId: 'getCaseBundle',
    summary: 'Download a case’s bundle for the body receiving it',
    description:
      'One zip for the ombudsman or an agreed mechanism, for anyone who may see the case: bundle.pdf (cover sheet, ' +
      'undertakings in full, chronology, deadlines, agreement, index of documents; each page with the case reference and ' +
      'the audit head hash), documents/NN-name.ext, history.json (the audit trail) and verification.json (how to check it; ' +
      '`node scripts/verify-bundle.js bundle.zip`). Confidential content is left out, and the cover says so.',
  })
  @ApiUuidParam('id', 'The case id')
  @ApiProduces('application/zip')
  @ApiResponse({ status: 200, description: 'The bundle', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.NOT_FOUND)
  async download(@CurrentCaller() caller: Caller, @Param('id') id: string, @Res() res: Response): Promise<void> {
    await sendBundle(res, await this.bundle.execute(caller, id));
  }
}
