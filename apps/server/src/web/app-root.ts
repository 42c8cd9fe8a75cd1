import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | null = null;

/** The folder holding this project's package.json, found from here whether running from source or dist. */
export function appRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'compact-disputes') return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the project root (package.json of compact-disputes)');
    dir = parent;
  }
}
