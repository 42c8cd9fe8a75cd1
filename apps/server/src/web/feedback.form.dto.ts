import { FEEDBACK_COMMENT_MAX_LENGTH } from '@compact/domain';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

const SCALE = ['1', '2', '3', '4', '5'];

/** The feedback form as posted: three 1–5 scales, a yes or no, and an optional comment. */
export class FeedbackFormDto {
  @IsIn(SCALE)
  fair!: string;

  @IsIn(SCALE)
  understood!: string;

  @IsIn(SCALE)
  timely!: string;

  @IsIn(['yes', 'no'])
  useAgain!: string;

  @IsOptional()
  @IsString()
  @MaxLength(FEEDBACK_COMMENT_MAX_LENGTH)
  comment?: string;
}
