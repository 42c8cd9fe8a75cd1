import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BoardStatistics, Caller, GetBoardStatisticsUseCase } from '@compact/application';
import { ErrorCode } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';
import { ApiJson, ApiProblems, SIGNED_IN, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { ref } from '../openapi/schema-builders';

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
      'What the /board page shows: cases by stage (each at its own workflow version’s top-level state), by undertaking cited ' +
      'and by organisation, the median time in each stage, and the deadlines met and missed.',
  })
  @ApiJson(200, ref('BoardStatistics'), 'The figures')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.FORBIDDEN)
  get(@CurrentCaller() caller: Caller): Promise<BoardStatistics> {
    return this.statistics.execute(caller);
  }
}
