import type { AnyStateMachine } from 'xstate';
import { compactDisputeV1Machine } from './v1.machine';
import { compactDisputeV2Machine } from './v2.machine';
import { pathStepsFrom, SIDE_EVENTS } from './path-steps.reading';

/** The events a state (`negotiation.failed`) takes, from itself and from the states above it. */
function eventsTakenAt(machine: AnyStateMachine, path: string): string[] {
  const parts = path.split('.');
  let node = machine.root;
  const taken = new Set<string>(node.ownEvents as string[]);
  for (const part of parts) {
    node = node.states[part];
    if (!node) throw new Error(`${machine.id} has no state ${path}`);
    for (const e of node.ownEvents as string[]) taken.add(e);
  }
  return [...taken];
}

const PATHS = ['negotiation.failed', 'mediation.ended', 'mediation.inMediation', 'formal.underConsideration'];

describe('the next step along the escalation path, as v1 and v2 read it', () => {
  it.each([
    ['v1', compactDisputeV1Machine],
    ['v2', compactDisputeV2Machine],
  ])('names in %s only events that the state really takes, the next stage first', (_version, machine) => {
    for (const path of PATHS) {
      const steps = pathStepsFrom(path);
      expect({ path, steps: steps.length > 0 }).toEqual({ path, steps: true });
      expect({ path, missing: steps.filter((e) => !eventsTakenAt(machine as AnyStateMachine, path).includes(e)) }).toEqual({ path, missing: [] });
    }
    expect(pathStepsFrom('negotiation.failed')[0]).toBe('REFER_TO_MEDIATION');
    expect(pathStepsFrom('mediation.ended')[0]).toBe('ESCALATE_FORMAL');
    expect(pathStepsFrom('closed')).toEqual([]);
  });

  it('never counts a step along the path as a side event', () => {
    for (const path of PATHS) expect(pathStepsFrom(path).filter((e) => SIDE_EVENTS.includes(e))).toEqual([]);
  });
});
