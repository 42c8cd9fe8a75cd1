import { ApiProperty } from '@nestjs/swagger';
import { Allow } from 'class-validator';

/** GET /api/v1/tools/consultation: the two dates, checked by the calculator itself (so that it names every date that is wrong). */
export class ConsultationQueryDto {
  @ApiProperty({ type: String, format: 'date', example: '2027-01-04', description: 'The day the consultation opens, YYYY-MM-DD' })
  @Allow()
  opens?: unknown;

  @ApiProperty({ type: String, format: 'date', example: '2027-03-05', description: 'The day it closes, YYYY-MM-DD (not before `opens`)' })
  @Allow()
  closes?: unknown;
}
