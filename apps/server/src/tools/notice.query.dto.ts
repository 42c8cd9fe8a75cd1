import { ApiProperty } from '@nestjs/swagger';
import { Allow } from 'class-validator';

/** GET /api/v1/tools/notice: the two dates, checked by the calculator itself (so that it names every date that is wrong). */
export class NoticeQueryDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-12-01', description: 'When notice of the change or end of funding was given, YYYY-MM-DD' })
  @Allow()
  given?: unknown;

  @ApiProperty({ type: String, format: 'date', example: '2027-01-31', description: 'When the funding changes or ends, YYYY-MM-DD (not before `given`)' })
  @Allow()
  ends?: unknown;
}
