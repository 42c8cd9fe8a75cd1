/*
 * The raw baseline every engine figure is compared with: better-sqlite3, one file database in WAL
 * mode with synchronous=FULL (the product's settings, see libs/persistence create-data-source.ts),
 * single-row transactions BEGIN / INSERT / COMMIT, one after another, as fast as they go.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Roughly the size of an audit entry's hashed text, so the row is not trivially small. */
const PAYLOAD = JSON.stringify({ type: 'ADD_NOTE', note: 'x'.repeat(160), at: new Date(0).toISOString() });

export class RawSqliteBaseline {
  private readonly dir = mkdtempSync(join(tmpdir(), 'compact-bench-raw-'));
  private readonly db: Database.Database;
  private readonly begin: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly commit: Database.Statement;

  constructor() {
    this.db = new Database(join(this.dir, 'raw.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    const mode = this.db.pragma('journal_mode', { simple: true });
    const sync = this.db.pragma('synchronous', { simple: true });
    if (mode !== 'wal' || sync !== 2) throw new Error(`raw baseline: expected WAL + FULL(2), got ${mode} + ${sync}`);
    this.db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, case_id TEXT NOT NULL, payload TEXT NOT NULL)');
    this.begin = this.db.prepare('BEGIN');
    this.insert = this.db.prepare('INSERT INTO rows (case_id, payload) VALUES (?, ?)');
    this.commit = this.db.prepare('COMMIT');
  }

  /** Single-row transactions per second over about `ms` milliseconds. */
  measure(ms: number): { txnPerSec: number; txns: number; cpuUs: number } {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const until = start + BigInt(Math.round(ms * 1e6));
    let txns = 0;
    let now = start;
    while (now < until) {
      for (let i = 0; i < 32; i++) {
        this.begin.run();
        this.insert.run('00000000-0000-4000-8000-000000000000', PAYLOAD);
        this.commit.run();
      }
      txns += 32;
      now = process.hrtime.bigint();
    }
    const used = process.cpuUsage(cpu);
    return { txnPerSec: txns / (Number(now - start) / 1e9), txns, cpuUs: (used.user + used.system) / txns };
  }

  close(): void {
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
