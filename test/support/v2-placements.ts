import type { Placements, Step } from './case-factory';

/*
 * Named places on compact-dispute v2's path, for cases raised on v2: v1's places, and what v2 adds
 * (proposals with terms, agreements followed up in monitoring, agreed extensions, agreements not
 * kept). Agreed actions are numbered a1, a2, … in the order given (v2.machine.ts, agreedActions).
 */

const REASON = 'Our trustees meet next Thursday.';

/** A proposal without terms: accepting it resolves the case, as in v1. */
const PLAIN_PROPOSAL = { proposal: 'Funding continues for three months while a transition plan is agreed.' };

/** The claimant's proposal with an action for each side: a1 owed by the respondent, a2 by the claimant. */
const PROPOSAL_WITH_TERMS = {
  proposal: 'Funding continues for three months while a transition plan is agreed.',
  terms: [
    { party: 'respondent', action: 'Confirm the three months of funding in writing.', due: { workingDaysAfterAgreement: 5 } },
    { party: 'claimant', action: 'Send the draft transition plan.', due: { workingDaysAfterAgreement: 10 } },
  ],
};

/** A mediation agreement with one action, owed by the respondent (a1). */
const MEDIATION_AGREEMENT = {
  agreement: 'Funding ends on 30 June with a written rationale.',
  actions: [{ party: 'respondent', action: 'Send the written rationale.', due: { workingDaysAfterAgreement: 10 } }],
};

/** A decision whose remedy orders one action of the respondent (a1). */
const DECISION_WITH_ACTIONS = {
  outcome: 'partly-upheld',
  decidedOn: '2026-01-05',
  remedy: 'A review of the notice policy.',
  actions: [{ party: 'respondent', action: 'Publish the reviewed notice policy.', due: { workingDaysAfterAgreement: 20 } }],
};
const DECISION_WITHOUT_ACTIONS = { outcome: 'not-upheld', decidedOn: '2026-01-05' };

const moreTime = (deadline: string): Step[2] => ({ payload: { deadline, workingDays: 5, reason: REASON } });
const done = (actionId: string): Step[2] => ({ payload: { actionId, note: 'Done on Monday.' } });
const notKept = (actionId: string): Step[2] => ({ payload: { actionId, whatHappened: 'Nothing has arrived, weeks after the date agreed.' } });

const ACKNOWLEDGED: Step[] = [['ACKNOWLEDGE', 'respondent']];
const PROPOSED_WITH_TERMS: Step[] = [...ACKNOWLEDGED, ['PROPOSE_RESOLUTION', 'claimant', { payload: PROPOSAL_WITH_TERMS }]];
const FAILED: Step[] = [...ACKNOWLEDGED, ['DECLARE_NEGOTIATION_FAILED', 'claimant']];
const REFERRED: Step[] = [...FAILED, ['REFER_TO_MEDIATION', 'claimant']];
const IN_MEDIATION: Step[] = [...REFERRED, ['MEDIATOR_ACCEPT', 'mediator']];
const DECLINED: Step[] = [...REFERRED, ['MEDIATOR_DECLINE', 'mediator']];
const FORMAL: Step[] = [...DECLINED, ['ESCALATE_FORMAL', 'claimant']];
const RESOLVED: Step[] = [...FORMAL, ['RECORD_DECISION', 'claimant', { payload: DECISION_WITHOUT_ACTIONS }]];
/** Agreed in negotiation: a1 (the respondent's) and a2 (the claimant's) both open. */
const AGREED: Step[] = [...PROPOSED_WITH_TERMS, ['ACCEPT_RESOLUTION', 'respondent']];
const AGREED_IN_MEDIATION: Step[] = [...IN_MEDIATION, ['MEDIATION_AGREEMENT', 'mediator', { payload: MEDIATION_AGREEMENT }]];
const DECIDED_WITH_ACTIONS: Step[] = [...FORMAL, ['RECORD_DECISION', 'claimant', { payload: DECISION_WITH_ACTIONS }]];
const A1_DONE: Step[] = [...AGREED, ['ACTION_DONE', 'respondent', done('a1')]];

export const V2_PLACEMENTS = {
  raised: [],
  /** The respondent asked for more time to acknowledge; the claimant answers. */
  acknowledgementExtensionAsked: [['REQUEST_EXTENSION', 'respondent', moreTime('deadline.acknowledgement')]],
  discussing: ACKNOWLEDGED,
  proposalByClaimant: [...ACKNOWLEDGED, ['PROPOSE_RESOLUTION', 'claimant', { payload: PLAIN_PROPOSAL }]],
  proposalByRespondent: [...ACKNOWLEDGED, ['PROPOSE_RESOLUTION', 'respondent', { payload: PLAIN_PROPOSAL }]],
  proposalWithTerms: PROPOSED_WITH_TERMS,
  /** The respondent asked for more time to answer the claimant's proposal; the claimant answers. */
  proposalExtensionAsked: [...PROPOSED_WITH_TERMS, ['REQUEST_EXTENSION', 'respondent', moreTime('deadline.proposal')]],
  negotiationFailed: FAILED,
  awaitingMediator: REFERRED,
  inMediation: IN_MEDIATION,
  mediationDeclined: DECLINED,
  /** Declined by the first mediator, then referred to the second: the first is now a former mediator. */
  referredElsewhere: [...DECLINED, ['REFER_TO_MEDIATION', 'claimant', { mediator: 'mediator2' }]],
  formal: FORMAL,
  /** Agreed in negotiation, both actions open: a1 owed by the respondent, a2 by the claimant. */
  monitoring: AGREED,
  /** a1 reported done by the respondent (the claimant's confirmation is awaited); a2 still open. */
  monitoringActionDone: A1_DONE,
  /** Both actions reported done: each side awaits the other's confirmation. */
  monitoringBothDone: [...A1_DONE, ['ACTION_DONE', 'claimant', done('a2')]],
  /** The claimant asked for more time for its action a2; the respondent answers. */
  monitoringExtensionAsked: [...AGREED, ['REQUEST_EXTENSION', 'claimant', moreTime('action.due/a2')]],
  /** The claimant reported the respondent's a1 not kept: back in negotiation, referral open to both. */
  reopenedInNegotiation: [...AGREED, ['AGREEMENT_NOT_KEPT', 'claimant', notKept('a1')]],
  monitoringAfterMediation: AGREED_IN_MEDIATION,
  reopenedInMediation: [...AGREED_IN_MEDIATION, ['AGREEMENT_NOT_KEPT', 'claimant', notKept('a1')]],
  monitoringAfterDecision: DECIDED_WITH_ACTIONS,
  reopenedInFormal: [...DECIDED_WITH_ACTIONS, ['AGREEMENT_NOT_KEPT', 'claimant', notKept('a1')]],
  resolved: RESOLVED,
  /** The mediation agreement's one action done and confirmed: resolved, with the agreement kept in the case. */
  resolvedAfterConfirmation: [...AGREED_IN_MEDIATION, ['ACTION_DONE', 'respondent', done('a1')], ['ACTION_CONFIRMED', 'claimant', { payload: { actionId: 'a1' } }]],
  closed: [...RESOLVED, ['CLOSE', 'respondent']],
} satisfies Placements;

export type V2Placement = keyof typeof V2_PLACEMENTS;
