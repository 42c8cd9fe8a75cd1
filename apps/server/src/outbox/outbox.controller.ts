import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, ListOutboxUseCase, OutboxPage, RetryOutboxMessageUseCase } from '@compact/application';
import { OutboxMessageSummary } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';
import { ListOutboxQueryDto } from './list-outbox.query.dto';

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
  @ApiOperation({
    summary:
      'Outgoing mail (admin), newest first, with cursor pagination; ?status=failed lists what could not be delivered, ' +
      'with each recipient and what its server said. Bodies are never listed.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ListOutboxQueryDto): Promise<OutboxPage> {
    return this.listOutbox.execute(caller, query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a failed message again to the recipients it could not be delivered to (admin)' })
  retry(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<OutboxMessageSummary> {
    return this.retryMessage.execute(caller, id);
  }
}
