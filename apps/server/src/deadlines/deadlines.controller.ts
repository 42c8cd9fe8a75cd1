import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller, ListDeadlinesUseCase, PendingDeadline } from '@compact/application';
import { DomainError } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ApiJson, ApiProblems, SIGNED_IN, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { arrayOf, ref } from '../openapi/schema-builders';

const FAR_FUTURE = new Date('9999-12-31T23:59:59.999Z');

@ApiTags('deadlines')
@ApiBearerAuth('bearer')
@Controller('api/v1/deadlines')
export class DeadlinesController {
  constructor(private readonly listDeadlines: ListDeadlinesUseCase) {}

  @Get()
  @ApiOperation({
    operationId: 'listDeadlines',
    summary: 'List pending deadlines',
    description: 'Pending deadlines and reminders across the cases you may see, soonest first (at most 200).',
  })
  @ApiQuery({
    name: 'due_before',
    required: false,
    description: 'Only those due before this date (midnight UTC) or instant, e.g. 2026-12-31 or 2026-12-31T17:00:00Z',
    schema: { anyOf: [{ type: 'string', format: 'date' }, { type: 'string', format: 'date-time' }] },
  })
  @ApiJson(200, arrayOf(ref('PendingDeadline')), 'Pending deadlines, soonest first')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY)
  list(@CurrentCaller() caller: Caller, @Query('due_before') dueBefore?: string): Promise<PendingDeadline[]> {
    let before = FAR_FUTURE;
    if (dueBefore !== undefined) {
      before = new Date(/^\d{4}-\d{2}-\d{2}$/.test(dueBefore) ? `${dueBefore}T00:00:00Z` : dueBefore);
      if (!/^\d{4}-\d{2}-\d{2}/.test(dueBefore) || Number.isNaN(before.getTime())) {
        throw DomainError.validation([{ field: 'due_before', message: 'must be an ISO date (2026-12-31) or instant (2026-12-31T17:00:00Z)' }]);
      }
    }
    return this.listDeadlines.execute(caller, before);
  }
}
