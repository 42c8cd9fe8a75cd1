import { ApiResponse } from './support/api-client';
import { CaseFactory, Sender } from './support/case-factory';
import { Parties, seedParties } from './support/parties.fixture';
import { startTestApp, TestApp } from './support/test-app';

/*
 * Parallel clients on the real app and database. One winner per version with If-Match; without
 * it every event is applied, one after another, on the version it finds. Under mixed load: no
 * answer but 200 or 409, exactly one audit row per accepted event, and every chain verifies.
 */

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

/** A small seeded PRNG so a failing mix can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Events whose permission does not depend on the case's context, so that under any interleaving
 * the answer can only be 200, 409 TRANSITION_NOT_ALLOWED or (with If-Match) 409 VERSION_CONFLICT.
 */
const MIX: Array<[type: string, senders: Sender[], weight: number]> = [
  ['ACKNOWLEDGE', ['respondent'], 3],
  ['ADD_NOTE', ['claimant', 'respondent', 'admin'], 4],
  ['RECORD_MEETING', ['claimant', 'respondent'], 2],
  ['PROPOSE_RESOLUTION', ['claimant', 'respondent'], 2],
  ['DECLARE_NEGOTIATION_FAILED', ['claimant', 'respondent'], 2],
  ['REFER_TO_MEDIATION', ['claimant', 'respondent'], 1],
  ['ESCALATE_FORMAL', ['claimant', 'respondent'], 2],
  ['RECORD_DECISION', ['claimant', 'respondent'], 1],
  ['CLOSE', ['claimant', 'respondent', 'admin'], 1],
  ['WITHDRAW', ['claimant'], 0.2],
];

async function auditRows(t: TestApp): Promise<number> {
  const [row] = await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_entries');
  return Number(row.n);
}

describe('concurrency: parallel events on the real app and database', () => {
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory;

  beforeAll(async () => {
    t = await startTestApp();
    p = await seedParties(t.api);
    f = new CaseFactory(t.api, p);
  });
  afterAll(() => t?.close());

  async function expectChainValid(caseId: string, entries: number): Promise<void> {
    const verify = await t.api.get(`/api/v1/cases/${caseId}/history/verify`, p.board.token);
    expect(verify.body).toEqual({ valid: true, entries, documents: [] });
  }

  it('20 parallel ADD_NOTEs with If-Match on the same version: exactly one 200, nineteen 409 VERSION_CONFLICT', async () => {
    const view = await f.place('discussing');
    const rowsBefore = await auditRows(t);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        f.send(view.id, 'ADD_NOTE', i % 2 ? 'claimant' : 'respondent', { note: `note ${i}` }, { 'if-match': `"${view.version}"` }),
      ),
    );
    const outcomes = results.map((r) => `${r.status} ${r.status === 200 ? r.body.version : r.body.code}`).sort();
    expect(outcomes).toEqual([`200 ${view.version + 1}`, ...Array(19).fill('409 VERSION_CONFLICT')]);
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body.currentVersion).toBeGreaterThanOrEqual(view.version + 1);
      expect(loser.contentType).toMatch(/^application\/problem\+json/);
    }
    expect(await auditRows(t)).toBe(rowsBefore + 1);
    const after = await t.api.get(`/api/v1/cases/${view.id}`, p.vcs.token);
    expect(after.body.version).toBe(view.version + 1);
    expect(after.body.details.notes).toBe(1);
    await expectChainValid(view.id, view.version + 1);
  });

  it('20 parallel ADD_NOTEs without If-Match: all 200, one after another, versions v+1 … v+20', async () => {
    const view = await f.place('discussing');
    const rowsBefore = await auditRows(t);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => f.send(view.id, 'ADD_NOTE', i % 3 === 0 ? 'admin' : 'claimant', { note: `note ${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const versions = results.map((r) => r.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => view.version + 1 + i));
    for (const r of results) expect(r.headers.get('etag')).toBe(`"${r.body.version}"`);
    expect(await auditRows(t)).toBe(rowsBefore + 20);
    const history = await t.api.get(`/api/v1/cases/${view.id}/history`, p.board.token);
    expect(history.body.entries.map((e: any) => e.seq)).toEqual(Array.from({ length: view.version + 20 }, (_, i) => i + 1));
    expect(new Set(history.body.entries.slice(view.version).map((e: any) => e.payload.note)).size).toBe(20);
    await expectChainValid(view.id, view.version + 20);
  });

  it.each([10, 50])('%i parallel clients sending mixed events to several cases: only 200/409, audit rows = accepted events, chains valid', async (clients) => {
    const cases = await Promise.all(['raised', 'raised', 'discussing', 'proposalByClaimant', 'negotiationFailed', 'formal'].map((pl) => f.place(pl as never)));
    const known = new Map<string, number>(cases.map((c) => [c.id, c.version]));
    const accepted = new Map<string, number[]>(cases.map((c) => [c.id, []]));
    const rowsBefore = await auditRows(t);
    const totalWeight = MIX.reduce((n, [, , w]) => n + w, 0);
    const answers: ApiResponse[] = [];

    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        const rnd = random(clients * 1000 + client);
        for (let i = 0; i < 8; i++) {
          const target = cases[Math.floor(rnd() * cases.length)];
          let pick = rnd() * totalWeight;
          const [type, senders] = MIX.find(([, , w]) => (pick -= w) < 0) ?? MIX[0];
          const sender = senders[Math.floor(rnd() * senders.length)];
          const headers = rnd() < 0.3 ? { 'if-match': `"${known.get(target.id)}"` } : undefined;
          const res = await f.send(target.id, type, sender, f.payload(type), headers);
          answers.push(res);
          if (res.status === 200) {
            accepted.get(target.id)!.push(res.body.version);
            known.set(target.id, Math.max(known.get(target.id)!, res.body.version));
          }
        }
      }),
    );

    const tally: Record<string, number> = {};
    for (const a of answers) tally[`${a.status} ${a.status === 200 ? 'OK' : a.body.code}`] = (tally[`${a.status} ${a.status === 200 ? 'OK' : a.body.code}`] ?? 0) + 1;
    console.log(`${clients} parallel clients: ${JSON.stringify(tally)}`);
    const unexpected = Object.keys(tally).filter((k) => !['200 OK', '409 VERSION_CONFLICT', '409 TRANSITION_NOT_ALLOWED'].includes(k));
    expect({ unexpected, tally }).toEqual({ unexpected: [], tally });
    const acceptedCount = answers.filter((a) => a.status === 200).length;
    expect(acceptedCount).toBeGreaterThan(0);
    expect(await auditRows(t)).toBe(rowsBefore + acceptedCount);

    for (const c of cases) {
      const versions = accepted.get(c.id)!.sort((a, b) => a - b);
      // One accepted event per version, no gaps: the versions handed out are exactly v+1 … v+n.
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => c.version + 1 + i));
      const after = await t.api.get(`/api/v1/cases/${c.id}`, p.board.token);
      expect(after.body.version).toBe(c.version + versions.length);
      await expectChainValid(c.id, after.body.version);
    }
  }, 60_000);
});
