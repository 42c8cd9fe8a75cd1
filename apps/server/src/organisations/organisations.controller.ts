import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller, CreateOrganisationUseCase, ListOrganisationsUseCase } from '@compact/application';
import { DomainError, ErrorCode, Organisation, ORGANISATION_KINDS, OrganisationKind } from '@compact/domain';
import { CurrentCaller } from '../http/current-caller.decorator';
import { Roles } from '../http/roles';
import { ApiJson, ApiProblems, JSON_BODY, SIGNED_IN, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { arrayOf, ref } from '../openapi/schema-builders';
import { CreateOrganisationRequestDto } from './create-organisation.request.dto';

@ApiTags('organisations')
@ApiBearerAuth('bearer')
@Controller('api/v1/organisations')
export class OrganisationsController {
  constructor(
    private readonly createOrganisation: CreateOrganisationUseCase,
    private readonly listOrganisations: ListOrganisationsUseCase,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    operationId: 'createOrganisation',
    summary: 'Create an organisation (administrators)',
    description: 'A public body, VCS organisation or mediator. A name already taken (ignoring case) is 409 ALREADY_EXISTS naming the existing one.',
  })
  @ApiJson(201, ref('Organisation'), 'The organisation')
  @ApiProblems(...SIGNED_IN, ...JSON_BODY, ErrorCode.FORBIDDEN, ErrorCode.ALREADY_EXISTS)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateOrganisationRequestDto): Promise<Organisation> {
    return this.createOrganisation.execute(caller, body);
  }

  @Get()
  @ApiOperation({ operationId: 'listOrganisations', summary: 'List organisations', description: 'Every organisation, or those of one kind (anyone signed in).' })
  @ApiQuery({ name: 'kind', required: false, enum: ORGANISATION_KINDS, description: 'Only organisations of this kind' })
  @ApiJson(200, arrayOf(ref('Organisation')), 'The organisations')
  @ApiProblems(...SIGNED_IN, ...UNREADABLE_BODY)
  list(@Query('kind') kind?: string): Promise<Organisation[]> {
    if (kind !== undefined && !ORGANISATION_KINDS.includes(kind as OrganisationKind)) {
      throw DomainError.validation([{ field: 'kind', message: `must be one of: ${ORGANISATION_KINDS.join(', ')}` }]);
    }
    return this.listOrganisations.execute(kind as OrganisationKind | undefined);
  }
}
