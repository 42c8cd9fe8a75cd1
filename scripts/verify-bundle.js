#!/usr/bin/env node
/*
 * Checks a case bundle (the .zip from GET /cases/:id/bundle) with no database and no service:
 *
 *   node scripts/verify-bundle.js bundle.zip
 *
 * It recomputes the audit chain from history.json alone (the rules are in the bundle's
 * verification.json: canonical JSON, and two entry formats), checks that the chain ends at the
 * head the bundle records, and re-hashes every file under documents/ against the sha256 its citing
 * entry records. Prints what it checked; exit 0 when everything holds, 1 when something does not
 * (each problem named), 2 when the file cannot be read as a bundle.
 */
'use strict';
const crypto = require('node:crypto');
const yauzl = require('yauzl');

const GENESIS = '0'.repeat(64);
const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

/** Keys sorted by UTF-16 code unit, no white space, undefined members left out. */
function canonical(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  throw new TypeError(`cannot encode a ${typeof value}`);
}

function entryHash(e) {
  const { caseId, seq, at, actor, eventType, fromState, toState, prevHash } = e;
  if (e.format === 2) return sha256(canonical({ format: 2, caseId, seq, at, actor, eventType, fromState, toState, payloadDigest: e.payloadDigest, prevHash }));
  return sha256(canonical({ caseId, seq, at, actor, eventType, fromState, toState, payload: e.payload, prevHash }));
}

/** Every problem of the chain (stops at the first broken link: what follows cannot be trusted). */
function checkChain(entries, head) {
  let previous = null;
  for (const e of entries) {
    const where = `entry ${e.seq}`;
    if (e.seq !== (previous ? previous.seq + 1 : 1)) return [`${where}: expected entry ${previous ? previous.seq + 1 : 1}`];
    if (e.prevHash !== (previous ? previous.hash : GENESIS)) return [`${where}: prevHash does not match the entry before`];
    if (previous && e.caseId !== previous.caseId) return [`${where}: belongs to another case`];
    if (e.format === 2 && !e.withheld && sha256(canonical(e.payload)) !== e.payloadDigest) return [`${where}: the payload does not match its digest`];
    if (e.format !== undefined && e.format !== 1 && e.format !== 2) return [`${where}: unknown format ${e.format}`];
    if (e.withheld && e.format !== 2) return [`${where}: a withheld payload needs format 2`];
    if (entryHash(e) !== e.hash) return [`${where}: hash does not match the entry`];
    previous = e;
  }
  const last = previous ? { seq: previous.seq, hash: previous.hash } : { seq: 0, hash: '' };
  if (last.seq !== head.seq || last.hash !== head.hash) return [`the trail ends at entry ${last.seq} (${last.hash}) but the bundle records the head as entry ${head.seq} (${head.hash})`];
  return [];
}

/** The zip's files: small ones as text, documents hashed as they are read (never held whole). */
function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, zip) => {
      if (error) return reject(error);
      const texts = new Map();
      const hashes = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve({ texts, hashes }));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const hash = crypto.createHash('sha256');
          const chunks = [];
          const keep = !entry.fileName.startsWith('documents/');
          stream.on('data', (chunk) => (keep ? chunks.push(chunk) : hash.update(chunk)));
          stream.on('error', reject);
          stream.on('end', () => {
            if (keep) texts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            else hashes.set(entry.fileName, hash.digest('hex'));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/verify-bundle.js bundle.zip');
    return 2;
  }
  let files;
  let history;
  let verification;
  try {
    files = await readZip(file);
    history = JSON.parse(files.texts.get('history.json') ?? 'null');
    verification = JSON.parse(files.texts.get('verification.json') ?? 'null');
    if (!history || !Array.isArray(history.entries) || !verification || !verification.head) throw new Error('history.json or verification.json is missing');
  } catch (error) {
    console.error(`${file} is not a readable case bundle: ${error.message}`);
    return 2;
  }
  const problems = checkChain(history.entries, verification.head);
  const cited = new Map();
  for (const e of history.entries) {
    if (e.withheld || !Array.isArray(e.payload && e.payload.documents)) continue;
    for (const d of e.payload.documents) if (!cited.has(d.sha256)) cited.set(d.sha256, e.seq);
  }
  const listed = new Set();
  for (const d of verification.documents ?? []) {
    listed.add(d.path);
    const actual = files.hashes.get(d.path);
    if (actual === undefined) problems.push(`${d.path}: listed but not in the bundle`);
    else if (actual !== d.sha256) problems.push(`${d.path}: its bytes hash to ${actual}, not ${d.sha256}`);
    else if (!cited.has(d.sha256)) problems.push(`${d.path}: no entry of the trail cites a document with sha256 ${d.sha256}`);
  }
  for (const path of files.hashes.keys()) if (!listed.has(path)) problems.push(`${path}: in the bundle but not listed in verification.json`);
  const withheld = history.entries.filter((e) => e.withheld).length;
  console.log(`Case ${history.reference}: ${history.entries.length} audit entries (${withheld} confidential, content left out), ${listed.size} document(s).`);
  if (problems.length > 0) {
    for (const p of problems) console.log(`NOT VERIFIED: ${p}`);
    return 1;
  }
  console.log(`Verified: the chain holds from entry 1 to the head ${verification.head.hash}, and every document matches the sha256 its entry records.`);
  return 0;
}

main().then((code) => process.exit(code));
