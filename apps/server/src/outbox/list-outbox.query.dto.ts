import { ApiPropertyOptional } from '@nestjs/swagger';
import { ListOutboxInput } from '@compact/application';
import { OUTBOX_STATUSES, OutboxStatus } from '@compact/domain';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListOutboxQueryDto implements ListOutboxInput {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES, description: 'failed: what could not be delivered to someone' })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES, { message: `must be one of: ${OUTBOX_STATUSES.join(', ')}` })
  status?: OutboxStatus;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
