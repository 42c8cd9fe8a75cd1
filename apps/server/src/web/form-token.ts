import { timingSafeEqual } from 'node:crypto';
import { DomainError, ErrorCode } from '@compact/domain';

/** Whether a form's `_csrf` field is the token its page was given (compared in constant time). */
export function formTokenMatches(body: unknown, token: string): boolean {
  const sent = (body as { _csrf?: unknown } | undefined)?._csrf;
  if (typeof sent !== 'string') return false;
  const x = Buffer.from(sent);
  const y = Buffer.from(token);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The refusal of a form whose token does not match (the error page says so, with 403). */
export const formExpired = (): DomainError =>
  new DomainError(ErrorCode.FORBIDDEN, 'The form has expired or did not come from this service. Go back, reload the page and try again.');
