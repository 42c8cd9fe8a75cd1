import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiResponse } from '@nestjs/swagger';
import type { HeaderObject } from '@nestjs/swagger';
import { ErrorCode } from '@compact/domain';
import { STATUS_OF } from '../http/problem-details';
import { PROBLEM_DOCS, problemExample } from './problem.schema';
import { ref, Schema } from './schema-builders';

/** Every request with an API token: a missing or unknown token, or too many unknown ones from one address. */
export const SIGNED_IN = [ErrorCode.UNAUTHENTICATED, ErrorCode.TOO_MANY_REQUESTS] as const;
/**
 * Every request under /api: a body that cannot be read is refused whatever the route (after the
 * token and the role are checked).
 */
export const UNREADABLE_BODY = [ErrorCode.VALIDATION_FAILED, ErrorCode.MALFORMED_JSON, ErrorCode.PAYLOAD_TOO_LARGE] as const;
/** Routes that take a JSON body: the above, and a body that is not JSON. */
export const JSON_BODY = [...UNREADABLE_BODY, ErrorCode.UNSUPPORTED_MEDIA_TYPE] as const;

const RETRY_AFTER: HeaderObject = { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } };

/**
 * Documents the error responses of an operation: one response per status, each an
 * application/problem+json Problem, naming the codes it can carry (with an example of each).
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) byStatus.set(STATUS_OF[code], [...(byStatus.get(STATUS_OF[code]) ?? []), code]);
  const responses = [...byStatus].sort(([a], [b]) => a - b).map(([status, list]) =>
    ApiResponse({
      status,
      description: list.map((code) => `\`${code}\`: ${PROBLEM_DOCS[code].when}`).join('. '),
      content: {
        'application/problem+json': {
          schema: ref('Problem'),
          examples: Object.fromEntries(list.map((code) => [code, { summary: code, value: problemExample(code) }])),
        },
      },
      ...(status === 429 ? { headers: { 'Retry-After': RETRY_AFTER } } : {}),
    }),
  );
  return applyDecorators(...responses);
}

/** A JSON success response with its schema (and headers, e.g. ETag). */
export function ApiJson(status: number, schema: Schema, description: string, headers?: Record<string, HeaderObject>): MethodDecorator {
  return ApiResponse({ status, description, content: { 'application/json': { schema } }, ...(headers ? { headers } : {}) });
}

/** The ETag of a case: its version, quoted. */
export const CASE_ETAG: Record<string, HeaderObject> = {
  ETag: { description: 'The case version, quoted (e.g. "3"): send it back as If-Match to make an event apply only to that version', schema: { type: 'string', pattern: '^"[0-9]+"$' } },
};

/** A path parameter holding a UUID. */
export const ApiUuidParam = (name: string, description: string) => ApiParam({ name, description, schema: { type: 'string', format: 'uuid' } });
