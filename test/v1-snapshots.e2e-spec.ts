import { MigrateCasesUseCase } from '@compact/application';
import { compactDisputeV1 } from '@compact/workflows';
import { ManualClock } from './support/manual-clock';
import { loadSnapshots, readSnapshots, SnapshotFixture } from './support/snapshot-fixtures';
import { ADMIN_TOKEN, startTestApp, TestApp } from './support/test-app';
import { dumpDatabase } from './support/database-dump';

jest.setTimeout(90_000);

/*
 * Real persisted compact-dispute v1 cases, one in each state of v1 (test/fixtures/snapshots, written
 * once by scripts/write-v1-snapshots.js and kept for good), restored on today's code: each still
 * reads, verifies and takes an allowed event; and each moves to v2 through the declared migration,
 * dry run first, keeping the deadlines it was given, its chain still verifying. A release that can
 * no longer read old cases fails here.
 */

const fixtures = readSnapshots();
const V1_STATES = Object.keys(
  (compactDisputeV1.machine.root.states as Record<string, { states: Record<string, unknown> }>) ?? {},
).flatMap((top) => {
  const children = Object.keys(compactDisputeV1.machine.root.states[top].states ?? {});
  return children.length > 0 ? children.map((c) => `${top}.${c}`) : [top];
});

/** The API tokens of the fixture's people (their own were never written to the fixture). */
async function tokensOf(t: TestApp, f: SnapshotFixture): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const u of f.users.filter((u) => u.role !== 'admin')) {
    const issued = await t.api.post(`/api/v1/users/${u.id as string}/tokens`, { label: 'snapshot test' }, ADMIN_TOKEN);
    if (issued.status !== 200 && issued.status !== 201) throw new Error(`token for ${u.email}: ${issued.status} ${JSON.stringify(issued.body)}`);
    out[u.email] = issued.body.token;
  }
  return out;
}

async function start(): Promise<{ t: TestApp; tokens: Record<string, string>; clock: ManualClock }> {
  const clock = new ManualClock(new Date(fixtures[0].capturedAt));
  const t = await startTestApp({ clock });
  await loadSnapshots(t.dataSource, fixtures);
  clock.set(fixtures.map((f) => f.capturedAt).sort().at(-1)!);
  return { t, tokens: await tokensOf(t, fixtures[0]), clock };
}

/** The v1 example payload of an event, with a real mediator organisation. */
function examplePayload(type: string, f: SnapshotFixture): Record<string, unknown> {
  const example: Record<string, unknown> = { ...compactDisputeV1.events[type].example };
  if ('mediatorOrganisationId' in example) example.mediatorOrganisationId = f.organisations.find((o) => o.kind === 'mediator')!.id;
  return example;
}

describe('real persisted v1 cases, one in each state of v1', () => {
  it('are one for each state of v1, each on v1 with its recorded rules', () => {
    expect(fixtures.map((f) => f.state).sort()).toEqual([...V1_STATES].sort());
    for (const f of fixtures) expect([f.workflow, f.case.workflow_version, f.case.state_path]).toEqual(['compact-dispute/v1', 1, f.state]);
  });

  describe('restored on the current code', () => {
    let t: TestApp;
    let tokens: Record<string, string>;
    beforeAll(async () => ({ t, tokens } = await start()));
    afterAll(() => t?.close());

    it.each(fixtures.map((f) => [f.state, f] as const))('%s reads, verifies and takes an allowed event', async (_state, f) => {
      const id = f.case.id;
      expect((await t.api.get(`/api/v1/cases/${id}/history/verify`, ADMIN_TOKEN)).body).toEqual({ valid: true, entries: f.audit.length, documents: [] });
      // The people who may see it (a mediator it was never referred to may not).
      const asEach = (await Promise.all(Object.entries(tokens).map(async ([email, token]) => ({ email, token, res: await t.api.get(`/api/v1/cases/${id}`, token) }))))
        .filter((a) => a.res.status === 200)
        .map(({ email, token, res }) => ({ email, token, view: res.body }));
      expect(asEach.length).toBeGreaterThanOrEqual(2);
      for (const { view } of asEach) expect([view.statePath, view.workflow]).toEqual([f.state, { name: 'compact-dispute', version: 1 }]);
      const actor = asEach.find((a) => a.view.allowedEvents.some((e: string) => e !== 'ADD_NOTE'));
      if (f.state === 'closed') {
        expect(actor).toBeUndefined();
        expect((await t.api.event(id, { type: 'ADD_NOTE', note: 'Too late.' }, asEach[0].token)).status).toBe(409);
        return;
      }
      const type = actor!.view.allowedEvents.find((e: string) => e !== 'ADD_NOTE');
      const sent = await t.api.event(id, { type, ...examplePayload(type, f) }, actor!.token);
      expect([type, sent.status]).toEqual([type, 200]);
      expect(sent.body.workflow).toEqual({ name: 'compact-dispute', version: 1 });
      expect((await t.api.get(`/api/v1/cases/${id}/history/verify`, ADMIN_TOKEN)).body).toEqual({ valid: true, entries: f.audit.length + 1, documents: [] });
    });
  });

  describe('migrated to v2', () => {
    let t: TestApp;
    let tokens: Record<string, string>;
    let clock: ManualClock;
    beforeAll(async () => ({ t, tokens, clock } = await start()));
    afterAll(() => t?.close());

    const request = { from: 'compact-dispute/v1', to: 'compact-dispute/v2', reason: 'v2 follows agreements up' };

    it('dry run: lists where each case would go and each deadline before and after, refuses the closed one by name, writes nothing', async () => {
      const before = await dumpDatabase(t.dataSource);
      const dry = await t.api.post('/api/v1/admin/migrations', { ...request, dryRun: true }, ADMIN_TOKEN);
      expect(dry.status).toBe(200);
      expect(dry.body.dryRun).toBe(true);
      expect(dry.body.migrated.map((m: any) => [m.fromState, m.toState]).sort()).toEqual(
        fixtures.filter((f) => f.state !== 'closed').map((f) => [f.state, f.state]).sort(),
      );
      expect(dry.body.refused).toEqual([
        expect.objectContaining({ state: 'closed', reason: expect.stringContaining("state 'closed' is not covered by the migration to compact-dispute/v2") }),
      ]);
      for (const m of dry.body.migrated) {
        const f = fixtures.find((x) => x.case.id === m.caseId)!;
        for (const timer of f.timers) {
          const planned = m.deadlines.find((d: any) => d.key === timer.timer_key);
          // A deadline already given keeps its due time; one the old state had and v2's does not is removed.
          if (planned) expect(planned).toMatchObject({ before: new Date(Number(timer.due_at)).toISOString(), after: new Date(Number(timer.due_at)).toISOString() });
          else expect(m.removed).toContain(timer.timer_key);
        }
        for (const d of m.deadlines.filter((x: any) => x.before === null)) expect(Date.parse(d.after)).toBeGreaterThanOrEqual(clock.now().getTime());
      }
      expect(await dumpDatabase(t.dataSource)).toEqual(before);
    });

    it('moves every case but the closed one, each in its own step of the trail, deadlines kept, chains verifying; and again changes nothing', async () => {
      const run = await t.api.post('/api/v1/admin/migrations', request, ADMIN_TOKEN);
      expect(run.status).toBe(200);
      expect(run.body.migrated).toHaveLength(fixtures.length - 1);
      for (const f of fixtures) {
        const id = f.case.id;
        const history = (await t.api.get(`/api/v1/cases/${id}/history`, ADMIN_TOKEN)).body.entries;
        const view = (await t.api.get(`/api/v1/cases/${id}`, ADMIN_TOKEN)).body;
        expect((await t.api.get(`/api/v1/cases/${id}/history/verify`, ADMIN_TOKEN)).body.valid).toBe(true);
        if (f.state === 'closed') {
          expect(view.workflow.version).toBe(1);
          expect(history).toHaveLength(f.audit.length);
          continue;
        }
        expect([view.workflow, view.statePath]).toEqual([{ name: 'compact-dispute', version: 2 }, f.state]);
        const migrated = history.at(-1);
        expect(migrated).toMatchObject({
          eventType: 'WORKFLOW_MIGRATED',
          actor: { type: 'user', role: 'admin' },
          fromState: f.state,
          toState: f.state,
          payload: { reason: request.reason, from: 'compact-dispute/v1', to: 'compact-dispute/v2' },
        });
        expect(migrated.payload.snapshotDigests.before).toMatch(/^[0-9a-f]{64}$/);
        for (const timer of f.timers) {
          const now = view.deadlines.find((d: any) => d.key === timer.timer_key);
          if (now) expect(now.dueAt).toBe(new Date(Number(timer.due_at)).toISOString());
        }
      }
      const before = await dumpDatabase(t.dataSource);
      const again = await t.api.post('/api/v1/admin/migrations', request, ADMIN_TOKEN);
      expect([again.body.migrated, again.body.refused.map((r: any) => r.state)]).toEqual([[], ['closed']]);
      expect(await dumpDatabase(t.dataSource)).toEqual(before);
      // The command line runs the same use case: nothing is left to move.
      expect((await t.app.get(MigrateCasesUseCase).execute(null, { ...request, dryRun: true })).migrated).toEqual([]);
    });

    it.each(fixtures.filter((f) => f.state !== 'closed').map((f) => [f.state, f] as const))(
      'the %s case takes an allowed event of v2 once migrated',
      async (_state, f) => {
        const views = (await Promise.all(Object.values(tokens).map(async (token) => ({ token, res: await t.api.get(`/api/v1/cases/${f.case.id}`, token) }))))
          .filter((v) => v.res.status === 200)
          .map(({ token, res }) => ({ token, view: res.body }));
        const actor = views.find((v) => v.view.allowedEvents.some((e: string) => e !== 'ADD_NOTE')) ?? views.find((v) => v.view.allowedEvents.length > 0)!;
        const type = actor.view.allowedEvents.find((e: string) => e !== 'ADD_NOTE') ?? 'ADD_NOTE';
        const payload = type in compactDisputeV1.events ? examplePayload(type, f) : {};
        const sent = await t.api.event(f.case.id, { type, ...payload }, actor.token);
        expect([type, sent.status, sent.body.workflow?.version]).toEqual([type, 200, 2]);
      },
    );
  });
});
