import { ErrorCode } from '@compact/domain';

/** What is wrong with a request body that could not be read, in the service's terms. */
export interface BodyProblem {
  code: ErrorCode;
  detail: string;
}

export const BODY_LIMIT_KB = 100;
export const FORM_FIELD_LIMIT = 500;

/** body-parser's and raw-body's error types. */
const BY_TYPE: Record<string, BodyProblem> = {
  'entity.parse.failed': { code: ErrorCode.MALFORMED_JSON, detail: 'The request body is not valid JSON' },
  'entity.too.large': { code: ErrorCode.PAYLOAD_TOO_LARGE, detail: `The request body is larger than ${BODY_LIMIT_KB} kB` },
  'parameters.too.many': { code: ErrorCode.PAYLOAD_TOO_LARGE, detail: `The request body has more than ${FORM_FIELD_LIMIT} fields` },
  'encoding.unsupported': { code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, detail: 'The request body encoding is not supported' },
  'charset.unsupported': { code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, detail: 'The request body charset is not supported' },
  'request.aborted': { code: ErrorCode.VALIDATION_FAILED, detail: 'The request body was not received completely' },
  'request.size.invalid': { code: ErrorCode.VALIDATION_FAILED, detail: 'The request body is not as long as its Content-Length says' },
};

const UNDECODABLE: BodyProblem = {
  code: ErrorCode.MALFORMED_JSON,
  detail: 'The request body could not be decompressed: it is not what its Content-Encoding says',
};

/**
 * The problem with a body the parsers refused, or null for anything else. A body whose
 * Content-Encoding lies (gzip that is not gzip, truncated, broken deflate or brotli) fails inside
 * zlib, whose errors carry a numeric `errno` and a `Z_…` or `ERR_…` code.
 */
export function bodyProblemOf(error: unknown): BodyProblem | null {
  if (typeof error !== 'object' || error === null) return null;
  const { type, code, errno } = error as { type?: unknown; code?: unknown; errno?: unknown };
  if (typeof type === 'string' && Object.hasOwn(BY_TYPE, type)) return BY_TYPE[type];
  if (typeof errno === 'number' && typeof code === 'string' && /^(?:Z_|ERR_)/.test(code)) return UNDECODABLE;
  return null;
}
