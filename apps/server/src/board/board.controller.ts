import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BoardStatistics, Caller, GetBoardStatisticsUseCase } from '@compact/application';
import { ErrorCode } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';
import { ApiJson, ApiProblems, SIGNED_IN, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { ref } from '../openapi/schema-builders';
import { BoardStatisticsQueryDto } from './board-statistics.query.dto';

@ApiTags('board')
@ApiBearerAuth('bearer')
@Roles('board', 'admin')
@Controller('api/v1/board')
export class BoardController {
  constructor(private readonly statistics: GetBoardStatisticsUseCase) {}

  @Get('statistics')
  @ApiOperation({
    operationId: 'getBoardStatistics',
    summary: 'Figures over every case (board, administrators)',
    description:
      'What the /board page shows: cases open, resolved and withdrawn and the median age of the open ones; cases by outcome, ' +
      'by stage (each at its own workflow version’s top-level state) and by the stage they were resolved at; cases raised in ' +
      'each of the last 24 months; by undertaking cited (with its short text) and by organisation; the median time in each ' +
      'stage; the deadlines met and missed, and missed by each organisation that had to meet them. With raisedFrom and ' +
      'raisedTo, over the cases raised in that range of London dates (both included). GET /api/v1/cases takes the same ' +
      'filters (raisedFrom, raisedTo, outcome, state, resolvedStage, undertaking, organisation with part, missedBy) to list the cases behind each figure.',
  })
  @ApiJson(200, ref('BoardStatistics'), 'The figures')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.FORBIDDEN)
  get(@CurrentCaller() caller: Caller, @Query() query: BoardStatisticsQueryDto): Promise<BoardStatistics> {
    return this.statistics.execute(caller, query);
  }
}
