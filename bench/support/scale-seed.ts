/*
 * A database of N cases for bench/scale.bench.ts, made of the product's own rows. The built server
 * (a child process, `npm start`'s entry point) creates the schema with the product's migrations and
 * raises a few dozen template cases over HTTP, as people would: each at a different place on the
 * default workflow's path (raised, negotiating, in mediation, formal, monitoring, resolved,
 * closed …), citing different undertakings, with ADD_NOTE events so that each trail holds about
 * `entriesPerCase` audit entries. With the server stopped, the templates are then copied in bulk
 * SQL until there are N cases: every row the product keeps for a case (cases with their summary
 * columns, case_participants, case_undertakings, audit_entries, case_timers, case_stage_stays,
 * case_missed_deadlines,
 * case_search) is copied with a new case id and reference, a title ending in one of AREAS (so
 * that a search for an area matches 1 case in AREAS.length), and its instants moved back by up to
 * four years (so the cases spread over several years). Pending timers keep their due instants (in
 * the future), so nothing falls due during the bench. Copied trails keep the template's hashes, so
 * their hash chains do not verify: nothing here measures verification.
 * Outbox mail and feedback invitations of the templates are not copied.
 */
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseSearchDocument } from '@compact/domain';
import { compactDisputeV2 } from '@compact/workflows';
import { ApiClient } from '../../test/support/api-client';
import { CaseFactory } from '../../test/support/case-factory';
import { Parties, seedParties } from '../../test/support/parties.fixture';
import { freePort } from '../../test/support/server-process';
import { ADMIN_TOKEN } from '../../test/support/test-app';
import { createTestDatabase, TestDatabase } from '../../test/support/test-database';
import { V2_PLACEMENTS, V2Placement } from '../../test/support/v2-placements';
import { BenchSql, Dialect, openBenchSql } from './bench-sql';
import { BuiltServer } from './built-server';

/** Words that end the copies' titles; a search for one matches 1 case in AREAS.length. */
export const AREAS = [
  'Bassett', 'Bevois', 'Bargate', 'Bitterne', 'Coxford', 'Freemantle', 'Harefield', 'Millbrook', 'Peartree', 'Portswood',
  'Redbridge', 'Shirley', 'Sholing', 'Swaythling', 'Woolston', 'Thornhill', 'Weston', 'Lordshill', 'Townhill', 'Ocean',
];

/** Where the templates stand on the path: more of them finished than open, as in a service running for years. */
const TEMPLATE_PLACES: V2Placement[] = [
  'raised', 'discussing', 'proposalByClaimant', 'negotiationFailed', 'awaitingMediator', 'inMediation', 'mediationDeclined',
  'formal', 'monitoring', 'monitoringAfterMediation', 'reopenedInNegotiation', 'resolved', 'resolved', 'resolvedAfterConfirmation',
  'closed', 'closed', 'closed', 'closed',
];
const UNDERTAKINGS = [['4.5'], ['3.2'], ['4.1', '4.5'], ['2.3'], ['5.1'], ['3.7', '3.8'], ['1.4'], ['4.4']];
const TITLES = [
  'Funding ended without three months notice',
  'Consultation on the youth services plan skipped',
  'Grant conditions changed in the middle of the year',
  'Premises lease offered to the sector withdrawn',
];
const SPREAD_MS = 4 * 365 * 86_400_000;
/** Copies written per transaction. */
const CLONES_PER_BATCH = 250;
/** Bound values per INSERT (SQLite allows 32,766; PostgreSQL 65,535). */
const MAX_PARAMS = 30_000;

export interface ScaleDatabase {
  db: TestDatabase;
  dialect: Dialect;
  parties: Parties;
  cases: number;
  auditEntries: number;
  /** Ids of the cases, for events and lookups (templates first, then copies). */
  caseIds: string[];
  seedSeconds: number;
  drop(): Promise<void>;
}

type Row = Record<string, unknown>;

/** The built server on `db`, ROLE=all as `npm start` runs it. Extra env (e.g. NODE_OPTIONS) passes through. */
export async function startServer(db: TestDatabase, env: Record<string, string> = {}): Promise<{ server: BuiltServer; mailDir: string }> {
  const mailDir = mkdtempSync(join(tmpdir(), 'compact-bench-mail-'));
  const server = new BuiltServer({ PORT: String(await freePort()), DATABASE_URL: db.url, ADMIN_TOKEN, MAIL_DIR: mailDir, ...env });
  await server.start(120_000);
  return { server, mailDir };
}

export async function stopServer(s: { server: BuiltServer; mailDir: string }): Promise<void> {
  await s.server.stop();
  rmSync(s.mailDir, { recursive: true, force: true });
}

const isoDay = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);

async function raiseTemplates(api: ApiClient, p: Parties, entriesPerCase: number): Promise<void> {
  const factory = new CaseFactory(api, p, compactDisputeV2, V2_PLACEMENTS);
  for (let k = 0; k < TEMPLATE_PLACES.length * 2; k++) {
    const place = TEMPLATE_PLACES[k % TEMPLATE_PLACES.length];
    const steps = V2_PLACEMENTS[place];
    const view = await factory.raise({
      title: TITLES[k % TITLES.length],
      undertakings: UNDERTAKINGS[k % UNDERTAKINGS.length],
      becameAwareOn: isoDay(7 * 86_400_000),
    });
    // Notes first (a closed case takes none), then the steps to the template's place: 1 + notes + steps entries.
    for (let n = 0; n < entriesPerCase - 1 - steps.length; n++) {
      const res = await factory.send(view.id, 'ADD_NOTE', n % 2 ? 'respondent' : 'claimant', { note: `Template note ${n + 1}: minutes of the call attached.` });
      if (res.status !== 200) throw new Error(`ADD_NOTE on a template failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const step of steps) await factory.step(view.id, step);
  }
}

/** Multi-row INSERTs of `rows` (all with the same columns) into `table`; `valueSql` wraps a column's placeholder. */
async function insertRows(sql: BenchSql, table: string, rows: Row[], valueSql: (column: string) => string = () => '?'): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const per = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / columns.length)));
  const tuple = `(${columns.map(valueSql).join(', ')})`;
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    await sql.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`,
      chunk.flatMap((r) => columns.map((c) => r[c] ?? null)),
    );
  }
}

/** Every string value with the template's id and reference replaced by the copy's (snapshots and payloads may hold them). */
function rewritten(row: Row, from: { id: string; reference: string }, to: { id: string; reference: string }): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'string' ? v.split(from.id).join(to.id).split(from.reference).join(to.reference) : v;
  return out;
}

const shifted = (value: unknown, by: number) => (value === null || value === undefined ? value : Number(value) - by);

async function copyTemplates(sql: BenchSql, copies: number, log: (line: string) => void): Promise<string[]> {
  const postgres = sql.dialect === 'postgres';
  const templates = await sql.rows<Row & { id: string; reference: string; title: string; summary: string }>('SELECT * FROM cases ORDER BY created_at, id');
  const byCase = async (table: string) => {
    const rows = await sql.rows<Row & { case_id: string }>(`SELECT * FROM ${table}`);
    const map = new Map<string, Row[]>();
    for (const r of rows) map.set(r.case_id, [...(map.get(r.case_id) ?? []), r]);
    return map;
  };
  const related = {
    case_participants: await byCase('case_participants'),
    case_undertakings: await byCase('case_undertakings'),
    audit_entries: await byCase('audit_entries'),
    case_timers: await byCase('case_timers'),
    case_stage_stays: await byCase('case_stage_stays'),
    case_missed_deadlines: await byCase('case_missed_deadlines'),
  };
  const ids: string[] = templates.map((t) => t.id);
  const started = Date.now();
  for (let first = 0; first < copies; first += CLONES_PER_BATCH) {
    const out: Record<string, Row[]> = { cases: [], case_participants: [], case_undertakings: [], audit_entries: [], case_timers: [], case_stage_stays: [], case_missed_deadlines: [], case_search: [] };
    for (let i = first; i < Math.min(copies, first + CLONES_PER_BATCH); i++) {
      const t = templates[i % templates.length];
      const by = Math.floor(((i + 1) / copies) * SPREAD_MS);
      const createdAt = Number(t.created_at) - by;
      const id = randomUUID();
      const reference = t.reference.replace(/-\d{4}-\d+$/, `-${new Date(createdAt).getUTCFullYear()}-${String(10_000 + i)}`);
      const title = `${t.title} in ${AREAS[i % AREAS.length]}`;
      const from = { id: t.id, reference: t.reference };
      const to = { id, reference };
      ids.push(id);
      out.cases.push({
        ...rewritten(t, from, to),
        title,
        created_at: createdAt,
        updated_at: shifted(t.updated_at, by),
        resolved_at: shifted(t.resolved_at, by),
      });
      out.case_search.push({ case_id: id, document: caseSearchDocument({ reference, title, summary: t.summary }) });
      for (const r of related.case_participants.get(t.id) ?? []) out.case_participants.push({ ...r, case_id: id });
      for (const r of related.case_undertakings.get(t.id) ?? []) out.case_undertakings.push({ ...r, case_id: id });
      for (const r of related.audit_entries.get(t.id) ?? []) {
        out.audit_entries.push({ ...rewritten(r, from, to), at: new Date(Date.parse(String(r.at)) - by).toISOString() });
      }
      for (const r of related.case_timers.get(t.id) ?? []) {
        out.case_timers.push({ ...rewritten(r, from, to), id: randomUUID(), claimed_by: null, claimed_until: null, created_at: shifted(r.created_at, by) });
      }
      for (const r of related.case_stage_stays.get(t.id) ?? []) {
        out.case_stage_stays.push({ ...r, case_id: id, entered_at: shifted(r.entered_at, by), left_at: shifted(r.left_at, by) });
      }
      for (const r of related.case_missed_deadlines.get(t.id) ?? []) out.case_missed_deadlines.push({ ...r, case_id: id, missed_at: shifted(r.missed_at, by) });
    }
    await sql.transaction(async () => {
      for (const table of ['cases', 'case_participants', 'case_undertakings', 'audit_entries', 'case_timers', 'case_stage_stays', 'case_missed_deadlines']) {
        await insertRows(sql, table, out[table]);
      }
      await insertRows(sql, 'case_search', out.case_search, (c) => (postgres && c === 'document' ? "to_tsvector('simple', ?)" : '?'));
    });
    const done = Math.min(copies, first + CLONES_PER_BATCH);
    if (done % 10_000 < CLONES_PER_BATCH || done === copies) log(`  copied ${done.toLocaleString('en-GB')} of ${copies.toLocaleString('en-GB')} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  return ids;
}

/** A database with `cases` cases of about `entriesPerCase` audit entries each (see the file comment). */
export async function seedScaleDatabase(dialect: Dialect, cases: number, entriesPerCase: number, log: (line: string) => void): Promise<ScaleDatabase> {
  const started = Date.now();
  const db = await createTestDatabase(dialect);
  try {
    const s = await startServer(db);
    const p = await seedParties(new ApiClient(s.server.baseUrl));
    await raiseTemplates(new ApiClient(s.server.baseUrl), p, entriesPerCase);
    await stopServer(s);
    const sql = await openBenchSql(dialect, db.url);
    const templates = Number((await sql.rows<{ n: unknown }>('SELECT COUNT(*) AS n FROM cases'))[0].n);
    const caseIds = await copyTemplates(sql, Math.max(0, cases - templates), log);
    // PostgreSQL's autovacuum vacuums and analyses a table soon after such a load (inserts alone
    // trigger it since PostgreSQL 13); do it now, so that it does not happen mid-bench. The vacuum
    // also marks the pages all-visible, which the board's index-only scans rely on, as they do on
    // any database that has been running for a while. (SQLite: the product never runs ANALYZE, so
    // neither does the bench.)
    if (dialect === 'postgres') await sql.run('VACUUM (ANALYZE)');
    const auditEntries = Number((await sql.rows<{ n: unknown }>('SELECT COUNT(*) AS n FROM audit_entries'))[0].n);
    await sql.close();
    return { db, dialect, parties: p, cases: caseIds.length, auditEntries, caseIds, seedSeconds: (Date.now() - started) / 1000, drop: () => db.drop() };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/** A web session for `userId`, written straight into web_sessions as the sign-in would: the cookie header to send. */
export async function sessionCookieFor(db: TestDatabase, dialect: Dialect, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const sql = await openBenchSql(dialect, db.url);
  await sql.run('INSERT INTO web_sessions (id, user_id, token_hash, csrf_token, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    randomUUID(),
    userId,
    createHash('sha256').update(token, 'utf8').digest('hex'),
    randomBytes(16).toString('hex'),
    now + 86_400_000,
    now,
  ]);
  await sql.close();
  return `cd_session=${token}`;
}
