import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Caller,
  CaseHistory,
  CasePage,
  CaseVerification,
  CaseView,
  GetCaseHistoryUseCase,
  GetCaseUseCase,
  ListCasesUseCase,
  RaiseCaseUseCase,
  SendCaseEventUseCase,
  VerifyCaseHistoryUseCase,
} from '@compact/application';
import { ErrorCode } from '@compact/domain';
import type { Response } from 'express';
import { CurrentCaller } from '../http/current-caller.decorator';
import { etagOf, parseIfMatch } from '../http/if-match';
import { Roles } from '../http/roles';
import { ApiJson, ApiProblems, ApiUuidParam, CASE_ETAG, JSON_BODY, SIGNED_IN, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { ref } from '../openapi/schema-builders';
import { ListCasesQueryDto } from './list-cases.query.dto';
import { RaiseCaseRequestDto } from './raise-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth('bearer')
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly raiseCase: RaiseCaseUseCase,
    private readonly listCases: ListCasesUseCase,
    private readonly getCase: GetCaseUseCase,
    private readonly sendEvent: SendCaseEventUseCase,
    private readonly getHistory: GetCaseHistoryUseCase,
    private readonly verifyHistory: VerifyCaseHistoryUseCase,
  ) {}

  @Post()
  @Roles('party')
  @ApiOperation({
    operationId: 'raiseCase',
    summary: 'Raise a case (parties)',
    description:
      'Raises a breach or disagreement against another organisation. A breach cites at least one undertaking that binds ' +
      'the respondent’s side. The respondent’s acknowledgement deadline starts now.',
  })
  @ApiJson(201, ref('CaseView'), 'The case, as you now see it', CASE_ETAG)
  @ApiProblems(...SIGNED_IN, ...JSON_BODY, ErrorCode.FORBIDDEN)
  async raise(
    @CurrentCaller() caller: Caller,
    @Body() body: RaiseCaseRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    return withEtag(res, await this.raiseCase.execute(caller, body));
  }

  @Get()
  @ApiOperation({
    operationId: 'listCases',
    summary: 'List the cases you may see',
    description:
      'Newest first, filtered by stage, undertaking or organisation and searched by words (`q`), one page at a time ' +
      '(pass `nextCursor` back as `cursor`, with the same filters).',
  })
  @ApiJson(200, ref('CasePage'), 'One page of cases')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY)
  list(@CurrentCaller() caller: Caller, @Query() query: ListCasesQueryDto): Promise<CasePage> {
    return this.listCases.execute(caller, query);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getCase',
    summary: 'Get a case',
    description: 'Its state, version (also the ETag), the events you may send now, pending deadlines, parties and cited undertakings.',
  })
  @ApiUuidParam('id', 'The case id')
  @ApiJson(200, ref('CaseView'), 'The case, as you see it', CASE_ETAG)
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.NOT_FOUND)
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<CaseView> {
    return withEtag(res, await this.getCase.execute(caller, id));
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'sendCaseEvent',
    summary: 'Send an event to a case',
    description:
      'One event ({ "type": "...", ...fields }; see the CaseEvent schemas), applied in one transaction with its audit entry, ' +
      'deadlines and mail. Who may send what, and when, is the workflow’s: a refusal names the events you may send now.',
  })
  @ApiUuidParam('id', 'The case id')
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The case version the event is meant for, quoted as the ETag gives it (e.g. "3"); another version is 409 VERSION_CONFLICT',
    schema: { type: 'string', pattern: '^\\s*(W/)?("[0-9]{1,9}"|[0-9]{1,9})\\s*$', example: '"3"' },
  })
  @ApiBody({ required: true, schema: ref('CaseEvent') })
  @ApiJson(200, ref('CaseView'), 'The case after the event', CASE_ETAG)
  @ApiProblems(
    ...SIGNED_IN,
    ...JSON_BODY,
    ErrorCode.NOT_FOUND,
    ErrorCode.FORBIDDEN_EVENT,
    ErrorCode.TRANSITION_NOT_ALLOWED,
    ErrorCode.VERSION_CONFLICT,
  )
  async event(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    return withEtag(res, await this.sendEvent.execute(caller, id, body, parseIfMatch(ifMatch)));
  }

  @Get(':id/history')
  @ApiOperation({ operationId: 'getCaseHistory', summary: 'Get a case’s audit trail', description: 'Every entry of the case’s hash chain, oldest first.' })
  @ApiUuidParam('id', 'The case id')
  @ApiJson(200, ref('CaseHistory'), 'The audit trail')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.NOT_FOUND)
  history(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<CaseHistory> {
    return this.getHistory.execute(caller, id);
  }

  @Get(':id/history/verify')
  @ApiOperation({
    operationId: 'verifyCaseHistory',
    summary: 'Verify a case’s audit trail',
    description:
      'Recomputes the hash chain and compares its end with the head the case records, and re-hashes the stored bytes of every ' +
      'document an entry cites; names the first entry that does not verify, or whose document no longer matches.',
  })
  @ApiUuidParam('id', 'The case id')
  @ApiJson(200, ref('CaseVerification'), 'The result of the check')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.NOT_FOUND)
  verify(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<CaseVerification> {
    return this.verifyHistory.execute(caller, id);
  }
}

function withEtag(res: Response, view: CaseView): CaseView {
  res.setHeader('ETag', etagOf(view.version));
  return view;
}
