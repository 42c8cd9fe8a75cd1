import type { WorkflowDefinition } from '@compact/engine';
import { compactDisputeV1Deadlines } from './v1.deadlines';
import { compactDisputeV1Events } from './v1.events';
import { compactDisputeV1Machine } from './v1.machine';
import { compactDisputeV1StateLabels } from './v1.states';
import type { DisputeContext } from './v1.types';

export const compactDisputeV1: WorkflowDefinition<DisputeContext> = {
  name: 'compact-dispute',
  version: 1,
  title: 'Compact dispute resolution (negotiation, mediation, formal route)',
  topLevelStates: ['raised', 'negotiation', 'mediation', 'formal', 'resolved', 'closed'],
  finalStates: ['closed'],
  machine: compactDisputeV1Machine,
  events: compactDisputeV1Events,
  deadlines: compactDisputeV1Deadlines,
  mediatorOf: (context) => context.mediatorOrganisationId,
  describeState: (path) => compactDisputeV1StateLabels[path] ?? path,
};
