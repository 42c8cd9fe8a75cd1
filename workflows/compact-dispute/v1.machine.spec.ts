import { CompressedDeadlineClock, WorkingDayCalendar, WorkingDayDeadlineClock } from '@compact/calendar';
import { DEFAULT_COMPACT_DEADLINES } from '@compact/domain';
import { WorkflowRuntime } from '@compact/engine';
import { compactDisputeV1 } from './v1.workflow';

const clock = new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] }));
const runtime = new WorkflowRuntime(compactDisputeV1, { clock, deadlines: DEFAULT_COMPACT_DEADLINES });
const at = (iso: string) => ({ at: iso });

function send(snapshot: any, type: string, by: any, iso: string, payload: Record<string, string> = {}) {
  const event = { type, ...payload, meta: { at: iso, by } };
  expect(runtime.accepts(snapshot, event)).toBe(true);
  return runtime.apply(snapshot, event);
}

describe('compact-dispute v1 through transition()', () => {
  const raisedAt = '2026-12-01T10:00:00.000Z'; // Tuesday

  it('starts awaiting acknowledgement with a 5-working-day deadline and its reminder', () => {
    const started = runtime.start({ kind: 'breach', becameAwareOn: '2026-11-20', ...at(raisedAt) });
    expect(started.path).toBe('raised.awaitingAcknowledgement');
    expect(started.state).toBe('raised');
    const deadline = started.timers.set.find((t) => t.key === 'deadline.acknowledgement')!;
    expect(deadline).toMatchObject({ purpose: 'deadline', eventType: 'ACKNOWLEDGEMENT_OVERDUE', dueDate: '2026-12-08' });
    expect(deadline.dueAt.toISOString()).toBe('2026-12-09T00:00:00.000Z');
    const reminder = started.timers.set.find((t) => t.key === 'deadline.acknowledgement:reminder')!;
    expect(reminder).toMatchObject({ purpose: 'reminder', deadlineKey: 'deadline.acknowledgement' });
    expect(reminder.dueAt.toISOString()).toBe('2026-12-04T00:00:00.000Z');
  });

  it('refuses referral before negotiation failed, allows it after', () => {
    const started = runtime.start({ kind: 'breach', becameAwareOn: '2026-11-20', ...at(raisedAt) });
    const ack = send(started.snapshot, 'ACKNOWLEDGE', 'respondent', '2026-12-02T09:00:00.000Z');
    expect(ack.path).toBe('negotiation.discussing');
    expect(ack.timers.cancel).toContain('deadline.acknowledgement');
    expect(ack.timers.set.map((t) => t.key)).toContain('deadline.negotiation');
    const refer = { type: 'REFER_TO_MEDIATION', mediatorOrganisationId: 'm', meta: { at: raisedAt, by: 'claimant' } };
    expect(runtime.accepts(ack.snapshot, refer as any)).toBe(false);
    const failed = send(ack.snapshot, 'DECLARE_NEGOTIATION_FAILED', 'claimant', '2026-12-03T09:00:00.000Z', { reason: 'x' });
    expect(failed.path).toBe('negotiation.failed');
    const referred = send(failed.snapshot, 'REFER_TO_MEDIATION', 'claimant', '2026-12-04T09:00:00.000Z', {
      mediatorOrganisationId: 'mediator-1',
    });
    expect(referred.path).toBe('mediation.awaitingMediator');
    expect(referred.timers.cancel).toContain('deadline.negotiation');
    expect(compactDisputeV1.mediatorOf(referred.snapshot.context)).toBe('mediator-1');
  });

  it('counts the ombudsman reminders from the date the claimant became aware', () => {
    const started = runtime.start({ kind: 'breach', becameAwareOn: '2026-11-20', ...at(raisedAt) });
    let s = send(started.snapshot, 'ACKNOWLEDGE', 'respondent', raisedAt);
    s = send(s.snapshot, 'DECLARE_NEGOTIATION_FAILED', 'claimant', raisedAt, { reason: 'x' });
    s = send(s.snapshot, 'REFER_TO_MEDIATION', 'claimant', raisedAt, { mediatorOrganisationId: 'm' });
    s = send(s.snapshot, 'MEDIATOR_DECLINE', 'mediator', raisedAt, { reason: 'busy' });
    expect(s.path).toBe('mediation.ended');
    const first = s.timers.set.find((t) => t.key === 'reminder.ombudsman-first')!;
    const final = s.timers.set.find((t) => t.key === 'reminder.ombudsman-final')!;
    expect(first.dueDate).toBe('2027-11-20');
    expect(first.dueAt.toISOString()).toBe('2027-08-20T23:00:00.000Z') // London midnight, BST;
    expect(final.dueAt.toISOString()).toBe('2027-10-20T23:00:00.000Z') // still BST on 21 October;
  });

  it('on the compressed clock counts seconds', () => {
    const fast = new WorkflowRuntime(compactDisputeV1, { clock: new CompressedDeadlineClock(), deadlines: DEFAULT_COMPACT_DEADLINES });
    const started = fast.start({ kind: 'disagreement', becameAwareOn: '2026-11-20', ...at(raisedAt) });
    const deadline = started.timers.set.find((t) => t.key === 'deadline.acknowledgement')!;
    expect(deadline.dueAt.getTime() - Date.parse(raisedAt)).toBe(5000);
  });
});
