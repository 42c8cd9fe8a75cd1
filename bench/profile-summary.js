#!/usr/bin/env node
/*
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, or `node bench/run-all.js --profile`):
 * self time by package / product lib, the hottest functions by self time, and inclusive time
 * of selected product functions. Usage: node bench/profile-summary.js FILE.cpuprofile [--top=25]
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function category(url, functionName) {
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'program (native, unattributed)';
    return `native: ${functionName || '(anonymous)'}`;
  }
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node core';
  const m = /dist\/[^/]+\/(apps\/\w+|libs\/\w+|workflows|bench|test)\//.exec(url);
  if (m) return `product: ${m[1]}`;
  return url;
}

function summarise(file, top) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Self time per node from the sample timeline.
  const self = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = deltas[i + 1] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  let total = 0;
  let idle = 0;
  const cats = new Map();
  const fns = new Map();
  for (const [id, us] of self) {
    const n = byId.get(id);
    const { url, functionName, lineNumber } = n.callFrame;
    total += us;
    if (functionName === '(idle)') idle += us;
    const cat = category(url, functionName);
    cats.set(cat, (cats.get(cat) ?? 0) + us);
    const key = `${functionName || '(anonymous)'}  ${url ? path.basename(url) + ':' + (lineNumber + 1) : ''} [${cat}]`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const busy = total - idle;
  const pct = (us) => `${((us / busy) * 100).toFixed(1).padStart(5)} %`;
  console.log(`profile ${path.basename(file)}: ${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy (percentages of busy time)`);
  console.log('\nself time by package / product lib:');
  for (const [cat, us] of [...cats].filter(([c]) => c !== 'idle').sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${pct(us)}  ${cat}`);
  }
  console.log(`\nhottest functions (self time), top ${top}:`);
  for (const [key, us] of [...fns].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${pct(us)}  ${key}`);
  }
  // Inclusive time of product functions (a function's samples and its callees', counted once per sample).
  const inclusive = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = deltas[i + 1] ?? 0;
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const { url, functionName, lineNumber } = byId.get(id).callFrame;
      if (!/dist\/[^/]+\/(apps|libs|workflows)\//.test(url) && !/typeorm\/.*(EntityManager|DataSource|SelectQueryBuilder|InsertQueryBuilder|UpdateQueryBuilder)\.js$/.test(url)) continue;
      const key = `${functionName || '(anonymous)'}  ${path.basename(url)}:${lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  }
  console.log(`\ninclusive time of product (and TypeORM entry) functions, top ${top}:`);
  for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${key}`);
}

const args = process.argv.slice(2);
const top = Number((args.find((a) => a.startsWith('--top=')) ?? '--top=25').slice(6));
const files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  console.error('usage: node bench/profile-summary.js FILE.cpuprofile [--top=25]');
  process.exit(2);
}
for (const f of files) summarise(f, top);
