import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CheckConsultationUseCase, CheckNoticeUseCase, ConsultationAnswer, NoticeAnswer } from '@compact/application';
import { Public } from '../http/public.decorator';
import { ApiJson, ApiProblems, UNREADABLE_BODY } from '../openapi/api-responses.decorators';
import { ref } from '../openapi/schema-builders';
import { ConsultationQueryDto } from './consultation.query.dto';
import { NoticeQueryDto } from './notice.query.dto';

/** The Compact's calculators: public, pure (nothing is read or written), the same answers as /tools/notice and /tools/consultation. */
@ApiTags('tools')
@Public()
@Controller('api/v1/tools')
export class ToolsController {
  constructor(
    private readonly notice: CheckNoticeUseCase,
    private readonly consultation: CheckConsultationUseCase,
  ) {}

  @Get('notice')
  @ApiOperation({
    operationId: 'checkNotice',
    summary: 'Check notice of a funding change (undertaking 4.5)',
    description:
      'Whether notice given on `given` that funding ends (or changes) on `ends` is at least three calendar months, ' +
      'the shortfall in days and the date by which notice should have been given, with the undertaking verbatim and ' +
      'the answer in words. A month end with no such day in the third month counts as that month’s last day. No token needed.',
    security: [],
  })
  @ApiJson(200, ref('NoticeCheck'), 'The answer')
  @ApiProblems(...UNREADABLE_BODY)
  checkNotice(@Query() query: NoticeQueryDto): NoticeAnswer {
    return this.notice.execute(query.given, query.ends);
  }

  @Get('consultation')
  @ApiOperation({
    operationId: 'checkConsultation',
    summary: 'Check the length of a consultation (undertaking 2.4)',
    description:
      'Whether a consultation open from `opens` to `closes` runs for 12 weeks (84 days), and how many days it falls short, ' +
      'with the undertaking verbatim and its exception (a shorter time-frame needs clear explanations) in words. No token needed.',
    security: [],
  })
  @ApiJson(200, ref('ConsultationCheck'), 'The answer')
  @ApiProblems(...UNREADABLE_BODY)
  checkConsultation(@Query() query: ConsultationQueryDto): ConsultationAnswer {
    return this.consultation.execute(query.opens, query.closes);
  }
}
