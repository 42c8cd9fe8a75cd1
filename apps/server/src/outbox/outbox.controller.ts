import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, ListOutboxUseCase, OutboxPage, RetryOutboxMessageUseCase } from '@compact/application';
import { ErrorCode, OutboxMessageSummary } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';
import { ApiJson, ApiProblems, ApiUuidParam, JSON_BODY, SIGNED_IN, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { ref } from '../openapi/schema-builders';
import { ListOutboxQueryDto } from './list-outbox.query.dto';

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
    description:
      'Newest first, with cursor pagination; ?status=failed lists what could not be delivered, with each recipient and ' +
      'what its server said. Bodies are never listed.',
  })
  @ApiJson(200, ref('OutboxPage'), 'A page of messages')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.FORBIDDEN, ErrorCode.VALIDATION_FAILED)
  list(@CurrentCaller() caller: Caller, @Query() query: ListOutboxQueryDto): Promise<OutboxPage> {
    return this.listOutbox.execute(caller, query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'retryOutboxMessage',
    summary: 'Send a failed message again (administrators)',
    description:
      'Only a failed message can be retried (409 TRANSITION_NOT_ALLOWED otherwise, with its messageStatus; 409 MESSAGE_EXPIRED ' +
      'for a sign-in link that expired); it is sent again, with fresh attempts, to the recipients it could not be delivered to.',
  })
  @ApiUuidParam('id', 'The message id')
  @ApiJson(200, ref('OutboxMessage'), 'The message, pending again')
  @ApiProblems(...SIGNED_IN, ...JSON_BODY, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.TRANSITION_NOT_ALLOWED, ErrorCode.MESSAGE_EXPIRED)
  retry(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<OutboxMessageSummary> {
    return this.retryMessage.execute(caller, id);
  }
}
