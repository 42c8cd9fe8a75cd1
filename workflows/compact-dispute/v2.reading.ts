import type { WorkflowReading } from '@compact/engine';
import { ESCALATION_MOVES } from './escalation-moves.reading';
import { pathStepsFrom, SIDE_EVENTS } from './path-steps.reading';
import { V2_FORM_HELP } from './form-help.reading';
import { agreementInFull, proposalInFull } from './in-full.reading';
import type { DisputeContext, Side } from './v2.types';
import { whileMediating } from './confidential-exchange.reading';
import { formalRouteOf } from './formal-route.reading';

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
  pathSteps: pathStepsFrom,
  sideEvents: SIDE_EVENTS,
  formHelp: V2_FORM_HELP,
  inFull: (c, path, names, dueDateOf) => [
    ...(path === 'negotiation.proposalPending' ? proposalInFull(c.proposal, names) : []),
    // Kept after the case is resolved (what was agreed, and done), and after it was reported not kept.
    ...agreementInFull(c.agreement, c.agreementNotKept, names, dueDateOf),
  ],
  confidentialExchange: whileMediating,
  formalRoute: formalRouteOf,
  moves: {
    ...ESCALATION_MOVES,
    'action.due': {
      todo: (c, _n, id) => `do what was agreed: ${actionText(c, id)}`,
      ifNot: (c, n, id) => `${n[owedBy(c, id)]} may report the agreement not kept`,
      events: ['ACTION_DONE'],
    },
    'action.confirmation': {
      todo: (c, n, id) => `confirm that ${n[ownerOf(c, id)]} did what was agreed (${actionText(c, id)}), or report it not kept`,
      ifNot: () => 'it counts as confirmed',
      events: ['ACTION_CONFIRMED', 'AGREEMENT_NOT_KEPT'],
    },
  },
};

const actionOf = (c: DisputeContext, id: string | undefined) => c.agreement?.actions.find((a) => a.id === id);
const actionText = (c: DisputeContext, id: string | undefined) => actionOf(c, id)?.action ?? 'the agreed action';
const ownerOf = (c: DisputeContext, id: string | undefined): Side => actionOf(c, id)?.party ?? 'respondent';
const owedBy = (c: DisputeContext, id: string | undefined): Side => (ownerOf(c, id) === 'claimant' ? 'respondent' : 'claimant');
