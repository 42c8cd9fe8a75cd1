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
const sources = ['apps', 'libs', 'workflows', 'tsconfig.json', 'package-lock.json'];
const extensions = /\.(ts|json|scss)$/;

function newest(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return extensions.test(p) && !/\.spec\.ts$/.test(p) ? stat.mtimeMs : 0;
  return fs.readdirSync(p).reduce((max, name) => (name === 'node_modules' ? max : Math.max(max, newest(path.join(p, name)))), 0);
}

const force = process.argv.includes('--force');
const upToDate = () => {
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  return built >= Math.max(...sources.map((s) => newest(path.join(root, s))));
};
if (!force && upToDate()) process.exit(0);

// One build at a time (parallel test files may ask together): a lock directory, waited on.
const lock = path.join(root, '.build-lock');
const started = Date.now();
for (;;) {
  try {
    fs.mkdirSync(lock);
    break;
  } catch {
    if (Date.now() - started > 180_000) fs.rmSync(lock, { recursive: true, force: true });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
}
try {
  if (force || !upToDate()) {
    console.error('Building the service (first run or sources changed)...');
    // The TypeScript compiler, then tsc-alias to turn the @compact/* path aliases into relative requires.
    const bin = (name) => path.join(root, 'node_modules', '.bin', name);
    for (const app of ['server', 'cli']) {
      const project = path.join('apps', app, 'tsconfig.app.json');
      fs.rmSync(path.join(root, 'dist', 'apps', app), { recursive: true, force: true });
      execFileSync(bin('tsc'), ['-p', project], { cwd: root, stdio: 'inherit' });
      execFileSync(bin('tsc-alias'), ['-p', project], { cwd: root, stdio: 'inherit' });
    }
    execFileSync(process.execPath, [path.join(__dirname, 'build-styles.js')], { cwd: root, stdio: 'inherit' });
    fs.mkdirSync(path.dirname(stamp), { recursive: true });
    fs.writeFileSync(stamp, new Date().toISOString() + '\n');
  }
} finally {
  fs.rmSync(lock, { recursive: true, force: true });
}
