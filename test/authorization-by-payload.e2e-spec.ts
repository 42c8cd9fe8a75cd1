import { compactDisputeV2 } from '@compact/workflows';
import { CaseFactory } from './support/case-factory';
import { dumpDatabase } from './support/database-dump';
import { ManualClock } from './support/manual-clock';
import { Member, Parties, seedParties } from './support/parties.fixture';
import { expectProblem } from './support/problem';
import { startTestApp, TestApp } from './support/test-app';
import { V2_PLACEMENTS, V2Placement } from './support/v2-placements';

/*
 * compact-dispute v2's permissions that depend on what the event is about, stated case by case
 * (the authorisation matrix derives the same from the declarations; here they are in words): an
 * action is reported done by the party that owes it, confirmed or reported not kept by the party
 * owed it; more time is asked by the party that must meet the deadline and answered by the other.
 * Every refusal writes nothing.
 */

// Generous: these suites run over real HTTP and databases, beside other suites on a loaded CI machine.
jest.setTimeout(60_000);

const START = '2026-12-01T10:00:00.000Z'; // a Tuesday; the app runs on this clock
const MORE_TIME = { workingDays: 5, reason: 'Our trustees meet next Thursday.' };

type Attempt = [by: Member, type: string, payload: Record<string, unknown>, status: number, code: string, fields?: string[]];

describe('compact-dispute v2: who may act on an agreed action or a deadline depends on whose it is', () => {
  let t: TestApp;
  let p: Parties;
  let f: CaseFactory<V2Placement>;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(new Date(START)), env: { WORKFLOW_DEFAULT: 'compact-dispute/v2' } });
    p = await seedParties(t.api);
    f = new CaseFactory(t.api, p, compactDisputeV2, V2_PLACEMENTS);
  });
  afterAll(() => t?.close());

  /** Each attempt gets its answer, and none of them writes anything. */
  async function expectRefused(caseId: string, attempts: Attempt[]): Promise<void> {
    const before = await dumpDatabase(t.dataSource);
    for (const [by, type, payload, status, code, fields] of attempts) {
      const res = await f.send(caseId, type, by, payload);
      expect({ type, payload, status: res.status }).toEqual({ type, payload, status });
      expectProblem(res, status, code, fields);
    }
    expect(await dumpDatabase(t.dataSource)).toEqual(before);
  }

  async function expectAccepted(caseId: string, by: Member, type: string, payload: Record<string, unknown>): Promise<void> {
    const res = await f.send(caseId, type, by, payload);
    expect({ type, payload, status: res.status, body: res.status === 200 ? null : res.body }).toEqual({ type, payload, status: 200, body: null });
  }

  it('ACTION_DONE: only the party that owes the action reports it done', async () => {
    const view = await f.place('monitoring'); // a1 owed by the respondent, a2 by the claimant, both open
    await expectRefused(view.id, [
      [p.vcs, 'ACTION_DONE', { actionId: 'a1' }, 403, 'FORBIDDEN_EVENT'],
      [p.council, 'ACTION_DONE', { actionId: 'a2' }, 403, 'FORBIDDEN_EVENT'],
      [p.admin, 'ACTION_DONE', { actionId: 'a1' }, 403, 'FORBIDDEN_EVENT'],
      [p.board, 'ACTION_DONE', { actionId: 'a1' }, 403, 'FORBIDDEN_EVENT'],
    ]);
    await expectAccepted(view.id, p.council, 'ACTION_DONE', { actionId: 'a1' });
    // Done is done: the respondent owes nothing open any more.
    await expectRefused(view.id, [[p.council, 'ACTION_DONE', { actionId: 'a1' }, 403, 'FORBIDDEN_EVENT']]);
    await expectAccepted(view.id, p.vcs, 'ACTION_DONE', { actionId: 'a2' });
  });

  it('ACTION_CONFIRMED: only the party owed the action confirms it (the respondent confirming its own: 403)', async () => {
    const view = await f.place('monitoringBothDone'); // a1 (the respondent's) and a2 (the claimant's) both reported done
    await expectRefused(view.id, [
      [p.council, 'ACTION_CONFIRMED', { actionId: 'a1' }, 403, 'FORBIDDEN_EVENT'],
      [p.vcs, 'ACTION_CONFIRMED', { actionId: 'a2' }, 403, 'FORBIDDEN_EVENT'],
      [p.admin, 'ACTION_CONFIRMED', { actionId: 'a1' }, 403, 'FORBIDDEN_EVENT'],
      [p.board, 'ACTION_CONFIRMED', { actionId: 'a2' }, 403, 'FORBIDDEN_EVENT'],
    ]);
    await expectAccepted(view.id, p.vcs, 'ACTION_CONFIRMED', { actionId: 'a1' });
    await expectAccepted(view.id, p.council, 'ACTION_CONFIRMED', { actionId: 'a2' });
  });

  it('AGREEMENT_NOT_KEPT: only the party owed the action reports it not kept', async () => {
    const view = await f.place('monitoring');
    const whatHappened = 'Nothing has arrived.';
    await expectRefused(view.id, [
      [p.council, 'AGREEMENT_NOT_KEPT', { actionId: 'a1', whatHappened }, 403, 'FORBIDDEN_EVENT'],
      [p.vcs, 'AGREEMENT_NOT_KEPT', { actionId: 'a2', whatHappened }, 403, 'FORBIDDEN_EVENT'],
      [p.admin, 'AGREEMENT_NOT_KEPT', { actionId: 'a1', whatHappened }, 403, 'FORBIDDEN_EVENT'],
    ]);
    await expectAccepted(view.id, p.council, 'AGREEMENT_NOT_KEPT', { actionId: 'a2', whatHappened });
  });

  it('AGREE_EXTENSION and REFUSE_EXTENSION: only the side asked answers (the claimant agreeing to its own request: 403)', async () => {
    const asked = await f.place('monitoringExtensionAsked'); // the claimant asked for more time for its action a2
    await expectRefused(asked.id, [
      [p.vcs, 'AGREE_EXTENSION', {}, 403, 'FORBIDDEN_EVENT'],
      [p.vcs, 'REFUSE_EXTENSION', { reason: 'No.' }, 403, 'FORBIDDEN_EVENT'],
      [p.admin, 'AGREE_EXTENSION', {}, 403, 'FORBIDDEN_EVENT'],
      [p.board, 'AGREE_EXTENSION', {}, 403, 'FORBIDDEN_EVENT'],
    ]);
    await expectAccepted(asked.id, p.council, 'AGREE_EXTENSION', {});

    const proposal = await f.place('proposalExtensionAsked'); // the respondent asked for more time to answer the claimant's proposal
    await expectRefused(proposal.id, [
      [p.council, 'AGREE_EXTENSION', {}, 403, 'FORBIDDEN_EVENT'],
      [p.council, 'REFUSE_EXTENSION', { reason: 'No.' }, 403, 'FORBIDDEN_EVENT'],
    ]);
    await expectAccepted(proposal.id, p.vcs, 'REFUSE_EXTENSION', { reason: 'The matter is urgent.' });
    // Answered: there is nothing left to answer.
    await expectRefused(proposal.id, [[p.vcs, 'AGREE_EXTENSION', {}, 403, 'FORBIDDEN_EVENT']]);
  });

  it('REQUEST_EXTENSION: only the party that must meet a pending, extendable deadline asks, once at a time', async () => {
    const raised = await f.place('raised'); // the respondent must acknowledge
    const ack = { deadline: 'deadline.acknowledgement', ...MORE_TIME };
    await expectRefused(raised.id, [
      // The engine answers a party asking about a deadline that is not theirs by naming the field (checkWith).
      [p.vcs, 'REQUEST_EXTENSION', ack, 400, 'VALIDATION_FAILED', ['deadline']],
      [p.council, 'REQUEST_EXTENSION', { ...ack, deadline: 'deadline.proposal' }, 400, 'VALIDATION_FAILED', ['deadline']],
      [p.council, 'REQUEST_EXTENSION', { ...ack, workingDays: 11 }, 400, 'VALIDATION_FAILED', ['workingDays']],
      [p.admin, 'REQUEST_EXTENSION', ack, 403, 'FORBIDDEN_EVENT'],
      [p.board, 'REQUEST_EXTENSION', ack, 403, 'FORBIDDEN_EVENT'],
    ]);
    await expectAccepted(raised.id, p.council, 'REQUEST_EXTENSION', ack);
    await expectRefused(raised.id, [[p.council, 'REQUEST_EXTENSION', ack, 409, 'TRANSITION_NOT_ALLOWED']]);

    const monitoring = await f.place('monitoring');
    await expectRefused(monitoring.id, [
      [p.council, 'REQUEST_EXTENSION', { deadline: 'action.due/a2', ...MORE_TIME }, 400, 'VALIDATION_FAILED', ['deadline']],
      [p.vcs, 'REQUEST_EXTENSION', { deadline: 'action.due/a1', ...MORE_TIME }, 400, 'VALIDATION_FAILED', ['deadline']],
    ]);
    await expectAccepted(monitoring.id, p.council, 'REQUEST_EXTENSION', { deadline: 'action.due/a1', ...MORE_TIME });

    // The negotiation period is a deadline for both sides, but not one either may extend.
    const discussing = await f.place('discussing');
    await expectRefused(discussing.id, [
      [p.vcs, 'REQUEST_EXTENSION', { deadline: 'deadline.negotiation', ...MORE_TIME }, 400, 'VALIDATION_FAILED', ['deadline']],
      [p.council, 'REQUEST_EXTENSION', { deadline: 'deadline.negotiation', ...MORE_TIME }, 400, 'VALIDATION_FAILED', ['deadline']],
    ]);
  });
});
