import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../http/public.decorator';
import { CompactCatalog, CompactIndex, DomainError, ErrorCode, Undertaking } from '@compact/domain';
import { ApiJson, ApiProblems, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { ref } from '../openapi/schema-builders';

@ApiTags('compact')
@Public()
@Controller('api/v1/compact')
export class CompactController {
  constructor(private readonly compact: CompactIndex) {}

  @Get()
  @ApiOperation({
    operationId: 'getCompact',
    summary: 'Get the Compact in force',
    description: 'Its sections, every undertaking verbatim with the side it binds, the dispute clause and the deadline lengths. No token needed.',
    security: [],
  })
  @ApiJson(200, ref('Compact'), 'The Compact')
  @ApiProblems(...UNREADABLE_BODY)
  get(): CompactCatalog {
    return this.compact.catalog;
  }

  @Get('undertakings/:id')
  @ApiOperation({
    operationId: 'getUndertaking',
    summary: 'Get one undertaking',
    description: 'By its id (e.g. 4.5; 3.11a is the unnumbered paragraph after 3.11). No token needed.',
    security: [],
  })
  @ApiParam({ name: 'id', description: 'The undertaking id, as GET /api/v1/compact lists them', schema: { type: 'string', example: '4.5' } })
  @ApiJson(200, ref('Undertaking'), 'The undertaking, verbatim')
  @ApiProblems(...UNREADABLE_BODY, ErrorCode.NOT_FOUND)
  undertaking(@Param('id') id: string): Undertaking {
    const found = this.compact.find(id);
    if (!found) throw DomainError.notFound('Undertaking', id);
    return found;
  }
}
