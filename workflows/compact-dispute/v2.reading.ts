import type { WorkflowReading } from '@compact/engine';
import type { DisputeContext } from './v2.types';

/*
 * How people and the board read compact-dispute v2 (beside the released definition, which stays as
 * released): its stages in the order of the escalation path, what each top-level state means for a
 * case, and which events end a deadline without anyone meeting it (or as missed).
 */
export const compactDisputeV2Reading: WorkflowReading<DisputeContext> = {
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
};
