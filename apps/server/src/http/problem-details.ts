import { HttpException } from '@nestjs/common';
import { DomainError, ErrorCode } from '@compact/domain';
import { bodyProblemOf } from './body-errors';

/** HTTP status for every error code; exhaustive, so a new code cannot ship without a status. */
export const STATUS_OF: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.MALFORMED_JSON]: 400,
  // The API contract answers oversize bodies with 400 like every other unusable body.
  [ErrorCode.PAYLOAD_TOO_LARGE]: 400,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.FORBIDDEN_EVENT]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.ALREADY_EXISTS]: 409,
  [ErrorCode.TRANSITION_NOT_ALLOWED]: 409,
  [ErrorCode.VERSION_CONFLICT]: 409,
  [ErrorCode.SELF_DEACTIVATION]: 409,
  [ErrorCode.USER_DEACTIVATED]: 409,
  [ErrorCode.TOO_MANY_REQUESTS]: 429,
  [ErrorCode.MESSAGE_EXPIRED]: 409,
  [ErrorCode.PRECONDITION_INVALID]: 400,
  [ErrorCode.DOCUMENT_TOO_LARGE]: 413,
  [ErrorCode.CASE_DOCUMENTS_FULL]: 413,
  [ErrorCode.TOO_MANY_DOCUMENTS]: 400,
  [ErrorCode.DOCUMENT_TYPE_NOT_ALLOWED]: 415,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL]: 500,
};

const TITLES: Record<ErrorCode, string> = {
  [ErrorCode.VALIDATION_FAILED]: 'The request is not valid',
  [ErrorCode.MALFORMED_JSON]: 'The body is not valid JSON',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'The body is too large',
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'Send JSON',
  [ErrorCode.UNAUTHENTICATED]: 'Authentication required',
  [ErrorCode.FORBIDDEN]: 'Not allowed',
  [ErrorCode.FORBIDDEN_EVENT]: 'You may not send this event',
  [ErrorCode.NOT_FOUND]: 'Not found',
  [ErrorCode.ALREADY_EXISTS]: 'Already exists',
  [ErrorCode.TRANSITION_NOT_ALLOWED]: 'Not possible in the current state',
  [ErrorCode.VERSION_CONFLICT]: 'The case has changed',
  [ErrorCode.SELF_DEACTIVATION]: 'You cannot deactivate yourself',
  [ErrorCode.USER_DEACTIVATED]: 'The person was deactivated',
  [ErrorCode.TOO_MANY_REQUESTS]: 'Too many requests',
  [ErrorCode.MESSAGE_EXPIRED]: 'The message has expired',
  [ErrorCode.PRECONDITION_INVALID]: 'Bad precondition',
  [ErrorCode.DOCUMENT_TOO_LARGE]: 'The document is too large',
  [ErrorCode.CASE_DOCUMENTS_FULL]: 'The case has no room for this document',
  [ErrorCode.TOO_MANY_DOCUMENTS]: 'Too many documents',
  [ErrorCode.DOCUMENT_TYPE_NOT_ALLOWED]: 'This type of document is not accepted',
  [ErrorCode.SERVICE_UNAVAILABLE]: 'Service unavailable',
  [ErrorCode.INTERNAL]: 'Internal error',
};

/** RFC 9457 problem details with this service's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance: string;
  [extension: string]: unknown;
}

/** The problem for a code, as every error response carries it (also the examples of the OpenAPI document). */
export function problem(code: ErrorCode, detail: string, instance: string, extra: Record<string, unknown> = {}): Problem {
  return {
    // Extensions first: they can never overwrite the standard members.
    ...extra,
    type: `urn:compact-disputes:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[code],
    status: STATUS_OF[code],
    code,
    detail,
    instance,
  };
}

const HTTP_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.NOT_FOUND,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.TOO_MANY_REQUESTS,
};

/** Maps anything thrown to a problem; `internal` is true when it is a fault of ours (to be logged). */
export function toProblem(error: unknown, instance: string): { problem: Problem; internal: boolean } {
  if (error instanceof DomainError) {
    return { problem: problem(error.code, error.message, instance, error.details), internal: error.code === ErrorCode.INTERNAL };
  }
  const body = bodyProblemOf(error);
  if (body) return { problem: problem(body.code, body.detail, instance), internal: false };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = HTTP_CODES[status];
    if (code) {
      const detail = status === 404 ? `Nothing is at ${instance}` : error.message;
      return { problem: problem(code, detail, instance), internal: false };
    }
  }
  return { problem: problem(ErrorCode.INTERNAL, 'Something went wrong on our side; nothing was saved', instance), internal: true };
}
