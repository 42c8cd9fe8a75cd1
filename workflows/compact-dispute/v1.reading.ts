import type { WorkflowReading } from '@compact/engine';
import { ESCALATION_MOVES } from './escalation-moves.reading';
import { pathStepsFrom, SIDE_EVENTS } from './path-steps.reading';
import { V1_FORM_HELP } from './form-help.reading';
import { proposalInFull } from './in-full.reading';
import type { DisputeContext } from './v1.types';
import { whileMediating } from './confidential-exchange.reading';
import { formalRouteOf } from './formal-route.reading';

/*
 * How people and the board read compact-dispute v1 (added beside the released v1 files, which stay
 * as they were): its stages in the order of the escalation path, what each top-level state means
 * for a case, and which events end a deadline without anyone meeting or missing it.
 */
export const compactDisputeV1Reading: WorkflowReading<DisputeContext> = {
  stages: [
    { state: 'raised', label: 'Raised' },
    { state: 'negotiation', label: 'Negotiation' },
    { state: 'mediation', label: 'Mediation', note: 'If needed' },
    { state: 'formal', label: 'Formal route or ombudsman', note: 'If needed' },
    { state: 'resolved', label: 'Resolved' },
    { state: 'closed', label: 'Closed' },
  ],
  outcomeOf(state, context) {
    if (state === 'resolved') return 'resolved';
    if (state === 'closed') return context.closure?.reason === 'withdrawn' ? 'withdrawn' : 'closed';
    return 'open';
  },
  neutralEvents: ['WITHDRAW', 'DECLARE_NEGOTIATION_FAILED'],
  missingEvents: [],
  periods: ['deadline.negotiation'],
  pathSteps: pathStepsFrom,
  sideEvents: SIDE_EVENTS,
  formHelp: V1_FORM_HELP,
  inFull: (c, path, names) => (path === 'negotiation.proposalPending' ? proposalInFull(c.proposal, names) : []),
  confidentialExchange: whileMediating,
  formalRoute: formalRouteOf,
  moves: {
    ...ESCALATION_MOVES,
  },
};
