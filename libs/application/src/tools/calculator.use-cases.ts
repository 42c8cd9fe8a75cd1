import { Injectable } from '@nestjs/common';
import { CompactIndex } from '@compact/domain';
import { answerConsultation, answerNotice, ConsultationAnswer, NoticeAnswer } from './calculator-answers';

/** Undertaking 4.5: is notice given on `given` of funding ending on `ends` at least three months? Public; reads nothing stored. */
@Injectable()
export class CheckNoticeUseCase {
  constructor(private readonly compact: CompactIndex) {}

  execute(given: unknown, ends: unknown): NoticeAnswer {
    return answerNotice(this.compact, given, ends);
  }
}

/** Undertaking 2.4: is a consultation open from `opens` to `closes` 12 weeks long? Public; reads nothing stored. */
@Injectable()
export class CheckConsultationUseCase {
  constructor(private readonly compact: CompactIndex) {}

  execute(opens: unknown, closes: unknown): ConsultationAnswer {
    return answerConsultation(this.compact, opens, closes);
  }
}
