import { MigrationInterface, QueryRunner } from 'typeorm';

/** The sign-in link lifetime when this migration shipped (a link and its email are written together). */
const LINK_LIFETIME_MS = 15 * 60_000;
const LINK_KINDS = ['sign-in', 'invitation'];
const BATCH = 500;

interface LegacyRow {
  id: string;
  status: string;
  to_addresses: string;
  cc_addresses: string;
  last_error: string | null;
  sent_at: string | number | null;
}

/**
 * Delivery per recipient, leases owned by an instance, and sign-in links that do not stay in the
 * outbox:
 * - `recipients`: JSON array of { address, field, status, response, at } per message, filled in
 *   for every existing row from its To, Cc and status;
 * - `lease_owner`: the instance whose (short, renewed) lease a `sending` row is;
 * - `expires_at` / `erased_at`: when a sign-in or invitation message's link expires, and when its
 *   body was erased; the bodies of such messages already delivered are erased now.
 * Plain ADD COLUMNs on both dialects, so SQLite adds them in place (no table rebuild).
 */
export class OutboxRecipients1764400000000 implements MigrationInterface {
  name = 'OutboxRecipients1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.options.type === 'postgres';
    // Values are bound: `?` placeholders, numbered for PostgreSQL.
    const run = (sql: string, params: unknown[]) => {
      let n = 0;
      return q.query(postgres ? sql.replace(/\?/g, () => `$${++n}`) : sql, params);
    };

    await q.query(`ALTER TABLE outbox_messages ADD COLUMN recipients text NOT NULL DEFAULT '[]'`);
    await q.query('ALTER TABLE outbox_messages ADD COLUMN expires_at bigint NULL');
    await q.query('ALTER TABLE outbox_messages ADD COLUMN erased_at bigint NULL');
    await q.query('ALTER TABLE outbox_messages ADD COLUMN lease_owner varchar(64) NULL');
    // The admin listing pages newest first: over all messages, and over the failed ones (partial,
    // so the dispatcher's poll keeps to ix_outbox_ready: an index led by status would tempt the
    // SQLite planner into reading and sorting every pending row).
    await q.query('CREATE INDEX ix_outbox_listing ON outbox_messages (created_at, id)');
    await q.query(`CREATE INDEX ix_outbox_failed ON outbox_messages (created_at, id) WHERE status = 'failed'`);
    // The sweep that erases expired sign-in links reads only what is still to erase.
    await q.query('CREATE INDEX ix_outbox_expiring ON outbox_messages (expires_at, id) WHERE expires_at IS NOT NULL AND erased_at IS NULL');

    await run('UPDATE outbox_messages SET expires_at = created_at + ? WHERE kind IN (?, ?)', [LINK_LIFETIME_MS, ...LINK_KINDS]);
    await run(`UPDATE outbox_messages SET text_body = '', html_body = '', erased_at = sent_at WHERE status = 'sent' AND kind IN (?, ?)`, LINK_KINDS);

    let after = '';
    for (;;) {
      const rows: LegacyRow[] = await run(
        'SELECT id, status, to_addresses, cc_addresses, last_error, sent_at FROM outbox_messages WHERE id > ? ORDER BY id LIMIT ?',
        [after, BATCH],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        await run('UPDATE outbox_messages SET recipients = ? WHERE id = ?', [JSON.stringify(recipientsOf(row)), row.id]);
      }
      after = rows[rows.length - 1].id;
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_outbox_expiring');
    await q.query('DROP INDEX ix_outbox_failed');
    await q.query('DROP INDEX ix_outbox_listing');
    for (const column of ['lease_owner', 'erased_at', 'expires_at', 'recipients']) {
      await q.query(`ALTER TABLE outbox_messages DROP COLUMN ${column}`);
    }
  }
}

/** A message of the previous release had one status for all its recipients. */
function recipientsOf(row: LegacyRow) {
  const status = row.status === 'sent' ? 'sent' : row.status === 'failed' ? 'failed' : 'pending';
  const at = status === 'sent' && row.sent_at !== null ? Number(row.sent_at) : null;
  const response = status === 'sent' ? null : row.last_error;
  const seen = new Set<string>();
  const out: Array<{ address: string; field: 'to' | 'cc'; status: string; response: string | null; at: number | null }> = [];
  for (const [field, json] of [['to', row.to_addresses], ['cc', row.cc_addresses]] as const) {
    for (const address of JSON.parse(json) as string[]) {
      if (seen.has(address.toLowerCase())) continue;
      seen.add(address.toLowerCase());
      out.push({ address, field, status, response, at });
    }
  }
  return out;
}
