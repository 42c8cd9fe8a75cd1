import { IsEmailAddress } from '../http/text-validators';

/** The sign-in form: the address to send a link to, under the one email rule of the API. */
export class SignInFormDto {
  @IsEmailAddress()
  email!: string;
}
