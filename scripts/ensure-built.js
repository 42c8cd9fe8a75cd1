#!/usr/bin/env node
/*
 * Builds the server and the CLI when dist/ is missing or older than any source file, so that
 * `npm start` and `npm run cli` work straight after `npm ci`. Quiet when everything is current.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const sources = ['apps', 'libs', 'workflows', 'tsconfig.json', 'nest-cli.json', 'package-lock.json'];

function newest(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return /\.(ts|json)$/.test(p) ? stat.mtimeMs : 0;
  return fs.readdirSync(p).reduce((max, name) => (name === 'node_modules' ? max : Math.max(max, newest(path.join(p, name)))), 0);
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const changed = Math.max(...sources.map((s) => newest(path.join(root, s))));
if (built >= changed && !process.argv.includes('--force')) process.exit(0);

console.error('Building the service (first run or sources changed)...');
const nest = path.join(root, 'node_modules', '.bin', 'nest');
for (const app of ['server', 'cli']) execFileSync(nest, ['build', app], { cwd: root, stdio: 'inherit' });
fs.writeFileSync(stamp, new Date().toISOString() + '\n');
