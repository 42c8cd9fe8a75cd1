import { FireDueTimersUseCase } from '@compact/application';
import { compactDisputeV1StateLabels } from '../workflows/compact-dispute/v1.states';
import { CaseFactory, mapPool } from './support/case-factory';
import { ManualClock } from './support/manual-clock';
import { Parties, seedParties } from './support/parties.fixture';
import { PathReplay } from './support/path-replay';
import { startTestApp, TestApp } from './support/test-app';
import { maximalPaths, simpleWorkflowPaths, SYSTEM_EVENTS, uniquePaths } from './support/workflow-paths';

/*
 * Every simple path of compact-dispute v1 (xstate/graph's getSimplePaths over the machine with its
 * delays provided, events built from each event's declared `example`) replayed end to end through
 * the HTTP API as the users the workflow permits, deadline events through the app's own timer rows
 * and FireDueTimersUseCase. After every step: the state the machine predicted; at the end: the
 * audit trail, event by event, and its hash chain.
 *
 * Every simple path is replayed, both parties proposing in the same traversal included (about 3,400
 * paths). WORKFLOW_PATHS=quick replays only those where one side proposes (quicker local runs).
 */

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

const EXHAUSTIVE = process.env.WORKFLOW_PATHS !== 'quick';
const START = '2026-12-01T10:00:00.000Z'; // a Tuesday
const COMPOUND = ['raised', 'negotiation', 'mediation', 'formal'];

const everyPath = uniquePaths(simpleWorkflowPaths(['claimant', 'respondent']));
const oneSideProposing = uniquePaths(simpleWorkflowPaths(['claimant']), simpleWorkflowPaths(['respondent']));
const paths = EXHAUSTIVE ? everyPath : oneSideProposing;
const replayed = maximalPaths(paths);
const scope = EXHAUSTIVE
  ? `all ${everyPath.length} simple paths`
  : `${paths.length} of ${everyPath.length} simple paths: excluding the ${everyPath.length - paths.length} in which both parties ` +
    'make proposals (WORKFLOW_PATHS=quick; unset it to replay them too)';

describe(`workflow paths: ${scope}`, () => {
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory;
  let clock: ManualClock;
  let timers: FireDueTimersUseCase;
  let replay: PathReplay;

  beforeAll(async () => {
    clock = new ManualClock(new Date(START));
    // v1 as released: its cases keep running beside v2's (new cases start on v2 unless WORKFLOW_DEFAULT says otherwise).
    t = await startTestApp({ clock, env: { WORKFLOW_DEFAULT: 'compact-dispute/v1' } });
    p = await seedParties(t.api);
    f = new CaseFactory(t.api, p);
    timers = t.app.get(FireDueTimersUseCase);
    replay = new PathReplay(t, p, clock, 1, () => ({ becameAwareOn: '2026-11-20' }));
  });
  afterAll(() => t?.close());

  it('covers every path: each is one of the replayed paths or the beginning of one', () => {
    const all = new Set(everyPath.map((path) => path.name));
    expect(oneSideProposing.filter((path) => !all.has(path.name)).map((path) => path.name)).toEqual([]);
    const replayedNames = replayed.map((r) => r.name);
    const uncovered = paths.filter((path) => path.events.length > 0 && !replayedNames.some((n) => n === path.name || n.startsWith(`${path.name} > `)));
    expect(uncovered.map((u) => u.name)).toEqual([]);
    const systemEvents = new Set(paths.flatMap((path) => path.events.filter((e) => e.by === 'system').map((e) => e.type)));
    // Deadline events take part; OMBUDSMAN_LIMIT_APPROACHING is only ever a self-loop, which simple paths never take.
    expect([...systemEvents].sort()).toEqual(SYSTEM_EVENTS.filter((e) => e !== 'OMBUDSMAN_LIMIT_APPROACHING').sort());
    const states = new Set(paths.map((path) => path.finalPath));
    expect([...states].sort()).toEqual(Object.keys(compactDisputeV1StateLabels).filter((s) => !COMPOUND.includes(s)).sort());
    console.log(
      `workflow paths: ${paths.length} simple paths covered by replaying ${replayed.length} maximal paths ` +
        `(${replayed.reduce((n, r) => n + r.events.length, 0)} events over HTTP/timers), reaching ${states.size} states`,
    );
  });

  it('fires deadline events by moving the clock and running the timer poller itself (runOnce)', async () => {
    // One representative path per deadline event, each on the real poller: due rows only, in due order.
    for (const [steps, deadline, expected] of [
      [[], 'ACKNOWLEDGEMENT_OVERDUE', 'raised.acknowledgementOverdue'],
      [[['ACKNOWLEDGE', 'respondent'], ['PROPOSE_RESOLUTION', 'claimant']], 'PROPOSAL_OVERDUE', 'negotiation.discussing'],
      [[['ACKNOWLEDGE', 'respondent']], 'NEGOTIATION_PERIOD_ENDED', 'negotiation.discussing'],
      [[['ACKNOWLEDGE', 'respondent'], ['DECLARE_NEGOTIATION_FAILED', 'claimant'], ['REFER_TO_MEDIATION', 'claimant']], 'MEDIATOR_RESPONSE_OVERDUE', 'mediation.ended'],
    ] as Array<[Array<[string, 'claimant' | 'respondent']>, string, string]>) {
      const view = await f.raise({ becameAwareOn: '2026-11-20' });
      for (const step of steps) await f.step(view.id, step);
      const pending = (await t.api.get(`/api/v1/cases/${view.id}`, p.vcs.token)).body.deadlines as Array<{ event: string; dueAt: string }>;
      const due = pending.find((d) => d.event === deadline)!;
      expect(due).toBeDefined();
      const before = (await t.api.get(`/api/v1/cases/${view.id}`, p.vcs.token)).body.statePath;
      clock.set(new Date(Date.parse(due.dueAt) - 1));
      await timers.runOnce();
      // Not yet due: the poller leaves it alone.
      expect((await t.api.get(`/api/v1/cases/${view.id}`, p.vcs.token)).body.statePath).toBe(before);
      clock.set(due.dueAt);
      const report = await timers.runOnce();
      expect(report.errors).toBe(0);
      const after = await t.api.get(`/api/v1/cases/${view.id}`, p.vcs.token);
      expect({ deadline, statePath: after.body.statePath }).toEqual({ deadline, statePath: expected });
      const history = await t.api.get(`/api/v1/cases/${view.id}/history`, p.vcs.token);
      expect(history.body.entries.at(-1)).toMatchObject({ eventType: deadline, actor: { type: 'system' } });
    }
  });

  it(`replays every path over HTTP and compares state and audit with the machine`, async () => {
    const results = await mapPool(replayed, 4, async (path) => ({ path: path.name, problems: await replay.replay(path) }));
    expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
  }, 600_000);
});
