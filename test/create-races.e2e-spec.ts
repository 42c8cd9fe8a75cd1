import { ApiResponse } from './support/api-client';
import { Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { TEST_DIALECT } from './support/test-database';

/*
 * Two administrators (or one double-clicking) creating the same organisation or the same person at
 * the same moment: one is created, every other request is 409 ALREADY_EXISTS (never a 500), and
 * exactly one row and one entry of the administration trail exist. The database's unique index
 * decides, so this holds on PostgreSQL with concurrent transactions as on SQLite.
 */

jest.setTimeout(60_000);

const AT_ONCE = 6;
const ROUNDS = 5;

describe('concurrent creates of the same name or email address', () => {
  let t: TestApp;
  let p: Parties;

  beforeAll(async () => {
    t = await startTestApp();
    p = await seedParties(t.api);
  });
  afterAll(() => t?.close());

  /** Exactly one 201; every other answer a 409 ALREADY_EXISTS problem. */
  function expectOneWinner(results: ApiResponse[]): ApiResponse {
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(AT_ONCE - 1).fill(409)]);
    for (const r of results.filter((r) => r.status !== 201)) expectProblem(r, 409, 'ALREADY_EXISTS');
    return results.find((r) => r.status === 201)!;
  }
  const count = async (sql: string, params: unknown[]) => Number((await t.dataSource.query(sql, params))[0].n);
  const placeholder = (n: number) => (TEST_DIALECT === 'postgres' ? `$${n}` : '?');
  async function trailEntriesAbout(id: string): Promise<number> {
    return count(`SELECT COUNT(*) AS n FROM admin_audit_entries WHERE subject_id = ${placeholder(1)}`, [id]);
  }

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: one organisation of a name, whatever the case of the letters`, async () => {
      const name = `Solent Advice Network ${round}`;
      const spellings = [name, name.toUpperCase(), name.toLowerCase()];
      const results = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, i) => t.api.post('/api/v1/organisations', { name: spellings[i % 3], kind: 'vcs' }, ADMIN_TOKEN)),
      );
      const winner = expectOneWinner(results);
      expect(await count(`SELECT COUNT(*) AS n FROM organisations WHERE name_key = ${placeholder(1)}`, [name.toLowerCase()])).toBe(1);
      expect(await trailEntriesAbout(winner.body.id)).toBe(1);
      expect((await t.api.get('/api/v1/admin/audit/verify', ADMIN_TOKEN)).body).toMatchObject({ valid: true });
    });

    it(`round ${round}: one person of an email address, whatever its case`, async () => {
      const email = `sam.${round}@trust.example`;
      const results = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, i) =>
          t.api.post('/api/v1/users', { name: `Sam ${i}`, email: i % 2 ? email.toUpperCase() : email, role: 'party', organisationId: p.orgs.vcs }, ADMIN_TOKEN),
        ),
      );
      const winner = expectOneWinner(results);
      expect(await count(`SELECT COUNT(*) AS n FROM users WHERE email = ${placeholder(1)}`, [email])).toBe(1);
      expect(await count(`SELECT COUNT(*) AS n FROM api_tokens WHERE user_id = ${placeholder(1)}`, [winner.body.id])).toBe(1);
      expect(await trailEntriesAbout(winner.body.id)).toBe(1);
      expect((await t.api.get('/api/v1/cases', winner.body.token)).status).toBe(200);
    });
  }
});
