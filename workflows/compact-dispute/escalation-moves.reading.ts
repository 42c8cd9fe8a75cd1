import type { MovePhrases } from '@compact/engine';

/** What a case's proposal looks like to the phrases below (the same in every version so far). */
interface WithProposal {
  proposal: { by: 'claimant' | 'respondent' } | null;
}

/**
 * How the deadlines of the escalation path read for people, the same in every version that has
 * them (v1 and v2): acknowledging the case, answering a proposal, a mediator answering a referral.
 */
export const ESCALATION_MOVES: Record<string, MovePhrases<WithProposal>> = {
    'deadline.acknowledgement': {
      todo: () => 'acknowledge the case',
      ifNot: (_c, n) => `${n.claimant} may take the case to a mediator or to the formal route`,
      events: ['ACKNOWLEDGE'],
    },
    'deadline.proposal': {
      todo: (c, n) => `answer ${n[c.proposal?.by ?? 'claimant']}'s proposal`,
      ifNot: (c) => (c.proposal?.by === 'claimant' ? 'the case can go to mediation' : 'the proposal lapses and negotiation goes on'),
      events: ['ACCEPT_RESOLUTION', 'REJECT_RESOLUTION'],
    },
    'deadline.mediator-response': {
      todo: () => 'accept or decline the referral',
      ifNot: () => 'the parties may refer the case to another mediator or take it to the formal route',
      events: ['MEDIATOR_ACCEPT', 'MEDIATOR_DECLINE'],
    },
};
