/**
 * Whether a request is for the API (or /health), whatever the case of its letters: such requests
 * are answered in problem+json, never with a page. Routes themselves match case-sensitively, so
 * `/API/v1/cases` reaches no route and is a problem+json 404.
 */
export function isApiPath(path: string): boolean {
  return /^\/api(?:\/|$)/i.test(path) || /^\/health\/?$/i.test(path);
}

/** The Swagger UI and its assets, under /api/docs. */
export function isApiDocsPath(path: string): boolean {
  return /^\/api\/docs(?:\/|$)/.test(path);
}
