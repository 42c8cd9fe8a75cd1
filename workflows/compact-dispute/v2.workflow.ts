import type { InstalledWorkflow } from '@compact/engine';
import { compactDisputeV2Deadlines } from './v2.deadlines';
import { compactDisputeV2Events } from './v2.events';
import { compactDisputeV2Machine } from './v2.machine';
import { compactDisputeV2StateLabels } from './v2.states';
import type { DisputeContext } from './v2.types';

export const compactDisputeV2: InstalledWorkflow<DisputeContext> = {
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
  reading: {
    stages: [
      { state: 'raised', label: 'Raised' },
      { state: 'negotiation', label: 'Negotiation' },
      { state: 'mediation', label: 'Mediation', note: 'If needed' },
      { state: 'formal', label: 'Formal route or ombudsman', note: 'If needed' },
      { state: 'monitoring', label: 'Agreement carried out', note: 'If actions were agreed' },
      { state: 'resolved', label: 'Resolved' },
      { state: 'closed', label: 'Closed' },
    ],
    outcomeOf(state, context) {
      if (state === 'monitoring') return 'monitoring';
      if (state === 'resolved') return 'resolved';
      if (state === 'closed') return context.closure?.reason === 'withdrawn' ? 'withdrawn' : 'closed';
      return 'open';
    },
    neutralEvents: ['WITHDRAW', 'DECLARE_NEGOTIATION_FAILED'],
    missingEvents: ['AGREEMENT_NOT_KEPT'],
    periods: ['deadline.negotiation'],
  },
};
