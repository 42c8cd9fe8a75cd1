import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller, CreateOrganisationUseCase, ListOrganisationsUseCase } from '@compact/application';
import { DomainError, Organisation, ORGANISATION_KINDS, OrganisationKind } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';
import { CreateOrganisationRequestDto } from './create-organisation.request.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('api/v1/organisations')
export class OrganisationsController {
  constructor(
    private readonly createOrganisation: CreateOrganisationUseCase,
    private readonly listOrganisations: ListOrganisationsUseCase,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create an organisation (admin)' })
  create(@CurrentCaller() caller: Caller, @Body() body: CreateOrganisationRequestDto): Promise<Organisation> {
    return this.createOrganisation.execute(caller, body);
  }

  @Get()
  @ApiOperation({ summary: 'List organisations (any signed-in user)' })
  @ApiQuery({ name: 'kind', required: false, enum: ORGANISATION_KINDS })
  list(@Query('kind') kind?: string): Promise<Organisation[]> {
    if (kind !== undefined && !ORGANISATION_KINDS.includes(kind as OrganisationKind)) {
      throw DomainError.validation([{ field: 'kind', message: `must be one of: ${ORGANISATION_KINDS.join(', ')}` }]);
    }
    return this.listOrganisations.execute(kind as OrganisationKind | undefined);
  }
}
