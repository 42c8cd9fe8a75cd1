import { ApiPropertyOptional } from '@nestjs/swagger';
import { ListCasesInput } from '@compact/application';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

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
