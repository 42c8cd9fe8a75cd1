import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/** One persisted case written by scripts/write-v1-snapshots.js, with the rows it needs. */
export interface SnapshotFixture {
  workflow: string;
  state: string;
  capturedAt: string;
  organisations: Array<Record<string, unknown>>;
  users: Array<Record<string, unknown> & { email: string }>;
  case: Record<string, unknown> & { id: string; reference: string; state_path: string };
  participants: Array<Record<string, unknown>>;
  undertakings: Array<Record<string, unknown>>;
  timers: Array<Record<string, unknown> & { timer_key: string; due_at: number }>;
  audit: Array<Record<string, unknown>>;
}

export const V1_SNAPSHOTS = join(__dirname, '..', 'fixtures', 'snapshots', 'compact-dispute-v1');

export function readSnapshots(dir = V1_SNAPSHOTS): SnapshotFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SnapshotFixture);
}

async function insertRows(dataSource: DataSource, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  const postgres = dataSource.options.type === 'postgres';
  for (const row of rows) {
    const columns = Object.keys(row);
    const marks = columns.map((_, i) => (postgres ? `$${i + 1}` : '?')).join(', ');
    const quoted = columns.map((c) => `"${c}"`).join(', ');
    await dataSource.query(`INSERT INTO ${table} (${quoted}) VALUES (${marks})`, Object.values(row));
  }
}

/**
 * Writes the fixtures' rows as they were persisted (the organisations and people once, skipping an
 * address the database already has, e.g. the administrator the test app created).
 */
export async function loadSnapshots(dataSource: DataSource, fixtures: SnapshotFixture[]): Promise<void> {
  const emails = new Set((await dataSource.query('SELECT email FROM users')).map((r: { email: string }) => r.email));
  const orgs = new Set((await dataSource.query('SELECT id FROM organisations')).map((r: { id: string }) => r.id));
  for (const f of fixtures) {
    await insertRows(dataSource, 'organisations', f.organisations.filter((o) => !orgs.has(o.id as string)));
    f.organisations.forEach((o) => orgs.add(o.id as string));
    await insertRows(dataSource, 'users', f.users.filter((u) => !emails.has(u.email)));
    f.users.forEach((u) => emails.add(u.email));
    await insertRows(dataSource, 'cases', [f.case]);
    await insertRows(dataSource, 'case_participants', f.participants);
    await insertRows(dataSource, 'case_undertakings', f.undertakings);
    await insertRows(dataSource, 'case_timers', f.timers);
    await insertRows(dataSource, 'audit_entries', f.audit);
  }
}
