import { statePath, topLevelState } from './state-path';

describe('statePath', () => {
  it('writes a top-level state as it is', () => {
    expect(statePath('closed')).toBe('closed');
  });

  it('joins nested states with dots', () => {
    expect(statePath({ negotiation: 'discussing' })).toBe('negotiation.discussing');
    expect(statePath({ a: { b: { c: 'd' } } })).toBe('a.b.c.d');
  });

  it('stops at a compound state with no active child', () => {
    expect(statePath({ resolved: {} })).toBe('resolved');
    expect(statePath({ a: { b: {} } })).toBe('a.b');
  });

  it('refuses parallel and empty state values', () => {
    expect(() => statePath({ a: 'x', b: 'y' })).toThrow('parallel state values are not supported');
    expect(() => statePath({ a: { b: 'x', c: 'y' } })).toThrow('parallel state values are not supported');
    expect(() => statePath({})).toThrow('parallel state values are not supported');
  });
});

describe('topLevelState', () => {
  it('is the first segment of a path', () => {
    expect(topLevelState('negotiation.proposalPending')).toBe('negotiation');
    expect(topLevelState('closed')).toBe('closed');
  });
});
