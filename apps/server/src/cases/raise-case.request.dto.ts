import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RaiseCaseInput } from '@compact/application';
import { CASE_KINDS, CaseKind } from '@compact/domain';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsLocalDate, NotBlank } from '../http/text-validators';

export class RaiseCaseRequestDto implements RaiseCaseInput {
  @ApiProperty({ format: 'uuid', description: 'The organisation the case is raised against' })
  @IsUUID()
  respondentOrganisationId!: string;

  @ApiProperty({ enum: CASE_KINDS, description: 'A breach must cite undertakings that bind the respondent; a disagreement may cite none' })
  @IsIn(CASE_KINDS)
  kind!: CaseKind;

  @ApiProperty({ maxLength: 200, example: 'Funding ended without three months notice' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ maxLength: 10000 })
  @IsString()
  @NotBlank()
  @MaxLength(10000)
  summary!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  desiredOutcome?: string | null;

  @ApiProperty({ example: '2026-11-02', description: 'When the claimant became aware of the matter (starts the ombudsman time limit)' })
  @IsLocalDate()
  becameAwareOn!: string;

  @ApiProperty({ type: [String], example: ['4.5'], description: 'Cited undertaking ids from GET /api/v1/compact' })
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  undertakings!: string[];
}
