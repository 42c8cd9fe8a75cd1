#!/usr/bin/env node
/*
 * Lints the OpenAPI document the built service serves: starts dist/ on a temporary SQLite
 * database, fetches /api/docs-json, writes it to dist/openapi.json and runs `redocly lint` with the
 * recommended rules (redocly.yaml). Any error or warning fails (exit 1), each printed with its rule
 * and JSON pointer. Build first (node scripts/ensure-built.js).
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const main = path.join(root, 'dist', 'apps', 'server', 'apps', 'server', 'src', 'main.js');
const out = path.join(root, 'dist', 'openapi.json');
// Redocly sends usage data and looks for updates unless told not to.
const quiet = { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function fetchDocument(port, child, log, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/docs-json`);
      if (res.ok) return await res.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the service did not serve /api/docs-json within ${timeoutMs / 1000} s:\n${log()}`);
}

async function serveDocument() {
  if (!fs.existsSync(main)) throw new Error(`${path.relative(root, main)} is missing: run node scripts/ensure-built.js first`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compact-openapi-'));
  const port = await freePort();
  const env = { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, MAIL_DIR: path.join(dir, 'mail') };
  const child = spawn(process.execPath, [main], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    return await fetchDocument(port, child, () => output);
  } finally {
    if (child.exitCode === null) {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function run() {
  const document = await serveDocument();
  fs.writeFileSync(out, JSON.stringify(document, null, 2) + '\n');
  const bin = path.join(root, 'node_modules', '.bin', 'redocly');
  const lint = spawnSync(bin, ['lint', path.relative(root, out), '--format', 'json', '--max-problems', '1000'], {
    cwd: root,
    env: { ...process.env, ...quiet },
    encoding: 'utf8',
  });
  let report;
  try {
    report = JSON.parse(lint.stdout);
  } catch {
    throw new Error(`redocly lint did not report (exit ${lint.status}):\n${lint.stdout}\n${lint.stderr}`);
  }
  for (const p of report.problems) {
    console.log(`${p.severity.padEnd(7)} ${p.ruleId}  ${p.location?.[0]?.pointer ?? ''}\n        ${p.message}`);
  }
  const { errors, warnings, ignored } = report.totals;
  const summary = `redocly ${report.version}, recommended rules: ${errors} errors, ${warnings} warnings, ${ignored} ignored in ${path.relative(root, out)}`;
  if (errors + warnings > 0) {
    console.error(`OpenAPI lint FAILED: ${summary}`);
    process.exit(1);
  }
  console.log(`OpenAPI lint passed: ${summary}`);
}

run().catch((error) => {
  console.error(`OpenAPI lint could not run: ${error.message}`);
  process.exit(1);
});
