import type { StateValue } from 'xstate';

/** `{ negotiation: 'discussing' }` -> `negotiation.discussing`. The workflows here have no parallel states. */
export function statePath(value: StateValue): string {
  if (typeof value === 'string') return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) throw new Error(`statePath: parallel state values are not supported (${JSON.stringify(value)})`);
  const child = value[keys[0]];
  return child === undefined || (typeof child === 'object' && Object.keys(child).length === 0)
    ? keys[0]
    : `${keys[0]}.${statePath(child as StateValue)}`;
}

export function topLevelState(path: string): string {
  return path.split('.')[0];
}
