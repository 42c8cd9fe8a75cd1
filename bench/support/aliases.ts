/*
 * Resolves the `@compact/*` path aliases of ../../tsconfig.json at run time for the bench build
 * (tsc keeps the aliases in its output; the service build rewrites them with tsc-alias).
 * Imported first by every bench entry point, so it runs before anything that needs an alias.
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join, resolve } from 'node:path';

/** dist/bench (this file is dist/bench/bench/support/aliases.js once compiled). */
const OUT_ROOT = resolve(__dirname, '..', '..');
const REPO_ROOT = resolve(OUT_ROOT, '..', '..');

const paths: Record<string, string[]> = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.json'), 'utf8')).compilerOptions.paths;
const aliases = new Map(Object.entries(paths).map(([alias, [target]]) => [alias, join(OUT_ROOT, target)]));

const mod = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
const original = mod._resolveFilename;
mod._resolveFilename = function (request: string, ...rest: unknown[]): string {
  const target = aliases.get(request);
  return original.call(this, target ?? request, ...rest);
};

export { OUT_ROOT, REPO_ROOT };
