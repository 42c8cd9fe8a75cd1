import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { MigrateCasesInput } from '@compact/application';
import { IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { NOT_BLANK, NotBlank } from '../http/text-validators';

const WORKFLOW = /^[a-z][a-z0-9-]{0,62}\/v\d{1,4}$/;

@ApiSchema({ name: 'MigrateCasesRequest', description: 'Move running cases from one released workflow version to another' })
export class MigrateCasesRequestDto implements MigrateCasesInput {
  @ApiProperty({ example: 'compact-dispute/v1', pattern: WORKFLOW.source, description: 'The version the cases are on' })
  @IsString()
  @Matches(WORKFLOW, { message: 'from must be a workflow version written name/vN, e.g. compact-dispute/v1' })
  from!: string;

  @ApiProperty({ example: 'compact-dispute/v2', pattern: WORKFLOW.source, description: 'The version to move them to' })
  @IsString()
  @Matches(WORKFLOW, { message: 'to must be a workflow version written name/vN, e.g. compact-dispute/v2' })
  to!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this case (it must be on `from`)' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ default: false, description: 'Report what would happen, and write nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @ApiProperty({ maxLength: 2000, ...NOT_BLANK, example: 'Move to v2 for agreements that are followed up', description: 'Why; recorded in each case’s audit trail' })
  @IsString()
  @NotBlank()
  @MaxLength(2000)
  reason!: string;
}
