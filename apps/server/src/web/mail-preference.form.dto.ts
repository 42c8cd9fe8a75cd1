import { MAIL_FREQUENCIES } from '@compact/domain';
import { IsIn } from 'class-validator';

/** The "Your email" form: every email as it happens, or one daily digest. */
export class MailPreferenceFormDto {
  @IsIn(MAIL_FREQUENCIES)
  frequency!: string;
}
