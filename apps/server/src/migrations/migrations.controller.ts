import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, MigrateCasesUseCase, MigrationReport } from '@compact/application';
import { ErrorCode } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';
import { ApiJson, ApiProblems, JSON_BODY, SIGNED_IN } from '../openapi/api-responses.decorators';
import { ref } from '../openapi/schema-builders';
import { MigrateCasesRequestDto } from './migrate-cases.request.dto';

@ApiTags('migrations')
@ApiBearerAuth('bearer')
@Roles('admin')
@Controller('api/v1/admin/migrations')
export class MigrationsController {
  constructor(private readonly migrate: MigrateCasesUseCase) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'migrateCases',
    summary: 'Move running cases to another workflow version (administrators)',
    description:
      'Through the mapping declared beside the newer version, each case in one transaction with a WORKFLOW_MIGRATED entry in ' +
      'its audit trail. Deadlines already given keep their due times. With dryRun, reports what would happen and writes ' +
      'nothing. A case in a state the mapping does not cover is listed under `refused`, and the others still move.',
  })
  @ApiBody({ type: MigrateCasesRequestDto })
  @ApiJson(200, ref('MigrationReport'), 'What moved (or would move) where, deadline by deadline, and what was refused')
  @ApiProblems(...SIGNED_IN, ...JSON_BODY, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.TRANSITION_NOT_ALLOWED)
  run(@CurrentCaller() caller: Caller, @Body() body: MigrateCasesRequestDto): Promise<MigrationReport> {
    return this.migrate.execute(caller, body);
  }
}
