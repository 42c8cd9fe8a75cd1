import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../http/public.decorator';
import { CompactCatalog, CompactIndex, DomainError, Undertaking } from '@compact/domain';

@ApiTags('compact')
@Public()
@Controller('api/v1/compact')
export class CompactController {
  constructor(private readonly compact: CompactIndex) {}

  @Get()
  @ApiOperation({ summary: 'The Compact in force: sections, every undertaking verbatim, the dispute clause and deadline lengths' })
  get(): CompactCatalog {
    return this.compact.catalog;
  }

  @Get('undertakings/:id')
  @ApiOperation({ summary: 'One undertaking by its id (e.g. 4.5; 3.11a is the unnumbered paragraph after 3.11)' })
  undertaking(@Param('id') id: string): Undertaking {
    const found = this.compact.find(id);
    if (!found) throw DomainError.notFound('Undertaking', id);
    return found;
  }
}
