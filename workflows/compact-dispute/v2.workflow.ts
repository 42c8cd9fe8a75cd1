import type { WorkflowDefinition } from '@compact/engine';
import { compactDisputeV2Deadlines } from './v2.deadlines';
import { compactDisputeV2Events } from './v2.events';
import { compactDisputeV2Machine } from './v2.machine';
import { compactDisputeV2StateLabels } from './v2.states';
import type { DisputeContext } from './v2.types';

export const compactDisputeV2: WorkflowDefinition<DisputeContext> = {
  name: 'compact-dispute',
  version: 2,
  title: 'Compact dispute resolution with agreements followed up, agreed extensions and external time limits',
  topLevelStates: ['raised', 'negotiation', 'mediation', 'formal', 'monitoring', 'resolved', 'closed'],
  finalStates: ['closed'],
  machine: compactDisputeV2Machine,
  events: compactDisputeV2Events,
  deadlines: compactDisputeV2Deadlines,
  mediatorOf: (context) => context.mediatorOrganisationId,
  describeState: (path) => compactDisputeV2StateLabels[path] ?? path,
};
