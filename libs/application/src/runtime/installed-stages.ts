import type { WorkflowDefinition } from '@compact/engine';

/** A top-level state some installed workflow version has, with its label. */
export interface StageLabel {
  state: string;
  label: string;
  /** A state a case never leaves (it has no stays to measure). */
  final: boolean;
}

/**
 * The top-level states of every installed version, as one escalation path for a deployment that
 * holds cases of several: each version's own order is kept, and a state only a later version has
 * goes after the state it follows there (v2's monitoring after the formal route). The label and
 * finality come from the newest version that has the state. It never depends on the version new
 * cases start on (WORKFLOW_DEFAULT): the board and the list filters read the same either way.
 */
export function installedStages(workflows: ReadonlyArray<Pick<WorkflowDefinition, 'name' | 'version' | 'topLevelStates' | 'finalStates' | 'describeState'>>): StageLabel[] {
  const oldestFirst = [...workflows].sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version);
  const order: string[] = [];
  const labels = new Map<string, StageLabel>();
  for (const workflow of oldestFirst) {
    let previous = -1;
    for (const state of workflow.topLevelStates) {
      let at = order.indexOf(state);
      if (at < 0) {
        at = previous + 1;
        order.splice(at, 0, state);
      }
      previous = at;
      labels.set(state, { state, label: workflow.describeState(state), final: workflow.finalStates.includes(state) });
    }
  }
  return order.map((state) => labels.get(state)!);
}
