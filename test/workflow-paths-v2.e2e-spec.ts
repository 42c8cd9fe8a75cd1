import { FireDueTimersUseCase } from '@compact/application';
import { statePath, topLevelState } from '@compact/engine';
import { compactDisputeV2 } from '@compact/workflows';
import type { AnyMachineSnapshot } from 'xstate';
import { compactDisputeV2StateLabels } from '../workflows/compact-dispute/v2.states';
import { CaseFactory, mapPool } from './support/case-factory';
import { ManualClock } from './support/manual-clock';
import { Parties, seedParties } from './support/parties.fixture';
import { PathReplay } from './support/path-replay';
import { startTestApp, TestApp } from './support/test-app';
import { maximalPaths, Party, systemEventsOf, uniquePaths } from './support/workflow-paths';
import { edgesOf, StagedTraversalOptions, StagePath, stagedWorkflowPaths } from './support/workflow-stage-paths';

/*
 * The paths of compact-dispute v2 (the default for new cases) replayed end to end through the HTTP
 * API as the users the workflow permits, deadline events (agreed actions falling due, confirmations
 * not given, and v1's deadlines) through the case's own timer rows and FireDueTimersUseCase. After
 * every step: the state the machine predicted; at the end: the audit trail, event by event, and its
 * hash chain. As v1's (workflow-paths.e2e-spec.ts), with these differences:
 *
 * - Stage by stage (support/workflow-stage-paths.ts). v2's simple paths from end to end are too many
 *   to replay: an agreement not kept reopens negotiation, mediation or the formal route, so every
 *   way to an agreement is multiplied by every way on from the reopened stage (even with the state
 *   key below, some 26,000 maximal paths and 300,000 events with one side proposing). Instead, from
 *   every way into each stage (led there by the shortest path), every simple path inside it up to
 *   and including the move out, and every move back to where a stage was entered: every move the
 *   traversal offers is replayed, asserted below, and a reopened case runs on through the stage
 *   it reopens (so a path reopens an agreement at most once).
 * - The state key is the state path and the context that the guards and the offered events read
 *   there: in raised and negotiation whether referral is open, for a pending proposal who made it
 *   and whether it carries actions, in monitoring where the agreement was made and where its one
 *   action stands (open, done, overdue). The rest (counts, texts, the stale proposal of a case gone
 *   to mediation, how mediation ended) changes nothing the traversal offers.
 * - Offered: each event's declared example (the examples agree one action, a1, so monitoring stays
 *   small), and for the three events that may carry actions the same event without them (resolved
 *   at once rather than followed up). One side proposes per traversal; both sides are traversed.
 * - Left out: REQUEST_EXTENSION, AGREE_EXTENSION and REFUSE_EXTENSION, whose possibility depends on
 *   the pending timers rather than on the machine (their own suites cover them), and the external
 *   time-limit reminders (OMBUDSMAN_LIMIT_APPROACHING, JUDICIAL_REVIEW_LIMIT_APPROACHING), which
 *   change no state and so are never a move of a path: the second test below fires each of them,
 *   and every other v2 deadline, from its timer row through the real poller.
 */

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

const START = '2026-12-01T10:00:00.000Z'; // a Tuesday
const COMPOUND = ['raised', 'negotiation', 'mediation', 'formal'];
const REMINDERS = ['OMBUDSMAN_LIMIT_APPROACHING', 'JUDICIAL_REVIEW_LIMIT_APPROACHING'];
const def = compactDisputeV2;

function v2StateKey(snapshot: AnyMachineSnapshot): string {
  const c = snapshot.context;
  const path = statePath(snapshot.value);
  const stage = topLevelState(path);
  return JSON.stringify({
    path,
    status: snapshot.status,
    unlocked: stage === 'raised' || stage === 'negotiation' ? c.referralUnlockedBy !== null : undefined,
    proposal: path === 'negotiation.proposalPending' ? { by: c.proposal.by, terms: c.proposal.terms.length > 0 } : undefined,
    agreement:
      stage === 'monitoring'
        ? { via: c.agreement.via, actions: c.agreement.actions.map((a: any) => `${a.status}${a.overdue ? ' overdue' : ''}`) }
        : undefined,
  });
}

const OPTIONS: StagedTraversalOptions = {
  exclude: ['REQUEST_EXTENSION', 'AGREE_EXTENSION', 'REFUSE_EXTENSION', ...REMINDERS],
  variants: {
    PROPOSE_RESOLUTION: [{ proposal: 'The grant is restored from January.' }],
    MEDIATION_AGREEMENT: [{ agreement: 'Funding ends on 30 June with a transition grant.' }],
    RECORD_DECISION: [{ outcome: 'not-upheld', decidedOn: '2026-01-05' }],
  },
  // The examples agree one action, a1: the system events about it are fed its timer.
  timerFor: { ACTION_OVERDUE: 'action.due/a1', ACTION_CONFIRMATION_OVERDUE: 'action.confirmation/a1' },
  stateKey: v2StateKey,
};

const traversals = (['claimant', 'respondent'] as Party[]).map((side) => stagedWorkflowPaths(def, [side], START, OPTIONS));
const paths = uniquePaths(...traversals.map((t) => t.paths)) as StagePath[];
const moves = new Set(traversals.flatMap((t) => t.edges));
const replayed = maximalPaths(paths) as StagePath[];

const dayOf = (at: Date) => at.toISOString().slice(0, 10);
const daysAfter = (at: Date, days: number) => dayOf(new Date(at.getTime() + days * 86_400_000));

describe(`workflow v2 paths: every move, and every simple path of each stage (${paths.length} paths)`, () => {
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory;
  let clock: ManualClock;
  let timers: FireDueTimersUseCase;
  let replay: PathReplay;

  beforeAll(async () => {
    clock = new ManualClock(new Date(START));
    t = await startTestApp({ clock });
    p = await seedParties(t.api);
    f = new CaseFactory(t.api, p);
    timers = t.app.get(FireDueTimersUseCase);
    // The clock runs on as deadlines fire: the date a case is raised with, and an action's fixed due date, follow it.
    const dueOnLater = (payload: Record<string, unknown>) =>
      Array.isArray(payload.actions) && payload.actions.some((a: any) => 'on' in a.due)
        ? { ...payload, actions: payload.actions.map((a: any) => ('on' in a.due ? { ...a, due: { on: daysAfter(clock.now(), 60) } } : a)) }
        : payload;
    replay = new PathReplay(t, p, clock, 2, () => ({ becameAwareOn: daysAfter(clock.now(), -11) }), dueOnLater);
  });
  afterAll(() => t?.close());

  it('covers every move, every state and every event of v2 but those left out, each stage path replayed or the beginning of one', () => {
    const replayedNames = replayed.map((r) => r.name);
    const uncovered = paths.filter((path) => path.events.length > 0 && !replayedNames.some((n) => n === path.name || n.startsWith(`${path.name} > `)));
    expect(uncovered.map((u) => u.name)).toEqual([]);
    const taken = new Set(replayed.flatMap((path) => edgesOf(def, path)));
    expect([...moves].filter((m) => !taken.has(m))).toEqual([]);
    const states = new Set(replayed.flatMap((path) => [path.initial, ...path.events.map((e) => e.after)]));
    expect([...states].sort()).toEqual(Object.keys(compactDisputeV2StateLabels).filter((s) => !COMPOUND.includes(s)).sort());
    const events = new Set(replayed.flatMap((path) => path.events.map((e) => e.type)));
    // Notes and meetings only count, so they never change the state key (self-loops are no move of a simple path).
    const onlyCounted = ['ADD_NOTE', 'RECORD_MEETING'];
    expect([...events].sort()).toEqual(Object.keys(def.events).filter((e) => !OPTIONS.exclude!.includes(e) && !onlyCounted.includes(e)).sort());
    const systemEvents = new Set(replayed.flatMap((path) => path.events.filter((e) => e.by === 'system').map((e) => e.type)));
    expect([...systemEvents].sort()).toEqual(systemEventsOf(def).filter((e) => !REMINDERS.includes(e)).sort());
    // A broken agreement reopens each stage an agreement is made in, and the case goes on from there.
    const reopenedThenMoved = new Set(
      replayed.flatMap((path) => path.events.flatMap((e, i) => (e.type === 'AGREEMENT_NOT_KEPT' && i + 1 < path.events.length ? [e.after] : []))),
    );
    expect([...reopenedThenMoved].sort()).toEqual(['formal.underConsideration', 'mediation.inMediation', 'negotiation.discussing']);
    console.log(
      `workflow v2 paths: ${paths.length} stage paths covered by replaying ${replayed.length} maximal paths ` +
        `(${replayed.reduce((n, r) => n + r.events.length, 0)} events over HTTP/timers), taking all ${moves.size} moves, reaching ${states.size} states`,
    );
  });

  /** Sends one step as the party that may send it, with the event's declared example. */
  async function step(caseId: string, type: string, by: 'claimant' | 'respondent' | 'mediator'): Promise<void> {
    const payload = { ...def.events[type].example };
    if ('mediatorOrganisationId' in payload) payload.mediatorOrganisationId = p.orgs.mediator;
    const res = await t.api.event(caseId, { type, ...payload }, replay.memberFor(by).token);
    expect({ type, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ type, status: 200, body: null });
  }

  it('fires every v2 deadline and time-limit reminder from its timer row, by moving the clock and running the timer poller itself (runOnce)', async () => {
    const ACK: Array<[string, 'claimant' | 'respondent' | 'mediator']> = [['ACKNOWLEDGE', 'respondent']];
    const AGREED = [...ACK, ['PROPOSE_RESOLUTION', 'claimant'], ['ACCEPT_RESOLUTION', 'respondent']] as typeof ACK;
    const FORMAL = [...ACK, ['DECLARE_NEGOTIATION_FAILED', 'claimant'], ['ESCALATE_FORMAL', 'claimant']] as typeof ACK;
    const aboutDecision = () => ({ decisionDate: daysAfter(clock.now(), -14) });
    // One case per timer, each on the real poller: due rows only, in due order. The formal route sets no deadline of its own.
    for (const [steps, timer, expected, raise] of [
      [[], 'deadline.acknowledgement', 'raised.acknowledgementOverdue'],
      [[...ACK, ['PROPOSE_RESOLUTION', 'claimant']], 'deadline.proposal', 'negotiation.discussing'],
      [ACK, 'deadline.negotiation', 'negotiation.discussing'],
      [[...ACK, ['DECLARE_NEGOTIATION_FAILED', 'claimant'], ['REFER_TO_MEDIATION', 'claimant']], 'deadline.mediator-response', 'mediation.ended'],
      [AGREED, 'action.due/a1', 'monitoring'],
      [[...AGREED, ['ACTION_DONE', 'respondent']], 'action.confirmation/a1', 'resolved'],
      [FORMAL, 'reminder.judicial-review-first', 'formal.underConsideration', aboutDecision],
      [FORMAL, 'reminder.judicial-review-final', 'formal.underConsideration', aboutDecision],
      [FORMAL, 'reminder.ombudsman-first', 'formal.underConsideration'],
      [FORMAL, 'reminder.ombudsman-final', 'formal.underConsideration'],
    ] as Array<[typeof ACK, string, string, typeof aboutDecision?]>) {
      const view = await f.raise({ becameAwareOn: daysAfter(clock.now(), -11), ...(raise?.() ?? {}) });
      expect(view.workflow).toEqual({ name: 'compact-dispute', version: 2 });
      for (const [type, by] of steps) await step(view.id, type, by);
      const read = async () => (await t.api.get(`/api/v1/cases/${view.id}`, p.vcs.token)).body;
      const placed = await read();
      const due = (placed.deadlines as Array<{ key: string; event: string; dueAt: string }>).find((d) => d.key === timer)!;
      expect({ timer, pending: due !== undefined }).toEqual({ timer, pending: true });
      const history = async () => (await t.api.get(`/api/v1/cases/${view.id}/history`, p.vcs.token)).body.entries as any[];
      clock.set(new Date(Date.parse(due.dueAt) - 1));
      expect((await timers.runOnce()).errors).toBe(0);
      // Not yet due: the poller leaves it alone (the case's earlier rows, if any, are reminders that change no state).
      const before = await read();
      expect({ statePath: before.statePath, pending: before.deadlines.some((d: any) => d.key === timer) }).toEqual({
        statePath: placed.statePath,
        pending: true,
      });
      const firedBefore = (await history()).filter((e) => e.eventType === due.event).length;
      clock.set(due.dueAt);
      expect((await timers.runOnce()).errors).toBe(0);
      const after = await read();
      expect({ timer, statePath: after.statePath, pending: after.deadlines.some((d: any) => d.key === timer) }).toEqual({
        timer,
        statePath: expected,
        pending: false,
      });
      const entries = await history();
      expect(entries.filter((e) => e.eventType === due.event)).toHaveLength(firedBefore + 1);
      expect(entries.at(-1)).toMatchObject({ eventType: due.event, actor: { type: 'system' } });
    }
  });

  it('replays every path over HTTP on v2 cases and compares state and audit with the machine', async () => {
    const results = await mapPool(replayed, 4, async (path) => ({ path: path.name, problems: await replay.replay(path) }));
    expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
  }, 600_000);
});
