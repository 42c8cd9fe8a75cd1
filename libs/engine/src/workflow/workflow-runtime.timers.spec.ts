import { CompressedDeadlineClock, DeadlineClock, WorkingDayCalendar, WorkingDayDeadlineClock } from '@compact/calendar';
import { CompactDeadlines, DEFAULT_COMPACT_DEADLINES } from '@compact/domain';
import { compactDisputeV1 } from '@compact/workflows';
import type { AnyMachineSnapshot } from 'xstate';
import { PlannedTimer, REMINDER_EVENT, Transitioned, WorkflowRuntime } from './workflow-runtime';

const workingDays = new WorkingDayDeadlineClock(new WorkingDayCalendar({ region: 'england-and-wales', extraClosures: [] }));
const MEDIATOR = '11111111-1111-4111-8111-111111111111';

function runtimeWith(clock: DeadlineClock, deadlines: Partial<CompactDeadlines> = {}): WorkflowRuntime {
  return new WorkflowRuntime(compactDisputeV1, { clock, deadlines: { ...DEFAULT_COMPACT_DEADLINES, ...deadlines } });
}

function send(rt: WorkflowRuntime, snapshot: AnyMachineSnapshot, type: string, by: string, at: string, payload = {}): Transitioned {
  const event = { type, ...payload, meta: { at, by: by as any } };
  expect(rt.accepts(snapshot, event)).toBe(true);
  return rt.apply(snapshot, event);
}

const timer = (t: Transitioned, key: string): PlannedTimer | undefined => t.timers.set.find((x) => x.key === key);
const iso = (d: Date | undefined) => d?.toISOString();

describe('WorkflowRuntime timer plans (working-day clock)', () => {
  const rt = runtimeWith(workingDays);
  const start = (at: string, becameAwareOn = '2026-02-20') => rt.start({ kind: 'breach', becameAwareOn, at });

  it('sets the acknowledgement deadline and its reminder 2 working days before, across Easter', () => {
    const s = start('2026-04-01T10:00:00.000Z'); // Wednesday before Good Friday
    expect(s.timers.set.map((t) => t.key).sort()).toEqual(['deadline.acknowledgement', 'deadline.acknowledgement:reminder']);
    expect(timer(s, 'deadline.acknowledgement')).toMatchObject({
      purpose: 'deadline',
      eventType: 'ACKNOWLEDGEMENT_OVERDUE',
      dueDate: '2026-04-10',
      rule: '5 working days',
      calendarId: workingDays.id,
      deadlineKey: null,
    });
    expect(iso(timer(s, 'deadline.acknowledgement')?.dueAt)).toBe('2026-04-10T23:00:00.000Z');
    const reminder = timer(s, 'deadline.acknowledgement:reminder');
    expect(reminder).toMatchObject({
      purpose: 'reminder',
      eventType: REMINDER_EVENT,
      dueDate: '2026-04-10',
      deadlineKey: 'deadline.acknowledgement',
      rule: '2 working days before a deadline of 5 working days',
    });
    expect(iso(reminder?.dueAt)).toBe('2026-04-07T23:00:00.000Z'); // London midnight starting Wednesday 8 April
  });

  it('cancels the deadline it leaves and sets the next', () => {
    const ack = send(rt, start('2026-03-02T10:00:00.000Z').snapshot, 'ACKNOWLEDGE', 'respondent', '2026-03-03T12:00:00.000Z');
    expect(ack.timers.cancel).toContain('deadline.acknowledgement');
    expect(ack.timers.set.map((t) => t.key).sort()).toEqual(['deadline.negotiation', 'deadline.negotiation:reminder']);
    expect(timer(ack, 'deadline.negotiation')?.dueDate).toBe('2026-04-30');
  });

  it('re-proposing cancels the pending proposal deadline and sets a new one from the new event, leaving negotiation alone', () => {
    const ack = send(rt, start('2026-03-02T10:00:00.000Z').snapshot, 'ACKNOWLEDGE', 'respondent', '2026-03-02T12:00:00.000Z');
    const first = send(rt, ack.snapshot, 'PROPOSE_RESOLUTION', 'respondent', '2026-03-03T12:00:00.000Z', { proposal: 'a' });
    expect(timer(first, 'deadline.proposal')?.dueDate).toBe('2026-03-17');
    expect(iso(timer(first, 'deadline.proposal:reminder')?.dueAt)).toBe('2026-03-13T00:00:00.000Z');
    const second = send(rt, first.snapshot, 'PROPOSE_RESOLUTION', 'claimant', '2026-03-05T12:00:00.000Z', { proposal: 'b' });
    expect(second.path).toBe('negotiation.proposalPending');
    expect(second.timers.cancel).toEqual(['deadline.proposal']);
    expect(second.timers.set.map((t) => t.key).sort()).toEqual(['deadline.proposal', 'deadline.proposal:reminder']);
    expect(timer(second, 'deadline.proposal')?.dueDate).toBe('2026-03-19');
    expect(iso(timer(second, 'deadline.proposal')?.dueAt)).toBe('2026-03-20T00:00:00.000Z');
    expect(iso(timer(second, 'deadline.proposal:reminder')?.dueAt)).toBe('2026-03-17T00:00:00.000Z');
  });

  it('answering a proposal cancels its deadline and sets nothing', () => {
    const ack = send(rt, start('2026-03-02T10:00:00.000Z').snapshot, 'ACKNOWLEDGE', 'respondent', '2026-03-02T12:00:00.000Z');
    const proposed = send(rt, ack.snapshot, 'PROPOSE_RESOLUTION', 'claimant', '2026-03-03T12:00:00.000Z', { proposal: 'a' });
    const rejected = send(rt, proposed.snapshot, 'REJECT_RESOLUTION', 'respondent', '2026-03-04T12:00:00.000Z', { reason: 'no' });
    expect(rejected.timers).toEqual({ cancel: ['deadline.proposal'], set: [], extend: [] });
    const accepted = send(rt, proposed.snapshot, 'ACCEPT_RESOLUTION', 'respondent', '2026-03-04T12:00:00.000Z');
    expect([...accepted.timers.cancel].sort()).toEqual(['deadline.negotiation', 'deadline.proposal']);
    expect(accepted.timers.set).toEqual([]);
  });

  it('plans no reminder when its time has already passed', () => {
    const short = runtimeWith(workingDays, { acknowledgementWorkingDays: 2 });
    const s = short.start({ kind: 'breach', becameAwareOn: '2026-02-20', at: '2026-03-03T10:00:00.000Z' });
    expect(timer(s, 'deadline.acknowledgement')?.dueDate).toBe('2026-03-05');
    expect(timer(s, 'deadline.acknowledgement:reminder')).toBeUndefined();
    const longer = runtimeWith(workingDays, { acknowledgementWorkingDays: 3 });
    const l = longer.start({ kind: 'breach', becameAwareOn: '2026-02-20', at: '2026-03-03T10:00:00.000Z' });
    expect(iso(timer(l, 'deadline.acknowledgement:reminder')?.dueAt)).toBe('2026-03-04T00:00:00.000Z');
  });

  it('anchors the ombudsman reminders on the date the claimant became aware, not on the event', () => {
    const ended = (at: string) => {
      let t = start('2026-03-02T10:00:00.000Z', '2026-02-20');
      t = send(rt, t.snapshot, 'ACKNOWLEDGE', 'respondent', at);
      t = send(rt, t.snapshot, 'DECLARE_NEGOTIATION_FAILED', 'claimant', at, { reason: 'x' });
      t = send(rt, t.snapshot, 'REFER_TO_MEDIATION', 'claimant', at, { mediatorOrganisationId: MEDIATOR });
      return send(rt, t.snapshot, 'MEDIATOR_DECLINE', 'mediator', at, { reason: 'busy' });
    };
    for (const at of ['2026-03-04T09:00:00.000Z', '2026-06-15T09:00:00.000Z']) {
      const t = ended(at);
      expect(t.path).toBe('mediation.ended');
      expect(t.timers.set.map((x) => x.key).sort()).toEqual(['reminder.ombudsman-final', 'reminder.ombudsman-first']);
      const first = timer(t, 'reminder.ombudsman-first');
      expect(first).toMatchObject({
        purpose: 'reminder',
        eventType: 'OMBUDSMAN_LIMIT_APPROACHING',
        dueDate: '2027-02-20',
        deadlineKey: null,
        rule: '3 months before the 12 months time limit',
      });
      expect(iso(first?.dueAt)).toBe('2026-11-21T00:00:00.000Z');
      expect(iso(timer(t, 'reminder.ombudsman-final')?.dueAt)).toBe('2027-01-21T00:00:00.000Z');
    }
  });

  it('cancels the ombudsman reminders when the case leaves mediation.ended', () => {
    let t = start('2026-03-02T10:00:00.000Z');
    const at = '2026-03-04T09:00:00.000Z';
    t = send(rt, t.snapshot, 'ACKNOWLEDGE', 'respondent', at);
    t = send(rt, t.snapshot, 'DECLARE_NEGOTIATION_FAILED', 'claimant', at, { reason: 'x' });
    t = send(rt, t.snapshot, 'REFER_TO_MEDIATION', 'claimant', at, { mediatorOrganisationId: MEDIATOR });
    t = send(rt, t.snapshot, 'MEDIATOR_DECLINE', 'mediator', at, { reason: 'busy' });
    const formal = send(rt, t.snapshot, 'ESCALATE_FORMAL', 'claimant', at, { route: 'statutory', body: 'Tribunal', reference: 'T-1' });
    expect([...formal.timers.cancel].sort()).toEqual(['reminder.ombudsman-final', 'reminder.ombudsman-first']);
    expect(formal.timers.set).toEqual([]);
  });
});

describe('WorkflowRuntime timer plans (compressed clock)', () => {
  const raisedAt = '2026-03-02T10:00:00.000Z';
  const t0 = Date.parse(raisedAt);

  it('counts working days as seconds, with the reminder 2 seconds before', () => {
    const s = runtimeWith(new CompressedDeadlineClock()).start({ kind: 'breach', becameAwareOn: '2026-02-20', at: raisedAt });
    expect(timer(s, 'deadline.acknowledgement')!.dueAt.getTime() - t0).toBe(5000);
    expect(timer(s, 'deadline.acknowledgement:reminder')!.dueAt.getTime() - t0).toBe(3000);
  });

  it('plans no reminder when it would fall at the very instant of the event', () => {
    const rt = runtimeWith(new CompressedDeadlineClock(), { acknowledgementWorkingDays: 2, reminderWorkingDaysBefore: 2 });
    const s = rt.start({ kind: 'breach', becameAwareOn: '2026-02-20', at: raisedAt });
    expect(timer(s, 'deadline.acknowledgement')!.dueAt.getTime() - t0).toBe(2000);
    expect(s.timers.set.map((t) => t.key)).toEqual(['deadline.acknowledgement']);
  });

  it('counts the ombudsman limit from when the case was raised', () => {
    const rt = runtimeWith(new CompressedDeadlineClock());
    let t = rt.start({ kind: 'breach', becameAwareOn: '2020-01-01', at: raisedAt });
    const at = '2026-03-02T10:00:03.000Z';
    t = send(rt, t.snapshot, 'ACKNOWLEDGE', 'respondent', at);
    t = send(rt, t.snapshot, 'DECLARE_NEGOTIATION_FAILED', 'claimant', at, { reason: 'x' });
    t = send(rt, t.snapshot, 'REFER_TO_MEDIATION', 'claimant', at, { mediatorOrganisationId: MEDIATOR });
    t = send(rt, t.snapshot, 'MEDIATOR_DECLINE', 'mediator', at, { reason: 'busy' });
    expect(timer(t, 'reminder.ombudsman-first')!.dueAt.getTime() - t0).toBe((12 - 3) * 20_000);
    expect(timer(t, 'reminder.ombudsman-final')!.dueAt.getTime() - t0).toBe((12 - 1) * 20_000);
  });
});

describe('time-limit reminders that are already due when mediation ends', () => {
  const rt = runtimeWith(workingDays);

  function endMediation(becameAwareOn: string, at: string): Transitioned {
    let t = rt.start({ kind: 'breach', becameAwareOn, at });
    t = send(rt, t.snapshot, 'ACKNOWLEDGE', 'respondent', at);
    t = send(rt, t.snapshot, 'DECLARE_NEGOTIATION_FAILED', 'claimant', at, { reason: 'x' });
    t = send(rt, t.snapshot, 'REFER_TO_MEDIATION', 'claimant', at, { mediatorOrganisationId: MEDIATOR });
    return send(rt, t.snapshot, 'MEDIATOR_DECLINE', 'mediator', at, { reason: 'x' });
  }
  const ombudsman = (t: Transitioned) => t.timers.set.filter((x) => x.key.startsWith('reminder.ombudsman'));

  it('keeps both when both are ahead', () => {
    expect(ombudsman(endMediation('2026-11-02', '2027-01-04T10:00:00.000Z')).map((x) => x.key).sort()).toEqual([
      'reminder.ombudsman-final',
      'reminder.ombudsman-first',
    ]);
  });

  it('sends only the latest past one, at once, while the limit is still ahead', () => {
    // Became aware 2026-01-20: limit ends 20 Jan 2027; the 3-month reminder (Oct) has passed, the 1-month one (Dec 20) too.
    const planned = ombudsman(endMediation('2026-01-20', '2027-01-04T10:00:00.000Z'));
    expect(planned.map((x) => x.key)).toEqual(['reminder.ombudsman-final']);
    expect(planned[0].dueAt.toISOString()).toBe('2027-01-04T10:00:00.000Z');
  });

  it('sends none once the limit itself has passed', () => {
    expect(ombudsman(endMediation('2025-06-01', '2027-01-04T10:00:00.000Z'))).toEqual([]);
  });
});
