import { AuditEntry } from '@compact/domain';
import { hashAuditEntry, payloadDigestOf } from '@compact/engine';
import { connectDirectly, DirectConnection } from './support/audit-tamper';
import { CaseFactory } from './support/case-factory';
import { Parties, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';
import { TEST_DIALECT } from './support/test-database';

/*
 * The audit trail as evidence: the database refuses UPDATE and DELETE on audit_entries, and a
 * change made behind the triggers' back is reported by GET /history/verify at the entry it broke.
 */

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

const TRAIL = ['CASE_RAISED', 'ACKNOWLEDGE', 'PROPOSE_RESOLUTION', 'REJECT_RESOLUTION', 'ADD_NOTE'];

describe('audit tampering', () => {
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory;
  let sql: DirectConnection;
  let untouched: string;

  beforeAll(async () => {
    t = await startTestApp();
    p = await seedParties(t.api);
    f = new CaseFactory(t.api, p);
    sql = await connectDirectly(t.db);
    untouched = await caseWithTrail();
  });
  afterAll(async () => {
    await sql?.close();
    await t?.close();
  });

  /** A case whose trail is CASE_RAISED, ACKNOWLEDGE, PROPOSE_RESOLUTION, REJECT_RESOLUTION, ADD_NOTE (seq 1–5). */
  async function caseWithTrail(): Promise<string> {
    const view = await f.place('proposalByRespondent');
    await f.step(view.id, ['REJECT_RESOLUTION', 'claimant']);
    await f.step(view.id, ['ADD_NOTE', 'respondent']);
    const history = await t.api.get(`/api/v1/cases/${view.id}/history`, p.board.token);
    expect(history.body.entries.map((e: AuditEntry) => e.eventType)).toEqual(TRAIL);
    return view.id;
  }

  const verify = async (caseId: string) => (await t.api.get(`/api/v1/cases/${caseId}/history/verify`, p.board.token)).body;
  const rowsOf = (caseId: string) => sql.run('SELECT * FROM audit_entries WHERE case_id = $1 ORDER BY seq', [caseId]);

  it('has an intact chain to start with', async () => {
    expect(await verify(untouched)).toEqual({ valid: true, entries: 5, documents: [] });
  });

  it.each([
    ['UPDATE of a payload', `UPDATE audit_entries SET payload = '{}' WHERE case_id = $1 AND seq = 2`],
    ['UPDATE of every row of the case', `UPDATE audit_entries SET actor_org_id = NULL WHERE case_id = $1`],
    ['DELETE of one row', `DELETE FROM audit_entries WHERE case_id = $1 AND seq = 5`],
    ['DELETE of the whole trail', `DELETE FROM audit_entries WHERE case_id = $1`],
  ])('the database refuses a direct %s', async (_name, statement) => {
    const before = await rowsOf(untouched);
    await expect(sql.run(statement, [untouched])).rejects.toThrow(/append-only/);
    expect(await rowsOf(untouched)).toEqual(before);
    expect(await verify(untouched)).toEqual({ valid: true, entries: 5, documents: [] });
  });

  // SQLite has no TRUNCATE: this case exists on PostgreSQL only.
  if (TEST_DIALECT === 'postgres') it('refuses TRUNCATE too', async () => {
    await expect(sql.run('TRUNCATE audit_entries CASCADE')).rejects.toThrow(/append-only/);
    expect(await verify(untouched)).toEqual({ valid: true, entries: 5, documents: [] });
  });

  const ways: Array<['replica' | 'disable', string]> =
    TEST_DIALECT === 'postgres'
      ? [['replica', 'SET LOCAL session_replication_role = replica'], ['disable', 'ALTER TABLE … DISABLE TRIGGER USER']]
      : [['replica', 'triggers dropped and recreated']];
  describe.each(ways)('behind the triggers’ back (%s: %s)', (how) => {
    /** A fresh case, tampered with by `change`; answers what verify says, and checks the triggers came back. */
    async function tamper(change: (caseId: string, entries: AuditEntry[]) => Promise<unknown>) {
      const caseId = await caseWithTrail();
      const entries = (await t.api.get(`/api/v1/cases/${caseId}/history`, p.board.token)).body.entries as AuditEntry[];
      await sql.behindTriggers(async () => void (await change(caseId, entries)), how);
      await expect(sql.run(`UPDATE audit_entries SET hash = hash WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
      expect(await verify(untouched)).toEqual({ valid: true, entries: 5, documents: [] });
      return verify(caseId);
    }

    it('a changed payload breaks the chain at that entry', async () => {
      const result = await tamper((id) =>
        sql.run(`UPDATE audit_entries SET payload = $2 WHERE case_id = $1 AND seq = 3`, [id, JSON.stringify({ proposal: 'Full funding for a year.' })]),
      );
      expect(result).toMatchObject({ valid: false, entries: 5, brokenAt: 3 });
    });

    it('a changed hash breaks the chain at that entry', async () => {
      const result = await tamper((id) => sql.run(`UPDATE audit_entries SET hash = $2 WHERE case_id = $1 AND seq = 2`, [id, 'f'.repeat(64)]));
      expect(result).toMatchObject({ valid: false, brokenAt: 2 });
    });

    it('a changed payload with its digest and hash recomputed breaks the chain at the next entry', async () => {
      const result = await tamper(async (id, entries) => {
        const payload = { proposal: 'Full funding for a year.' };
        const forged = { ...entries[2], payload, payloadDigest: payloadDigestOf(payload) };
        const { hash: _old, ...unsealed } = forged;
        await sql.run(`UPDATE audit_entries SET payload = $2, payload_digest = $3, hash = $4 WHERE case_id = $1 AND seq = 3`, [
          id,
          JSON.stringify(payload),
          forged.payloadDigest,
          hashAuditEntry(unsealed),
        ]);
      });
      expect(result).toMatchObject({ valid: false, brokenAt: 4 });
    });

    it('a changed payload whose digest was left as it was is named at that entry', async () => {
      const result = await tamper((id) =>
        sql.run(`UPDATE audit_entries SET payload = $2 WHERE case_id = $1 AND seq = 3`, [id, JSON.stringify({ proposal: 'Full funding for a year.' })]),
      );
      expect(result).toMatchObject({ valid: false, brokenAt: 3, reason: 'the payload does not match its digest' });
    });

    it('a changed actor (blaming the other party) breaks the chain at that entry', async () => {
      const result = await tamper((id) => sql.run(`UPDATE audit_entries SET actor_org_id = $2 WHERE case_id = $1 AND seq = 4`, [id, p.orgs.council]));
      expect(result).toMatchObject({ valid: false, brokenAt: 4 });
    });

    it('a backdated entry or a rewritten state breaks the chain at that entry', async () => {
      const backdated = await tamper((id) => sql.run(`UPDATE audit_entries SET at = $2 WHERE case_id = $1 AND seq = 2`, [id, '2020-01-01T00:00:00.000Z']));
      expect(backdated).toMatchObject({ valid: false, brokenAt: 2 });
      const restated = await tamper((id) => sql.run(`UPDATE audit_entries SET to_state = 'resolved' WHERE case_id = $1 AND seq = 5`, [id]));
      expect(restated).toMatchObject({ valid: false, brokenAt: 5 });
    });

    it('a deleted entry leaves a gap reported at the entry after it', async () => {
      const result = await tamper((id) => sql.run(`DELETE FROM audit_entries WHERE case_id = $1 AND seq = 3`, [id]));
      expect(result).toMatchObject({ valid: false, entries: 4, brokenAt: 4 });
    });

    it('a deleted entry with the rest renumbered is reported where the links no longer match', async () => {
      const result = await tamper(async (id) => {
        await sql.run(`DELETE FROM audit_entries WHERE case_id = $1 AND seq = 3`, [id]);
        for (const seq of [4, 5]) await sql.run(`UPDATE audit_entries SET seq = $2 WHERE case_id = $1 AND seq = $3`, [id, seq - 1, seq]);
      });
      expect(result).toMatchObject({ valid: false, entries: 4, brokenAt: 3 });
    });

    it('a deleted first entry with the rest renumbered is reported at the start', async () => {
      const result = await tamper(async (id) => {
        await sql.run(`DELETE FROM audit_entries WHERE case_id = $1 AND seq = 1`, [id]);
        for (const seq of [2, 3, 4, 5]) await sql.run(`UPDATE audit_entries SET seq = $2 WHERE case_id = $1 AND seq = $3`, [id, seq - 1, seq]);
      });
      expect(result).toMatchObject({ valid: false, entries: 4, brokenAt: 1 });
    });

    it('a deleted last entry is reported: the case is at version 5 but its trail stops at 4', async () => {
      // Every accepted event raises the version by one and appends one entry, so a trail shorter
      // than the case's version has lost entries from its end even though every remaining link holds.
      const result = await tamper((id) => sql.run(`DELETE FROM audit_entries WHERE case_id = $1 AND seq = 5`, [id]));
      expect(result).toMatchObject({ valid: false, entries: 4, brokenAt: 5 });
    });
  });
});
