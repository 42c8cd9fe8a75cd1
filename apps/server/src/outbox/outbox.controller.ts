import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller, ListOutboxUseCase, RetryOutboxMessageUseCase } from '@compact/application';
import { DomainError, ErrorCode, OUTBOX_STATUSES, OutboxMessage, OutboxStatus } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';
import { ApiJson, ApiProblems, ApiUuidParam, JSON_BODY, SIGNED_IN, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { arrayOf, ref } from '../openapi/schema-builders';

@ApiTags('outbox')
@ApiBearerAuth('bearer')
@Roles('admin')
@Controller('api/v1/outbox')
export class OutboxController {
  constructor(
    private readonly listOutbox: ListOutboxUseCase,
    private readonly retryMessage: RetryOutboxMessageUseCase,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listOutbox',
    summary: 'List outgoing mail (administrators)',
    description: 'The newest 100 messages, or those with one status: ?status=failed lists what could not be delivered.',
  })
  @ApiQuery({ name: 'status', required: false, enum: OUTBOX_STATUSES, description: 'Only messages with this status' })
  @ApiJson(200, arrayOf(ref('OutboxMessage')), 'The messages')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.FORBIDDEN)
  list(@CurrentCaller() caller: Caller, @Query('status') status?: string): Promise<OutboxMessage[]> {
    if (status !== undefined && !OUTBOX_STATUSES.includes(status as OutboxStatus)) {
      throw DomainError.validation([{ field: 'status', message: `must be one of: ${OUTBOX_STATUSES.join(', ')}` }]);
    }
    return this.listOutbox.execute(caller, (status as OutboxStatus | undefined) ?? null);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'retryOutboxMessage',
    summary: 'Send a failed message again (administrators)',
    description: 'Only a failed message can be retried (409 TRANSITION_NOT_ALLOWED otherwise, with its messageStatus); it is sent again with fresh attempts.',
  })
  @ApiUuidParam('id', 'The message id')
  @ApiJson(200, ref('OutboxMessage'), 'The message, pending again')
  @ApiProblems(...SIGNED_IN, ...JSON_BODY, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.TRANSITION_NOT_ALLOWED)
  retry(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<OutboxMessage> {
    return this.retryMessage.execute(caller, id);
  }
}
