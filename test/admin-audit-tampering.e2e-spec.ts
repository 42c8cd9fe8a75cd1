import { connectDirectly, DirectConnection } from './support/audit-tamper';
import { Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { TEST_DIALECT } from './support/test-database';

/*
 * The administration trail as evidence: the database refuses UPDATE and DELETE of its entries (and
 * TRUNCATE on PostgreSQL), and lets its head only move forward one entry at a time. A change made
 * behind the triggers' back (a changed row, a deleted row, a truncated tail, a missing head, a
 * forged entry beyond the head) is reported by GET /api/v1/admin/audit/verify. Each tampering is
 * undone afterwards, and the trail verifies again.
 */

jest.setTimeout(60_000);

const TABLES = ['admin_audit_entries', 'admin_audit_head'];
const COLUMNS = ['seq', 'at', 'actor_type', 'actor_user_id', 'actor_org_id', 'actor_role', 'action', 'subject_type', 'subject_id', 'details', 'prev_hash', 'hash'];

describe('administration trail tampering', () => {
  let t: TestApp;
  let p: Parties;
  let sql: DirectConnection;
  let entries: number;

  beforeAll(async () => {
    t = await startTestApp();
    p = await seedParties(t.api);
    sql = await connectDirectly(t.db);
    entries = (await verify()).entries;
  });
  afterAll(async () => {
    await sql?.close();
    await t?.close();
  });

  async function verify(token = ADMIN_TOKEN) {
    const res = await t.api.get('/api/v1/admin/audit/verify', token);
    expect(res.status).toBe(200);
    return res.body;
  }
  const row = async (seq: number) => (await sql.run('SELECT * FROM admin_audit_entries WHERE seq = $1', [seq]))[0];
  const head = async () => (await sql.run('SELECT id, seq, hash FROM admin_audit_head'))[0];
  const put = (r: Record<string, unknown>) =>
    sql.run(`INSERT INTO admin_audit_entries (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`, COLUMNS.map((c) => r[c]));

  it('has an intact chain to start with: the bootstrap and the seeding', async () => {
    expect(entries).toBe(14);
    expect(await verify()).toEqual({ valid: true, entries });
    expect(await head()).toMatchObject({ id: 1, seq: entries });
  });

  it.each([
    ['UPDATE of an entry', `UPDATE admin_audit_entries SET details = '{}' WHERE seq = 2`, /append-only/],
    ['UPDATE of every entry', `UPDATE admin_audit_entries SET actor_type = 'cli'`, /append-only/],
    ['DELETE of the last entry', `DELETE FROM admin_audit_entries WHERE seq = 14`, /append-only/],
    ['DELETE of the whole trail', `DELETE FROM admin_audit_entries`, /append-only/],
    ['moving the head back', `UPDATE admin_audit_head SET seq = seq - 1`, /only moves forward/],
    ['moving the head on without an entry', `UPDATE admin_audit_head SET seq = seq + 2`, /only moves forward/],
    ['deleting the head', `DELETE FROM admin_audit_head`, /only moves forward/],
    ['a second head', `INSERT INTO admin_audit_head (id, seq, hash) VALUES (2, 0, 'x')`, /only moves forward/],
  ])('the database refuses a direct %s', async (_name, statement, refusal) => {
    const before = [await sql.run('SELECT * FROM admin_audit_entries ORDER BY seq'), await head()];
    await expect(sql.run(statement)).rejects.toThrow(refusal);
    expect([await sql.run('SELECT * FROM admin_audit_entries ORDER BY seq'), await head()]).toEqual(before);
    expect(await verify()).toEqual({ valid: true, entries });
  });

  if (TEST_DIALECT === 'postgres') {
    it('refuses TRUNCATE of the entries or the head', async () => {
      await expect(sql.run('TRUNCATE admin_audit_entries')).rejects.toThrow(/append-only/);
      await expect(sql.run('TRUNCATE admin_audit_head')).rejects.toThrow(/only moves forward/);
      expect(await verify()).toEqual({ valid: true, entries });
    });
  }

  const ways: Array<'replica' | 'disable'> = TEST_DIALECT === 'postgres' ? ['replica', 'disable'] : ['replica'];
  describe.each(ways)('behind the triggers’ back (%s)', (how) => {
    /** Tampers, answers what verify says, undoes the tampering and checks the trail verifies again. */
    async function tampered(change: () => Promise<unknown>, undo: () => Promise<unknown>) {
      await sql.behindTriggers(async () => void (await change()), how, TABLES);
      await expect(sql.run(`UPDATE admin_audit_entries SET hash = hash WHERE seq = 1`)).rejects.toThrow(/append-only/);
      const verdict = await verify();
      // The board sees the same verdict.
      expect(await verify(p.board.token)).toEqual(verdict);
      await sql.behindTriggers(async () => void (await undo()), how, TABLES);
      expect(await verify()).toEqual({ valid: true, entries });
      return verdict;
    }

    it('a changed entry (another label for a token) breaks the chain at that entry', async () => {
      const original = await row(9);
      const verdict = await tampered(
        () => sql.run('UPDATE admin_audit_entries SET details = $1 WHERE seq = 9', [JSON.stringify({ label: 'nothing to see' })]),
        () => sql.run('UPDATE admin_audit_entries SET details = $1 WHERE seq = 9', [original.details]),
      );
      expect(verdict).toEqual({ valid: false, entries, brokenAt: 9, reason: 'hash does not match the entry' });
    });

    it('a changed actor (blaming the command line) breaks the chain at that entry', async () => {
      const verdict = await tampered(
        () => sql.run(`UPDATE admin_audit_entries SET actor_type = 'cli', actor_user_id = NULL, actor_role = NULL WHERE seq = 3`),
        async () => {
          const users = (await t.api.get('/api/v1/users', ADMIN_TOKEN)).body as any[];
          const adminId = users.find((u) => u.email === 'admin@localhost').id;
          await sql.run(`UPDATE admin_audit_entries SET actor_type = 'user', actor_user_id = $1, actor_role = 'admin' WHERE seq = 3`, [adminId]);
        },
      );
      expect(verdict).toMatchObject({ valid: false, brokenAt: 3 });
    });

    it('a deleted entry leaves a gap reported at the entry after it', async () => {
      const original = await row(5);
      const verdict = await tampered(
        () => sql.run('DELETE FROM admin_audit_entries WHERE seq = 5'),
        () => put(original),
      );
      expect(verdict).toEqual({ valid: false, entries: entries - 1, brokenAt: 6, reason: 'expected entry 5, found 6' });
    });

    it('a truncated tail is reported against the head, though every remaining link holds', async () => {
      const cut = [await row(entries - 1), await row(entries)];
      const verdict = await tampered(
        () => sql.run('DELETE FROM admin_audit_entries WHERE seq >= $1', [entries - 1]),
        async () => {
          for (const r of cut) await put(r);
        },
      );
      expect(verdict).toEqual({
        valid: false,
        entries: entries - 2,
        brokenAt: entries - 1,
        reason: `the trail ends at entry ${entries - 2} but the head records ${entries} entries`,
      });
    });

    it('a missing head is reported', async () => {
      const original = await head();
      const verdict = await tampered(
        () => sql.run('DELETE FROM admin_audit_head'),
        () => sql.run('INSERT INTO admin_audit_head (id, seq, hash) VALUES ($1, $2, $3)', [original.id, original.seq, original.hash]),
      );
      expect(verdict).toMatchObject({ valid: false, reason: 'the head of the trail (admin_audit_head) is missing' });
    });
  });

  it('reports an entry slipped in beyond the head, and an action whose entry cannot be written is not done at all', async () => {
    // An INSERT is what the application itself does, so no trigger refuses it: a forged entry
    // appended without moving the head.
    const last = await row(entries);
    await put({ ...last, seq: entries + 1, prev_hash: last.hash, details: '{"forged":true}' });
    expect(await verify()).toEqual({ valid: false, entries, brokenAt: entries + 1, reason: `entry ${entries + 1} lies beyond the head, which records ${entries}` });

    // The next administrative action cannot link its entry onto the head (the forged one is in its
    // place), so it fails as a whole: the database was tampered with; nothing of the action is kept.
    const refused = await t.api.post('/api/v1/organisations', { name: 'Created during tampering', kind: 'vcs' }, ADMIN_TOKEN);
    expectProblem(refused, 500, 'INTERNAL');
    expect((await t.api.get('/api/v1/organisations', ADMIN_TOKEN)).body.map((o: any) => o.name)).not.toContain('Created during tampering');

    await sql.behindTriggers(async () => void (await sql.run('DELETE FROM admin_audit_entries WHERE seq = $1', [entries + 1])), 'replica', TABLES);
    expect(await verify()).toEqual({ valid: true, entries });
    expect((await t.api.post('/api/v1/organisations', { name: 'Created after tampering', kind: 'vcs' }, ADMIN_TOKEN)).status).toBe(201);
    expect(await verify()).toEqual({ valid: true, entries: entries + 1 });
  });
});
