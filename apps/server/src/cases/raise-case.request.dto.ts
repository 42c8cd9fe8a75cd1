import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { RaiseCaseInput } from '@compact/application';
import { CASE_KINDS, CaseKind } from '@compact/domain';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsLocalDate, NOT_BLANK, NotBlank } from '../http/text-validators';

@ApiSchema({ name: 'RaiseCaseRequest', description: 'A breach or disagreement raised by a party against another organisation' })
export class RaiseCaseRequestDto implements RaiseCaseInput {
  @ApiProperty({ format: 'uuid', description: 'The organisation the case is raised against (a public body or VCS organisation, not your own)' })
  @IsUUID()
  respondentOrganisationId!: string;

  @ApiProperty({ enum: CASE_KINDS, description: 'A breach must cite undertakings that bind the respondent; a disagreement may cite none' })
  @IsIn(CASE_KINDS)
  kind!: CaseKind;

  @ApiProperty({ maxLength: 200, ...NOT_BLANK, example: 'Funding ended without three months notice' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ maxLength: 10000, ...NOT_BLANK, example: 'Our youth work grant was ended with two weeks notice and no written rationale.' })
  @IsString()
  @NotBlank()
  @MaxLength(10000)
  summary!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000, description: 'The outcome the claimant wants' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  desiredOutcome?: string | null;

  @ApiProperty({
    format: 'date',
    example: '2026-11-02',
    description: 'When the claimant became aware of the matter, a real date written YYYY-MM-DD (starts the ombudsman time limit)',
  })
  @IsLocalDate()
  becameAwareOn!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-10-28',
    description:
      'If the case is about a decision, the date it was made, YYYY-MM-DD (not in the future). Workflows from ' +
      'compact-dispute/v2 remind the claimant of the time limit for judicial review, counted from it',
  })
  @IsOptional()
  @IsLocalDate()
  decisionDate?: string | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 16 },
    maxItems: 60,
    example: ['4.5'],
    description: 'Cited undertaking ids from GET /api/v1/compact; a breach cites at least one that binds the respondent’s side',
  })
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  undertakings!: string[];
}
