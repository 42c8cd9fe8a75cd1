import { FieldError } from '@compact/domain';

/** Objects and arrays nested deeper than this are refused: no request of this API comes near it. */
export const MAX_BODY_DEPTH = 32;

const field = (path: string) => path || '(body)';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text no database column can hold as given: a lone surrogate (not Unicode), or NUL (PostgreSQL refuses it). */
function textProblem(text: string): string | null {
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds half of a surrogate pair)';
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  return null;
}

/**
 * The first thing in a parsed body that no field of any request may hold: nesting deeper than
 * MAX_BODY_DEPTH, or a key or string that is not storable text. Walks the value with its own
 * stack (never recursion), so no body can exhaust the call stack.
 */
export function bodyShapeProblem(body: unknown, maxDepth = MAX_BODY_DEPTH): FieldError | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) return { field: field(path), message: problem };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return { field: '(body)', message: `must not nest objects and arrays more than ${maxDepth} deep` };
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) return { field: field(path), message: `field names ${problem}` };
      stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return null;
}
