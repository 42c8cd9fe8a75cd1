import { CaseRelation, Store } from '@compact/domain';
import type { InstalledWorkflow } from '@compact/engine';
import { compactDisputeV1, compactDisputeV2 } from '@compact/workflows';
import { CaseFactory, mapPool, mediatorsOf, Placements, PLACEMENTS, Step } from './support/case-factory';
import { dumpDatabase } from './support/database-dump';
import { declaredOutcome, Outcome, payloadsToTry } from './support/declared-outcome';
import { ManualClock } from './support/manual-clock';
import { Member, Parties, seedParties } from './support/parties.fixture';
import { expectProblem, problemOf } from './support/problem';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { V2_PLACEMENTS } from './support/v2-placements';
import { localRuntime, systemEventsOf } from './support/workflow-paths';

/*
 * Every caller × every event × every place on the escalation path, once per released version, on
 * cases raised on that version (WORKFLOW_DEFAULT) and judged by that version's own declarations:
 * who may send each event (`mayBeSentBy`, without and with the payload), whether its machine takes
 * it (`possible`, `accepts`) and the payload's checks against the case's facts (`checkWith`, with
 * the case's own timers). Nothing here is a hand-written table of who may do what; the explicit
 * cases at the end pin the permissions that depend on the payload, in words.
 */

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(120_000);

/** A Tuesday. The app runs on this clock (nothing waits on it), so dated examples stay in the future and the past. */
const START = '2026-12-01T10:00:00.000Z';

type MemberKey = 'vcs' | 'council' | 'mediator' | 'mediator2' | 'vcs2' | 'council2' | 'board' | 'admin';
const MEMBERS: MemberKey[] = ['vcs', 'council', 'mediator', 'mediator2', 'vcs2', 'council2', 'board', 'admin'];

const V1_SYSTEM_EVENTS = ['ACKNOWLEDGEMENT_OVERDUE', 'MEDIATOR_RESPONSE_OVERDUE', 'NEGOTIATION_PERIOD_ENDED', 'OMBUDSMAN_LIMIT_APPROACHING', 'PROPOSAL_OVERDUE'];

interface VersionUnderTest {
  key: string;
  workflow: InstalledWorkflow;
  placements: Placements;
  /** The events only the system (a timer) sends: what the version's description says. */
  systemEvents: string[];
}

const VERSIONS: VersionUnderTest[] = [
  { key: 'compact-dispute/v1', workflow: compactDisputeV1, placements: PLACEMENTS, systemEvents: V1_SYSTEM_EVENTS },
  {
    key: 'compact-dispute/v2',
    workflow: compactDisputeV2,
    placements: V2_PLACEMENTS,
    systemEvents: [...V1_SYSTEM_EVENTS, 'ACTION_OVERDUE', 'ACTION_CONFIRMATION_OVERDUE', 'JUDICIAL_REVIEW_LIMIT_APPROACHING'],
  },
];

/** How each test user stands to a case built by `steps`, from how the fixture built it. */
function relationAt(steps: readonly Step[], key: MemberKey): CaseRelation {
  const fixed: Partial<Record<MemberKey, CaseRelation>> = { vcs: 'claimant', council: 'respondent', board: 'board', admin: 'admin' };
  if (fixed[key]) return fixed[key]!;
  if (key === 'vcs2' || key === 'council2') return 'none';
  const { current, former } = mediatorsOf(steps);
  if (key === current) return 'mediator';
  return key === former ? 'former-mediator' : 'none';
}

interface Cell {
  member: MemberKey;
  relation: CaseRelation;
  type: string;
  payload: Record<string, unknown>;
  expected: Outcome;
}

/** `MEDIATION_AGREEMENT` or `MEDIATION_AGREEMENT with actions`: whether the payload carries a list of actions its schema allows. */
function kindOf(workflow: InstalledWorkflow, type: string, payload: Record<string, unknown>): string {
  const withActions = Object.entries(workflow.events[type].schema).some(
    ([field, spec]) => spec.kind === 'actions' && Array.isArray(payload[field]) && (payload[field] as unknown[]).length > 0,
  );
  return withActions ? `${type} with actions` : type;
}

async function startOn(key: string, clock: ManualClock): Promise<TestApp> {
  // Every route is tried with unknown tokens from one address: more than the default limit allows (throttling has its own suite).
  return startTestApp({ clock, env: { BAD_TOKEN_LIMIT: '100000', WORKFLOW_DEFAULT: key } });
}

describe.each(VERSIONS)('authorisation matrix on $key cases: every caller × every event × every place on the path', (v) => {
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory<string>;
  let store: Store;
  let clock: ManualClock;
  const runtime = localRuntime(v.workflow);
  const eventTypes = Object.keys(v.workflow.events);
  /** Kinds of event (`kindOf`) sent with success somewhere on the path. */
  const succeeded = new Set<string>();
  const tally = new Map<string, number>();
  /** `ACTION_DONE by mayBeSentBy(payload)`: which rule decided some cell of each event. */
  const decided = new Set<string>();
  let cells = 0;

  beforeAll(async () => {
    clock = new ManualClock(new Date(START));
    t = await startOn(v.key, clock);
    p = await seedParties(t.api);
    f = new CaseFactory<string>(t.api, p, v.workflow, v.placements);
    store = t.app.get(Store);
  });
  afterAll(async () => {
    const counts = [...tally.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([outcome, n]) => `${n} × ${outcome}`)
      .join(', ');
    console.log(`authorisation matrix on ${v.key}: ${cells} (caller, event, payload, state) cells checked over HTTP: ${counts}`);
    await t?.close();
  });

  it('knows the system events and gives them to no person', () => {
    expect([...systemEventsOf(v.workflow)].sort()).toEqual([...v.systemEvents].sort());
    // In a new case here; the matrix below asks the same of every place on the path, over HTTP.
    const context = runtime.start({ kind: 'breach', becameAwareOn: '2026-11-20', at: START }).snapshot.context;
    for (const type of v.systemEvents) {
      for (const r of ['claimant', 'respondent', 'mediator', 'admin'] as const) {
        expect({ type, r, may: v.workflow.events[type].mayBeSentBy(r, context) }).toEqual({ type, r, may: false });
      }
    }
  });

  it.each(Object.keys(v.placements))('a case at %s: reads, refusals and permitted events as declared', async (placement) => {
    const steps = v.placements[placement];
    const mediator = mediatorsOf(steps).current ?? 'mediator';
    let view = await f.place(placement);
    expect(view.workflow).toEqual({ name: v.workflow.name, version: v.workflow.version });
    const record = (await store.read((r) => r.cases.findById(view.id)))!;
    const snapshot = runtime.restore(record.snapshot);
    const facts = { timers: await store.read((r) => r.timers.listByCase(view.id)), deadlines: record.rules.deadlines };
    const at = clock.now();

    // Who may read: everyone but callers with no relation to the case, for whom it does not exist.
    for (const member of MEMBERS) {
      const relation = relationAt(steps, member);
      for (const path of ['', '/history', '/history/verify']) {
        const res = await t.api.get(`/api/v1/cases/${view.id}${path}`, p[member].token);
        if (relation === 'none') expectProblem(res, 404, 'NOT_FOUND');
        else expect({ member, path, status: res.status }).toEqual({ member, path, status: 200 });
      }
    }

    const tries = eventTypes.flatMap((type) =>
      payloadsToTry(v.workflow.events[type], f.payload(type, mediator), snapshot.context, facts).map((payload) => ({ type, payload })),
    );
    const matrix: Cell[] = MEMBERS.flatMap((member) =>
      tries.map(({ type, payload }): Cell => {
        const relation = relationAt(steps, member);
        return { member, relation, type, payload, expected: declaredOutcome({ runtime, snapshot, facts, relation, type, payload, at }) };
      }),
    );
    cells += matrix.length;
    for (const { type, expected } of matrix) {
      const key = `${expected.status} by ${expected.rule}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      decided.add(`${type} by ${expected.rule}`);
    }

    // Refusals (403/404, the 409s of events the state does not allow, the 400s of payloads the case's facts rule out) write nothing at all.
    const before = await dumpDatabase(t.dataSource);
    const refused = matrix.filter((c) => c.expected.status !== 200);
    const refusedResults = await mapPool(refused, 8, async (c) => {
      const res = await f.send(view.id, c.type, p[c.member], c.payload);
      return { ...c, actual: { status: res.status, code: res.body?.code } };
    });
    expect(refusedResults.filter((r) => !sameOutcome(r))).toEqual([]);
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
    const after = await t.api.get(`/api/v1/cases/${view.id}`, ADMIN_TOKEN);
    const history = await t.api.get(`/api/v1/cases/${view.id}/history`, ADMIN_TOKEN);
    expect({ version: after.body.version, entries: history.body.entries.length }).toEqual({ version: view.version, entries: steps.length + 1 });

    // Each permitted, possible event is sent to a case in exactly this place (a fresh one once the last was moved on),
    // and takes it where the machine says.
    let fresh = true;
    for (const c of matrix.filter((x) => x.expected.status === 200)) {
      if (!fresh) view = await f.place(placement);
      const res = await f.send(view.id, c.type, p[c.member], c.payload);
      const predicted = runtime.apply(snapshot, { type: c.type, ...c.payload, meta: { at: at.toISOString(), by: c.relation as never } }).path;
      expect({ member: c.member, type: c.type, payload: c.payload, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({
        member: c.member,
        type: c.type,
        payload: c.payload,
        status: 200,
        body: null,
      });
      expect({ type: c.type, version: res.body.version, statePath: res.body.statePath }).toEqual({
        type: c.type,
        version: view.version + 1,
        statePath: predicted,
      });
      succeeded.add(kindOf(v.workflow, c.type, c.payload));
      fresh = false;
    }
  });

  it('has sent every event a person may send with success somewhere on the path, with and without actions where it takes them', () => {
    const kinds = eventTypes
      .filter((type) => !v.systemEvents.includes(type))
      .flatMap((type) => {
        const takesActions = Object.values(v.workflow.events[type].schema).some((spec) => spec.kind === 'actions');
        return takesActions ? [type, `${type} with actions`] : [type];
      });
    expect(kinds.filter((kind) => !succeeded.has(kind))).toEqual([]);
  });

  it('has met each permission that depends on the payload, and each offer that depends on the case\'s deadlines, refusing as well as allowing', () => {
    const defs = Object.values(v.workflow.events);
    const expected = [
      // Events about one agreed action: some caller was refused for the action named, though allowed the event.
      ...defs.filter((def) => def.candidates).map((def) => `${def.type} by mayBeSentBy(payload)`),
      // Events offered only while the case's timers allow them (more time): some caller was refused by checkWith.
      ...defs.filter((def) => def.offeredWhen && def.checkWith).map((def) => `${def.type} by checkWith`),
    ];
    expect(expected.filter((rule) => !decided.has(rule))).toEqual([]);
  });
});

function sameOutcome(r: Cell & { actual: { status: number; code?: string } }): boolean {
  return r.actual.status === r.expected.status && (r.expected.code === undefined || r.actual.code === r.expected.code);
}

describe('authorisation on the service (the default workflow version)', () => {
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(new Date(START)), env: { BAD_TOKEN_LIMIT: '100000' } });
    p = await seedParties(t.api);
    f = new CaseFactory(t.api, p);
  });
  afterAll(() => t?.close());

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
