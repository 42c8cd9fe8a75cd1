import { compactDisputeV1, compactDisputeV2 } from '@compact/workflows';
import { installedStages } from './installed-stages';

const states = (workflows: Parameters<typeof installedStages>[0]) => installedStages(workflows).map((s) => s.state);

describe('installedStages: one escalation path over every installed version', () => {
  it('puts a state only v2 has after the one it follows there, whichever order the versions come in', () => {
    const expected = ['raised', 'negotiation', 'mediation', 'formal', 'monitoring', 'resolved', 'closed'];
    expect(states([compactDisputeV1, compactDisputeV2])).toEqual(expected);
    expect(states([compactDisputeV2, compactDisputeV1])).toEqual(expected);
  });

  it('labels each state as its version describes it and marks the final ones', () => {
    const stages = installedStages([compactDisputeV2, compactDisputeV1]);
    expect(stages.find((s) => s.state === 'monitoring')).toEqual({ state: 'monitoring', label: compactDisputeV2.describeState('monitoring'), final: false });
    expect(stages.filter((s) => s.final).map((s) => s.state)).toEqual([...compactDisputeV2.finalStates]);
    expect(stages.find((s) => s.state === 'negotiation')?.label).toBe(compactDisputeV1.describeState('negotiation'));
  });

  it('takes the label of the newest version that has the state, and keeps each version’s order for states added anywhere', () => {
    const version = (n: number, topLevelStates: string[], label: (s: string) => string) => ({
      name: 'example',
      version: n,
      topLevelStates,
      finalStates: ['done'],
      describeState: label,
    });
    const merged = installedStages([
      version(3, ['screening', 'open', 'paused', 'done'], (s) => `v3 ${s}`),
      version(1, ['open', 'done'], (s) => `v1 ${s}`),
      version(2, ['open', 'review', 'done'], (s) => `v2 ${s}`),
    ]);
    expect(merged.map((s) => s.state)).toEqual(['screening', 'open', 'paused', 'review', 'done']);
    expect(merged.map((s) => s.label)).toEqual(['v3 screening', 'v3 open', 'v3 paused', 'v2 review', 'v3 done']);
  });

  it('is the one version’s own stages when only one is installed', () => {
    expect(states([compactDisputeV1])).toEqual([...compactDisputeV1.topLevelStates]);
  });
});
