/*
 * The flags Node.js runs the service with, wherever it is started: `npm start` (package.json),
 * the tests' and the benches' child servers. One list, so that what is measured is what ships.
 *
 * --max-semi-space-size=2: V8's young generation capped at 2 MB a semi-space (Node 20's default
 * grows to 16 MB). The service's work is many short requests that each allocate a little; a small
 * young generation is collected more often but keeps the resident memory of a busy instance about
 * 25 MB lower (bench/documents.bench.ts: 120 MB at start-up instead of 146 MB, and under 200 MB
 * through a 20 MB upload and download on PostgreSQL).
 */
module.exports = ['--max-semi-space-size=2'];
