import type { PartyNames } from '@compact/engine';

/** What a case's proposal looks like to the words below (the same in every version so far). */
interface WithProposal {
  proposal: { by: 'claimant' | 'respondent' } | null;
}

type Help = (context: WithProposal, names: PartyNames) => string;

const proposer = (c: WithProposal, n: PartyNames) => n[c.proposal?.by ?? 'respondent'];

/**
 * What each form on the case page says to the person about to send it, in the second person and
 * with the organisations' names, where the released definition's own description speaks of the
 * parties in the abstract ("the party who did not make the pending proposal"). v1's words.
 */
export const V1_FORM_HELP: Readonly<Record<string, Help>> = {
  ACCEPT_RESOLUTION: (c, n) => `Accept ${proposer(c, n)}'s proposal: the case is then resolved.`,
  REJECT_RESOLUTION: (c, n) => `Turn down ${proposer(c, n)}'s proposal and say why: negotiation goes on.`,
};

/** v2's words: agreements with actions are followed up, and deadlines can be given more time. */
export const V2_FORM_HELP: Readonly<Record<string, Help>> = {
  ACCEPT_RESOLUTION: (c, n) =>
    `Accept ${proposer(c, n)}'s proposal. If it offers actions, they become the agreement and the service follows each one up until it is confirmed; if not, the case is resolved.`,
  REJECT_RESOLUTION: V1_FORM_HELP.REJECT_RESOLUTION,
  ACTION_DONE: () => 'Tell the other side that you have done something you agreed to do. They are then asked to confirm it.',
  ACTION_CONFIRMED: () => 'Confirm that something agreed to be done for you has been done. If you do not confirm it in the time the Compact gives, it counts as confirmed.',
  AGREEMENT_NOT_KEPT: () =>
    'Report that something agreed to be done for you was not done, and what happened. The case then goes back to where the agreement was made: negotiation, mediation, or before the formal route.',
  REQUEST_EXTENSION: () =>
    'Ask for more time to meet a deadline that you must meet, and say why. The other side (in mediation, the mediator) agrees or refuses; if nobody answers before the deadline, nothing changes. The Compact limits how many working days can be added to each deadline.',
  AGREE_EXTENSION: () => 'Agree to the extra time asked for: the deadline moves.',
  REFUSE_EXTENSION: () => 'Refuse the extra time asked for: the deadline stays as it is.',
};
