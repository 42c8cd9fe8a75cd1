import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Caller,
  CaseHistory,
  CasePage,
  CaseView,
  GetCaseHistoryUseCase,
  GetCaseUseCase,
  ListCasesUseCase,
  RaiseCaseUseCase,
  SendCaseEventUseCase,
  VerifyCaseHistoryUseCase,
} from '@compact/application';
import { ChainVerification } from '@compact/engine';
import type { Response } from 'express';
import { CurrentCaller } from '../http/current-caller.decorator';
import { etagOf, parseIfMatch } from '../http/if-match';
import { Roles } from '../http/roles';
import { ListCasesQueryDto } from './list-cases.query.dto';
import { RaiseCaseRequestDto } from './raise-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
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
  @ApiOperation({ summary: 'Raise a breach or disagreement against another organisation (parties)' })
  async raise(
    @CurrentCaller() caller: Caller,
    @Body() body: RaiseCaseRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseView> {
    return withEtag(res, await this.raiseCase.execute(caller, body));
  }

  @Get()
  @ApiOperation({ summary: 'Cases you may see, newest first, with filters and cursor pagination' })
  list(@CurrentCaller() caller: Caller, @Query() query: ListCasesQueryDto): Promise<CasePage> {
    return this.listCases.execute(caller, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One case: state, version, allowed events for you now, deadlines, parties, cited undertakings' })
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<CaseView> {
    return withEtag(res, await this.getCase.execute(caller, id));
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send one event ({ "type": "...", ...fields }) to the case; see the CaseEvent schemas' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The case version the event is meant for, e.g. "3"' })
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
  @ApiOperation({ summary: 'The audit trail of the case, oldest first' })
  history(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<CaseHistory> {
    return this.getHistory.execute(caller, id);
  }

  @Get(':id/history/verify')
  @ApiOperation({ summary: 'Verify the hash chain of the audit trail: { valid, entries, brokenAt? }' })
  verify(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ChainVerification> {
    return this.verifyHistory.execute(caller, id);
  }
}

function withEtag(res: Response, view: CaseView): CaseView {
  res.setHeader('ETag', etagOf(view.version));
  return view;
}
