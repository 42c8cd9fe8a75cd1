import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuditPage, Caller, ListAdminAuditUseCase, VerifyAdminAuditUseCase } from '@compact/application';
import { ErrorCode } from '@compact/domain';
import { ChainVerification } from '@compact/engine';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ApiJson, ApiProblems, SIGNED_IN, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { ref } from '../openapi/schema-builders';
import { ListAdminAuditQueryDto } from './list-admin-audit.query.dto';

@ApiTags('admin audit')
@ApiBearerAuth('bearer')
@Controller('api/v1/admin/audit')
export class AdminAuditController {
  constructor(
    private readonly listTrail: ListAdminAuditUseCase,
    private readonly verifyTrail: VerifyAdminAuditUseCase,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listAdminAudit',
    summary: 'Read the administration trail (administrators, board)',
    description:
      'Newest first: organisations created, people created, invited or deactivated, API tokens issued, mail retried, ' +
      'the administrator created from ADMIN_TOKEN. One page at a time (pass `nextCursor` back as `cursor`).',
  })
  @ApiJson(200, ref('AdminAuditPage'), 'One page of the trail')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.FORBIDDEN)
  list(@CurrentCaller() caller: Caller, @Query() query: ListAdminAuditQueryDto): Promise<AdminAuditPage> {
    return this.listTrail.execute(caller, query);
  }

  @Get('verify')
  @ApiOperation({
    operationId: 'verifyAdminAudit',
    summary: 'Verify the administration trail (administrators, board)',
    description: 'Recomputes its hash chain and compares its end with the recorded head; names the first entry that does not verify.',
  })
  @ApiJson(200, ref('ChainVerification'), 'The result of the check')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY, ErrorCode.FORBIDDEN)
  verify(@CurrentCaller() caller: Caller): Promise<ChainVerification> {
    return this.verifyTrail.execute(caller);
  }
}
