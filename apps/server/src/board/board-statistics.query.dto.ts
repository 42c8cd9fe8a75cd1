import { ApiPropertyOptional } from '@nestjs/swagger';
import type { RaisedRange } from '@compact/application';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class BoardStatisticsQueryDto implements RaisedRange {
  @ApiPropertyOptional({ format: 'date', description: 'Count only the cases raised on or after this date (Europe/London), YYYY-MM-DD', example: '2026-01-01' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  raisedFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Count only the cases raised on or before this date (Europe/London), YYYY-MM-DD; not before raisedFrom', example: '2026-12-31' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  raisedTo?: string;
}
