#!/usr/bin/env node
/*
 * Compiles the benchmarks (and the product sources they import) with the repo's TypeScript into
 * dist/bench/, incrementally. The `@compact/*` aliases are resolved at run time by
 * bench/support/aliases.ts. Usage: node bench/build.js
 */
'use strict';
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function buildBench() {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(__dirname, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  return path.join(root, 'dist', 'bench', 'bench');
}

module.exports = { buildBench };

if (require.main === module) {
  const started = Date.now();
  buildBench();
  console.error(`bench build: ${((Date.now() - started) / 1000).toFixed(1)} s -> dist/bench/`);
}
