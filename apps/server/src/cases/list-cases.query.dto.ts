import { ApiPropertyOptional } from '@nestjs/swagger';
import { ListCasesInput } from '@compact/application';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class ListCasesQueryDto implements ListCasesInput {
  @ApiPropertyOptional({ maxLength: 32, description: 'Only cases at this top-level stage, of whichever installed workflow version each case runs on' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  state?: string;

  @ApiPropertyOptional({ maxLength: 16, description: 'Only cases citing this undertaking of the Compact, e.g. 4.5' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  undertaking?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Cases in which this organisation takes part' })
  @IsOptional()
  @IsUUID()
  organisation?: string;

  @ApiPropertyOptional({ enum: ['claimant', 'respondent', 'mediator'], description: 'With `organisation`: only cases in which it takes this part' })
  @IsOptional()
  @IsIn(['claimant', 'respondent', 'mediator'])
  part?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    pattern: '^(open|monitoring|resolved|withdrawn|closed)(,(open|monitoring|resolved|withdrawn|closed))*$',
    description:
      'Only cases with one of these outcomes, comma-separated (what the case’s own workflow version says its state means): ' +
      '`open`, `monitoring` (an agreement being carried out), `resolved`, `withdrawn`, `closed`',
    example: 'monitoring,resolved,closed',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  outcome?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Only cases raised on or after this date (Europe/London), YYYY-MM-DD', example: '2026-01-01' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  raisedFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Only cases raised on or before this date (Europe/London), YYYY-MM-DD; not before raisedFrom', example: '2026-12-31' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  raisedTo?: string;

  @ApiPropertyOptional({ maxLength: 32, description: 'Only cases resolved (or settled on an agreement to carry out) at this top-level stage, of whichever installed version each case runs on' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  resolvedStage?: string;

  @ApiPropertyOptional({ type: 'boolean', description: 'true: only cases in which a deadline was missed (open or not)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  missed?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only cases in which this organisation missed a deadline it had to meet' })
  @IsOptional()
  @IsUUID()
  missedBy?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    description:
      'Words to find in the reference, title and summary: every word must be there, the last one may be the start of a word; ' +
      'punctuation and search operators only separate words. A case reference (e.g. SOUTHAMPTON-2026-0001) finds that case alone. ' +
      '1 to 200 characters once trimmed, at most 20 words, no control characters.',
    example: 'funding notice',
  })
  @IsOptional()
  @IsString()
  q?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Cases per page' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
