import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuditPage, Caller, ListAdminAuditUseCase, VerifyAdminAuditUseCase } from '@compact/application';
import { ChainVerification } from '@compact/engine';
import { CurrentCaller } from '../http/current-caller.decorator';
import { ListAdminAuditQueryDto } from './list-admin-audit.query.dto';

@ApiTags('admin audit')
@ApiBearerAuth()
@Controller('api/v1/admin/audit')
export class AdminAuditController {
  constructor(
    private readonly listTrail: ListAdminAuditUseCase,
    private readonly verifyTrail: VerifyAdminAuditUseCase,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The administration trail (admin, board), newest first: organisations created, people created, invited or deactivated, ' +
      'API tokens issued, mail retried, the administrator created from ADMIN_TOKEN. Cursor-paginated.',
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ListAdminAuditQueryDto): Promise<AdminAuditPage> {
    return this.listTrail.execute(caller, query);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recomputes the administration trail’s hash chain (admin, board): { valid, entries, brokenAt?, reason? }' })
  verify(@CurrentCaller() caller: Caller): Promise<ChainVerification> {
    return this.verifyTrail.execute(caller);
  }
}
