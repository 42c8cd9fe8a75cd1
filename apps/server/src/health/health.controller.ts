import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { WorkflowRegistry } from '@compact/application';
import { DomainError, ErrorCode, Store } from '@compact/domain';
import { Public } from '../http/public.decorator';
import { ApiJson, ApiProblems } from '../openapi/api-responses.decorators';
import { ref } from '../openapi/schema-builders';
import { DrainState } from '../shutdown/drain-state';

export interface HealthReport {
  status: 'ok';
  database: 'ok';
  compact: string;
  workflow: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly store: Store,
    private readonly registry: WorkflowRegistry,
    private readonly drain: DrainState,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    operationId: 'getHealth',
    summary: 'Check the service',
    description:
      'Liveness with a database round trip: 503 when the database does not answer, and 503 with `state: "draining"` from the moment ' +
      'the instance was asked to shut down (SIGTERM), so that a load balancer sends it nothing more. No token needed.',
    security: [],
  })
  @ApiJson(200, ref('Health'), 'The service and its database answer')
  @ApiProblems(ErrorCode.SERVICE_UNAVAILABLE)
  async health(): Promise<HealthReport> {
    if (this.drain.draining) {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'This instance is shutting down (draining): it finishes the work it has and takes no more', { state: 'draining' });
    }
    try {
      await this.store.ping();
    } catch (error) {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, `The database does not answer: ${(error as Error).message}`);
    }
    return { status: 'ok', database: 'ok', compact: this.registry.compact.catalog.id, workflow: `${this.registry.default.name}/v${this.registry.default.version}` };
  }
}
