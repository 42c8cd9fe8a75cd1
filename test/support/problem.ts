import { ApiResponse } from './api-client';

/** The essentials of an error response, for one readable `toEqual`. */
export function problemOf(res: ApiResponse): { status: number; contentType: string; code: unknown } {
  return { status: res.status, contentType: res.contentType.split(';')[0].trim(), code: res.body?.code };
}

/** The fields named by a VALIDATION_FAILED problem (`errors[].field`). */
export function fieldsOf(res: ApiResponse): string[] {
  const errors = (res.body as { errors?: Array<{ field: string }> } | undefined)?.errors;
  return Array.isArray(errors) ? errors.map((e) => e.field) : [];
}

/** Asserts an application/problem+json answer with this status and code (and, if given, naming these fields). */
export function expectProblem(res: ApiResponse, status: number, code: string, fields?: string[]): void {
  expect(problemOf(res)).toEqual({ status, contentType: 'application/problem+json', code });
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  if (fields) expect(fieldsOf(res)).toEqual(expect.arrayContaining(fields));
}
