import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller, ListOutboxUseCase, RetryOutboxMessageUseCase } from '@compact/application';
import { DomainError, OUTBOX_STATUSES, OutboxMessage, OutboxStatus } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';

@ApiTags('outbox')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/outbox')
export class OutboxController {
  constructor(
    private readonly listOutbox: ListOutboxUseCase,
    private readonly retryMessage: RetryOutboxMessageUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Outgoing mail (admin); ?status=failed lists what could not be delivered' })
  @ApiQuery({ name: 'status', required: false, enum: OUTBOX_STATUSES })
  list(@CurrentCaller() caller: Caller, @Query('status') status?: string): Promise<OutboxMessage[]> {
    if (status !== undefined && !OUTBOX_STATUSES.includes(status as OutboxStatus)) {
      throw DomainError.validation([{ field: 'status', message: `must be one of: ${OUTBOX_STATUSES.join(', ')}` }]);
    }
    return this.listOutbox.execute(caller, (status as OutboxStatus | undefined) ?? null);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed message again (admin)' })
  retry(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<OutboxMessage> {
    return this.retryMessage.execute(caller, id);
  }
}
