#!/usr/bin/env node
/*
 * Runs the benchmarks, each in a fresh Node process, and prints a summary with baselines and
 * ratios. Builds them first (bench/build.js, incremental tsc into dist/bench/).
 *
 *   node bench/run-all.js [--quick] [--only=raw,engine,http,memory,timer-poll,timer-fire,outbox,pg-events,scale,documents]
 *                         [--rounds=N] [--profile] [--json=FILE] [--no-build]
 *
 * --quick    fewer and shorter rounds, 20,000 events for the memory run, 500 cases for timer-fire,
 *            3,000 messages for outbox (timer-poll keeps its 1,000,000 timers); skips the long
 *            PostgreSQL and scale benches (pg-events, scale) unless they are named in --only
 * --profile  V8 CPU profiles of every bench process (and of the HTTP server) into
 *            dist/bench/profiles/, summarised with bench/profile-summary.js
 * Never fails on a missed target: figures are reported, not asserted. Exits non-zero only when a
 * benchmark itself fails.
 */
'use strict';
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { buildBench } = require('./build');

const BENCHES = {
  raw: 'raw-sqlite.bench.js',
  engine: 'engine-events.bench.js',
  http: 'http-events.bench.js',
  memory: 'memory.bench.js',
  'timer-poll': 'timer-poll.bench.js',
  'timer-fire': 'timer-fire.bench.js',
  outbox: 'outbox.bench.js',
  'pg-events': 'postgres-events.bench.js',
  scale: 'scale.bench.js',
  documents: 'documents.bench.js',
};
/** Long (and needing PostgreSQL on 127.0.0.1:5432): run in full mode, or with --quick only when named in --only. */
const FULL_ONLY = new Set(['pg-events', 'scale']);

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const value = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function runBench(file, benchArgs, execArgv) {
  return new Promise((resolve, reject) => {
    let result = null;
    const child = fork(file, benchArgs, { cwd: root, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (msg) => {
      if (msg && msg.kind === 'bench-result') result = msg.result;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`${path.basename(file)} exited with ${code}`))));
  });
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

async function main() {
  const started = Date.now();
  const named = value('only');
  const only = (named ?? Object.keys(BENCHES).filter((n) => !(flag('quick') && FULL_ONLY.has(n))).join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of only) if (!BENCHES[name]) throw new Error(`unknown bench '${name}'; known: ${Object.keys(BENCHES).join(', ')}`);
  const cpus = os.cpus();
  console.log(
    `Compact disputes benchmarks — node ${process.version}, ${process.platform} ${process.arch}, ` +
      `${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${new Date().toISOString()}` +
      `${flag('quick') ? ' (quick)' : ''}`,
  );
  const outDir = flag('no-build') ? path.join(root, 'dist', 'bench', 'bench') : buildBench();
  const profileDir = path.join(root, 'dist', 'bench', 'profiles');
  if (flag('profile')) fs.mkdirSync(profileDir, { recursive: true });

  const benchArgs = [flag('quick') ? '--quick' : null, value('rounds') ? `--rounds=${value('rounds')}` : null].filter(Boolean);
  const results = [];
  let failed = false;
  for (const name of only) {
    console.log(`\n======== ${name} ========`);
    const execArgv = ['--expose-gc'];
    const extra = [...benchArgs];
    if (flag('profile')) {
      execArgv.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`);
      if (name === 'http') {
        extra.push('--server-node-arg=--cpu-prof', `--server-node-arg=--cpu-prof-dir=${profileDir}`, `--server-node-arg=--cpu-prof-name=http-server-${Date.now()}.cpuprofile`);
      }
    }
    try {
      results.push(await runBench(path.join(outDir, BENCHES[name]), extra, execArgv));
    } catch (error) {
      failed = true;
      console.error(`!! ${name} failed: ${error.message}`);
    }
  }

  console.log(`\n======== summary (medians; each ratio uses the baseline measured in the same bench run) ========`);
  const rows = [['bench', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', 'met?']];
  for (const r of results) {
    for (const row of r.rows) {
      rows.push([row.bench, row.metric, row.value, row.baseline, row.ratio, row.target, row.met === null ? '' : (row.met ? 'yes' : 'NO') + (row.noisy ? ' (noisy run)' : '')]);
    }
  }
  table(rows);
  for (const r of results) if (r.data && r.data.noise) console.log(`\n${r.name}: ${r.data.noise}`);
  const seconds = (Date.now() - started) / 1000;
  console.log(`\ntotal ${seconds.toFixed(0)} s${flag('profile') ? `; CPU profiles in ${path.relative(root, profileDir)}/ (node bench/profile-summary.js FILE)` : ''}`);
  const json = value('json');
  if (json) {
    const cpuModel = cpus[0]?.model.trim();
    fs.writeFileSync(json, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus.length, cpuModel, quick: flag('quick'), results }, null, 2));
    console.log(`results written to ${json}`);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
