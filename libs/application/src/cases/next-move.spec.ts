import { WorkingDayCalendar, WorkingDayDeadlineClock } from '@compact/calendar';
import { DEFAULT_COMPACT_DEADLINES } from '@compact/domain';
import { WorkflowRuntime } from '@compact/engine';
import { compactDisputeV1, compactDisputeV2 } from '@compact/workflows';
import { nextMove } from './next-move';

const clock = new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] }));
const names = { claimant: 'Hope Community Trust', respondent: 'Southampton City Council', mediator: 'Compact Voice' };
const AT = '2026-12-01T10:00:00.000Z';

describe.each([compactDisputeV1, compactDisputeV2])('nextMove on $name v$version', (workflow) => {
  const runtime = new WorkflowRuntime(workflow, { clock, deadlines: DEFAULT_COMPACT_DEADLINES });
  const timersOf = (t: ReturnType<WorkflowRuntime['start']>) => t.timers.set;

  it('tells the respondent to acknowledge, and the claimant that it waits for the respondent', () => {
    const raised = runtime.start({ kind: 'breach', becameAwareOn: '2026-11-20', at: AT });
    const common = { workflow, context: raised.snapshot.context, timers: timersOf(raised), names };
    const respondent = nextMove({ ...common, relation: 'respondent', allowedEvents: runtime.allowedEvents(raised.snapshot, 'respondent', AT) });
    expect(respondent.yours).toEqual([
      expect.objectContaining({ deadlineKey: 'deadline.acknowledgement', todo: 'acknowledge the case', dueDate: '2026-12-08', parts: ['respondent'] }),
    ]);
    expect(respondent.yours[0].ifNot).toBe('Hope Community Trust may take the case to a mediator or to the formal route');
    expect(respondent.mainEvent).toBe('ACKNOWLEDGE');
    const claimant = nextMove({ ...common, relation: 'claimant', allowedEvents: runtime.allowedEvents(raised.snapshot, 'claimant', AT) });
    expect(claimant.yours).toEqual([]);
    expect(claimant.theirs.map((m) => [m.who, m.todo])).toEqual([[['Southampton City Council'], 'acknowledge the case']]);
  });

  it("names the proposer in the answer asked of the other party, and says what a missed answer leads to", () => {
    const raised = runtime.start({ kind: 'breach', becameAwareOn: '2026-11-20', at: AT });
    const ack = runtime.apply(raised.snapshot, { type: 'ACKNOWLEDGE', meta: { at: AT, by: 'respondent' } });
    const proposed = runtime.apply(ack.snapshot, { type: 'PROPOSE_RESOLUTION', proposal: 'x', meta: { at: AT, by: 'respondent' } } as never);
    const move = nextMove({
      workflow,
      context: proposed.snapshot.context,
      timers: [...ack.timers.set, ...proposed.timers.set],
      names,
      relation: 'claimant',
      allowedEvents: runtime.allowedEvents(proposed.snapshot, 'claimant', AT),
    });
    expect(move.yours.map((m) => [m.todo, m.ifNot])).toEqual([["answer Southampton City Council's proposal", 'the proposal lapses and negotiation goes on']]);
    expect(move.mainEvent).toBe('ACCEPT_RESOLUTION');
    // The negotiation period is a period, not a move anyone must make.
    expect([...move.yours, ...move.theirs].map((m) => m.deadlineKey)).toEqual(['deadline.proposal']);
  });
});
