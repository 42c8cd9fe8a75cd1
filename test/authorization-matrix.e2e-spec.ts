import { CaseRelation, Store } from '@compact/domain';
import { compactDisputeV1 } from '@compact/workflows';
import { CaseFactory, mapPool, mediatorsAt, Placement, PLACEMENTS } from './support/case-factory';
import { dumpDatabase } from './support/database-dump';
import { Member, Parties, seedParties } from './support/parties.fixture';
import { expectProblem, problemOf } from './support/problem';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { localRuntime, SYSTEM_EVENTS } from './support/workflow-paths';

/*
 * Every caller × every event × every place on the escalation path. The expectation for each cell
 * comes from the workflow's own declaration (`events[type].mayBeSentBy(relation, context)`) and,
 * for permitted events, from the machine (`accepts`): nothing here is a hand-written guess.
 */

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

type MemberKey = 'vcs' | 'council' | 'mediator' | 'mediator2' | 'vcs2' | 'council2' | 'board' | 'admin';
const MEMBERS: MemberKey[] = ['vcs', 'council', 'mediator', 'mediator2', 'vcs2', 'council2', 'board', 'admin'];
const EVENT_TYPES = Object.keys(compactDisputeV1.events);
const ACTING = new Set<CaseRelation>(['claimant', 'respondent', 'mediator', 'admin']);
const runtime = localRuntime();

/** How each test user stands to a case at `placement`, from how the fixture built it. */
function relationAt(placement: Placement, key: MemberKey): CaseRelation {
  const fixed: Partial<Record<MemberKey, CaseRelation>> = { vcs: 'claimant', council: 'respondent', board: 'board', admin: 'admin' };
  if (fixed[key]) return fixed[key]!;
  if (key === 'vcs2' || key === 'council2') return 'none';
  const { current, former } = mediatorsAt(placement);
  if (key === current) return 'mediator';
  return key === former ? 'former-mediator' : 'none';
}

interface Cell {
  member: MemberKey;
  relation: CaseRelation;
  type: string;
  expected: { status: number; code?: string };
}

describe('authorisation matrix: every caller × every event × every place on the path', () => {
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory;
  let store: Store;
  let cells = 0;

  beforeAll(async () => {
    // Every route is tried with unknown tokens from one address: more than the default limit allows (throttling has its own suite).
    t = await startTestApp({ env: { BAD_TOKEN_LIMIT: '100000' } });
    p = await seedParties(t.api);
    f = new CaseFactory(t.api, p);
    store = t.app.get(Store);
  });
  afterAll(async () => {
    console.log(`authorisation matrix: ${cells} (caller, event, state) cells checked over HTTP`);
    await t.close();
  });

  const placements = Object.keys(PLACEMENTS) as Placement[];

  it('knows the system events and gives them to no user', () => {
    expect([...SYSTEM_EVENTS].sort()).toEqual(
      ['ACKNOWLEDGEMENT_OVERDUE', 'MEDIATOR_RESPONSE_OVERDUE', 'NEGOTIATION_PERIOD_ENDED', 'OMBUDSMAN_LIMIT_APPROACHING', 'PROPOSAL_OVERDUE'].sort(),
    );
    for (const type of SYSTEM_EVENTS) {
      for (const r of ['claimant', 'respondent', 'mediator', 'admin'] as const) expect(compactDisputeV1.events[type].mayBeSentBy(r, {} as never)).toBe(false);
    }
  });

  it.each(placements)('a case at %s: reads, refusals and permitted events as declared', async (placement) => {
    let view = await f.place(placement);
    const record = (await store.read((r) => r.cases.findById(view.id)))!;
    const snapshot = runtime.restore(record.snapshot);
    const at = new Date().toISOString();

    // Who may read: everyone but callers with no relation to the case, for whom it does not exist.
    for (const member of MEMBERS) {
      const relation = relationAt(placement, member);
      for (const path of ['', '/history', '/history/verify']) {
        const res = await t.api.get(`/api/v1/cases/${view.id}${path}`, p[member].token);
        if (relation === 'none') expectProblem(res, 404, 'NOT_FOUND');
        else expect({ member, path, status: res.status }).toEqual({ member, path, status: 200 });
      }
    }

    const matrix: Cell[] = MEMBERS.flatMap((member) =>
      EVENT_TYPES.map((type): Cell => {
        const relation = relationAt(placement, member);
        if (relation === 'none') return { member, relation, type, expected: { status: 404, code: 'NOT_FOUND' } };
        const permitted = ACTING.has(relation) && compactDisputeV1.events[type].mayBeSentBy(relation as never, snapshot.context);
        if (!permitted) return { member, relation, type, expected: { status: 403, code: 'FORBIDDEN_EVENT' } };
        const event = { type, ...f.payload(type, mediatorsAt(placement).current ?? 'mediator'), meta: { at, by: relation } };
        return runtime.accepts(snapshot, event)
          ? { member, relation, type, expected: { status: 200 } }
          : { member, relation, type, expected: { status: 409, code: 'TRANSITION_NOT_ALLOWED' } };
      }),
    );
    cells += matrix.length;

    // Refusals (403/404, and the 409s of events the state does not allow) write nothing at all.
    const before = await dumpDatabase(t.dataSource);
    const refused = matrix.filter((c) => c.expected.status !== 200);
    const refusedResults = await mapPool(refused, 8, async (c) => {
      const res = await f.send(view.id, c.type, p[c.member], f.payload(c.type));
      return { ...c, actual: { status: res.status, code: res.body?.code } };
    });
    expect(refusedResults.filter((r) => !sameOutcome(r))).toEqual([]);
    for (const r of refusedResults.filter((x) => x.expected.status === 403)) {
      expect(r.actual.code).toBe('FORBIDDEN_EVENT');
    }
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
    const after = await t.api.get(`/api/v1/cases/${view.id}`, ADMIN_TOKEN);
    const history = await t.api.get(`/api/v1/cases/${view.id}/history`, ADMIN_TOKEN);
    expect({ version: after.body.version, entries: history.body.entries.length }).toEqual({
      version: view.version,
      entries: PLACEMENTS[placement].length + 1,
    });

    // Each permitted, possible event is sent to a case in exactly this place (a fresh one once the last was moved on).
    let fresh = true;
    for (const c of matrix.filter((x) => x.expected.status === 200)) {
      if (!fresh) view = await f.place(placement);
      const res = await f.send(view.id, c.type, p[c.member], f.payload(c.type, mediatorsAt(placement).current ?? 'mediator'));
      expect({ member: c.member, type: c.type, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
        member: c.member,
        type: c.type,
        status: 200,
        body: null,
      });
      expect(res.body.version).toBe(view.version + 1);
      fresh = false;
    }
  });

  function sameOutcome(r: Cell & { actual: { status: number; code?: string } }): boolean {
    return r.actual.status === r.expected.status && (r.expected.code === undefined || r.actual.code === r.expected.code);
  }

  it('lets only party users raise cases (board, admin and mediators: 403 FORBIDDEN), writing nothing when refused', async () => {
    const before = await dumpDatabase(t.dataSource);
    for (const member of [p.board, p.admin, p.mediator, p.mediator2]) {
      expectProblem(await t.api.post('/api/v1/cases', breach(p), member.token), 403, 'FORBIDDEN');
    }
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
    const byCouncil = await t.api.post(
      '/api/v1/cases',
      { ...breach(p), respondentOrganisationId: p.orgs.vcs2, undertakings: ['4.6'] },
      p.council.token,
    );
    expect(byCouncil.status).toBe(201);
    expect((await t.api.post('/api/v1/cases', breach(p), p.vcs2.token)).status).toBe(201);
  });

  it('keeps organisation and user administration to the admin', async () => {
    const nonAdmins: Member[] = [p.vcs, p.council, p.mediator, p.board];
    const before = await dumpDatabase(t.dataSource);
    for (const member of nonAdmins) {
      expectProblem(await t.api.post('/api/v1/organisations', { name: 'Sneaky Org', kind: 'vcs' }, member.token), 403, 'FORBIDDEN');
      const user = { name: 'Sneaky', email: 'sneaky@example.org', role: 'admin' };
      expectProblem(await t.api.post('/api/v1/users', user, member.token), 403, 'FORBIDDEN');
      expectProblem(await t.api.get('/api/v1/users', member.token), 403, 'FORBIDDEN');
      // Listing organisations is open to every signed-in user (they need the mediator ids for referrals).
      expect((await t.api.get('/api/v1/organisations', member.token)).status).toBe(200);
    }
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
    expect((await t.api.get('/api/v1/users', ADMIN_TOKEN)).status).toBe(200);
    const created = await t.api.post('/api/v1/organisations', { name: 'Itchen Advice Centre', kind: 'vcs' }, ADMIN_TOKEN);
    expect(created.status).toBe(201);
    const user = await t.api.post(
      '/api/v1/users',
      { name: 'Ada', email: 'ada@itchen.example.org', role: 'party', organisationId: created.body.id },
      ADMIN_TOKEN,
    );
    expect(user.status).toBe(201);
    expect(user.body).toEqual(expect.objectContaining({ id: expect.any(String), token: expect.any(String) }));
  });

  it('answers a missing, malformed or unknown token with 401 UNAUTHENTICATED everywhere, writing nothing', async () => {
    const view = await f.place('discussing');
    const before = await dumpDatabase(t.dataSource);
    const badAuth: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer' },
      { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
      { authorization: 'Bearer not-a-real-token-0000000000000000' },
      { authorization: `Bearer ${p.vcs.token}x` },
    ];
    const requests: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/cases'],
      ['GET', `/api/v1/cases/${view.id}`],
      ['GET', `/api/v1/cases/${view.id}/history`],
      ['GET', `/api/v1/cases/${view.id}/history/verify`],
      ['POST', `/api/v1/cases/${view.id}/events`, { type: 'ADD_NOTE', note: 'hello' }],
      ['POST', '/api/v1/cases', breach(p)],
      ['GET', '/api/v1/organisations'],
      ['POST', '/api/v1/organisations', { name: 'X', kind: 'vcs' }],
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/users', { name: 'X', email: 'x@example.org', role: 'board' }],
    ];
    for (const headers of badAuth) {
      for (const [method, path, body] of requests) {
        const res = await t.api.request(method, path, { body, headers });
        expect({ method, path, headers, ...problemOf(res) }).toEqual({
          method,
          path,
          headers,
          status: 401,
          contentType: 'application/problem+json',
          code: 'UNAUTHENTICATED',
        });
      }
    }
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
  });
});

function breach(p: Parties) {
  return {
    respondentOrganisationId: p.orgs.council,
    kind: 'breach',
    title: 'Consultation period cut short',
    summary: 'We were given one week to respond.',
    becameAwareOn: '2026-11-02',
    undertakings: ['2.3'],
  };
}
