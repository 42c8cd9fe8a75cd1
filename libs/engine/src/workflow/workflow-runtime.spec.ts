import { CompressedDeadlineClock } from '@compact/calendar';
import { DEFAULT_COMPACT_DEADLINES } from '@compact/domain';
import { compactDisputeV1 } from '@compact/workflows';
import { raise, setup } from 'xstate';
import type { WorkflowDefinition } from './workflow-definition';
import { WorkflowRuntime } from './workflow-runtime';

const env = { clock: new CompressedDeadlineClock(), deadlines: DEFAULT_COMPACT_DEADLINES };
const runtime = new WorkflowRuntime(compactDisputeV1, env);
const AT = '2026-03-02T10:00:00.000Z';
const started = () => runtime.start({ kind: 'disagreement', becameAwareOn: '2026-02-20', at: AT });

describe('WorkflowRuntime', () => {
  it('is keyed by name and version', () => {
    expect(runtime.key).toBe('compact-dispute/v1');
  });

  it('starts a case with its context from the input', () => {
    const s = started();
    expect(s.path).toBe('raised.awaitingAcknowledgement');
    expect(s.state).toBe('raised');
    expect(s.stateValue).toEqual({ raised: 'awaitingAcknowledgement' });
    expect(s.snapshot.context).toMatchObject({ kind: 'disagreement', becameAwareOn: '2026-02-20', raisedAt: AT, notes: 0 });
  });

  it('restores a persisted snapshot through JSON, and it steps on from there', () => {
    const ack = runtime.apply(started().snapshot, { type: 'ACKNOWLEDGE', meta: { at: AT, by: 'respondent' } });
    const restored = runtime.restore(JSON.parse(JSON.stringify(ack.persisted)));
    expect(restored.value).toEqual({ negotiation: 'discussing' });
    expect(restored.context).toEqual(ack.snapshot.context);
    const next = runtime.apply(restored, { type: 'ADD_NOTE', note: 'n', meta: { at: AT, by: 'claimant' } } as any);
    expect(next.snapshot.context.notes).toBe(1);
    expect(next.timers).toEqual({ cancel: [], set: [], extend: [] });
  });

  it.each([
    ['an unknown top-level state', 'archived'],
    ['an unknown child state', { negotiation: 'stalled' }],
    ['a child under a leaf state', { resolved: 'again' }],
    ['no state value', undefined],
  ])('refuses to restore %s', (_what, value) => {
    const persisted = { ...(started().persisted as object), value };
    expect(() => runtime.restore(persisted)).toThrow(/compact-dispute\/v1: stored state .* does not exist in this workflow version/);
  });

  it('refuses to restore nothing', () => {
    expect(() => runtime.restore(null)).toThrow('does not exist in this workflow version');
    expect(() => runtime.restore(undefined)).toThrow('does not exist in this workflow version');
  });

  it('accepts nothing on a finished case and lists no events for it', () => {
    const closed = runtime.apply(started().snapshot, { type: 'WITHDRAW', meta: { at: AT, by: 'claimant' } });
    expect(closed.path).toBe('closed');
    expect(runtime.accepts(closed.snapshot, { type: 'ADD_NOTE' })).toBe(false);
    expect(runtime.allowedEvents(closed.snapshot, 'claimant', AT)).toEqual([]);
  });

  it('tells the events that would end the case (a final state) from those that move it on', () => {
    const s = started().snapshot;
    expect(runtime.endsCase(s, 'WITHDRAW', 'claimant', AT)).toBe(true);
    expect(runtime.endsCase(s, 'ACKNOWLEDGE', 'respondent', AT)).toBe(false);
    expect(runtime.endsCase(s, 'ADD_NOTE', 'claimant', AT)).toBe(false);
    // Not possible now (the respondent cannot withdraw), or unknown: not ending either.
    expect(runtime.endsCase(s, 'WITHDRAW', 'respondent', AT)).toBe(false);
    expect(runtime.endsCase(s, 'NO_SUCH_EVENT', 'claimant', AT)).toBe(false);
    const closed = runtime.apply(s, { type: 'WITHDRAW', meta: { at: AT, by: 'claimant' } });
    expect(runtime.endsCase(closed.snapshot, 'WITHDRAW', 'claimant', AT)).toBe(false);
  });

  it('lists the events each relation may send now', () => {
    const s = started().snapshot;
    expect(runtime.allowedEvents(s, 'respondent', AT)).toEqual(['ACKNOWLEDGE', 'ADD_NOTE']);
    expect(runtime.allowedEvents(s, 'claimant', AT)).toEqual(['ADD_NOTE', 'WITHDRAW']);
    expect(runtime.allowedEvents(s, 'mediator', AT)).toEqual(['ADD_NOTE']);
    expect(runtime.allowedEvents(s, 'system', AT)).toEqual(['ACKNOWLEDGEMENT_OVERDUE']);
  });

  it('refuses a delayed raise that has no deadline definition', () => {
    const machine = setup({ delays: { SOON: 1000 } }).createMachine({
      initial: 'a',
      states: { a: { entry: raise({ type: 'PING' }, { delay: 'SOON', id: 'deadline.undeclared' }) } },
    });
    const definition: WorkflowDefinition = {
      ...compactDisputeV1,
      name: 'bare',
      machine,
      deadlines: {},
    };
    const bare = new WorkflowRuntime(definition, env);
    expect(() => bare.start({ kind: 'breach', becameAwareOn: '2026-02-20', at: AT })).toThrow(
      "bare/v1: delayed raise 'deadline.undeclared' has no deadline definition",
    );
  });
});
