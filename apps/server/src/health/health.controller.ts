import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { WorkflowRegistry } from '@compact/application';
import { DomainError, ErrorCode, Store } from '@compact/domain';
import { Public } from '../http/public.decorator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness with a database round trip (503 when the database does not answer)' })
  async health(): Promise<{ status: 'ok'; database: 'ok'; compact: string; workflow: string }> {
    try {
      await this.store.ping();
    } catch (error) {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, `The database does not answer: ${(error as Error).message}`);
    }
    return { status: 'ok', database: 'ok', compact: this.registry.compact.catalog.id, workflow: `${this.registry.default.name}/v${this.registry.default.version}` };
  }
}
