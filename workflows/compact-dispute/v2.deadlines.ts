import type { DeadlineRule } from '@compact/calendar';
import type { DeadlineDefinition } from '@compact/engine';
import type { AgreedAction, DisputeContext, Side } from './v2.types';

/*
 * The deadlines compact-dispute v2 declares, keyed by the id of the delayed raise in the machine
 * (for the two families, by the part before `/`: `action.due/a1`). Their lengths come from the
 * Compact file (`deadlines`) the case was raised under, counted on the working-day calendar.
 */

type Def = DeadlineDefinition<DisputeContext>;

const actionOf = (context: DisputeContext | undefined, id: string | undefined): AgreedAction | undefined =>
  context?.agreement?.actions.find((a) => a.id === id);
const other = (side: Side): Side => (side === 'claimant' ? 'respondent' : 'claimant');

const dueRule = (action: AgreedAction | undefined): DeadlineRule => {
  if (!action) throw new Error('compact-dispute v2: an action deadline for an action the agreement does not have');
  return 'on' in action.due ? { kind: 'on', date: action.due.on } : { kind: 'working-days', days: action.due.workingDaysAfterAgreement };
};

const LIMIT_NOTICE = [
  'Negotiating, or going to a mediator, does not stop this clock: the time limit runs whatever stage the case is at.',
];

export const compactDisputeV2Deadlines: Record<string, Def> = {
  'deadline.acknowledgement': {
    key: 'deadline.acknowledgement',
    delay: 'ACKNOWLEDGEMENT',
    purpose: 'deadline',
    event: 'ACKNOWLEDGEMENT_OVERDUE',
    label: 'The respondent acknowledges the case',
    anchor: 'event',
    rule: (d) => ({ kind: 'working-days', days: d.acknowledgementWorkingDays }),
    mustAct: () => ['respondent'],
    extendable: true,
  },
  'deadline.proposal': {
    key: 'deadline.proposal',
    delay: 'PROPOSAL_RESPONSE',
    purpose: 'deadline',
    event: 'PROPOSAL_OVERDUE',
    label: 'The other party answers the proposal',
    anchor: 'event',
    rule: (d) => ({ kind: 'working-days', days: d.proposalResponseWorkingDays }),
    mustAct: (c) => [c.proposal?.by === 'respondent' ? 'claimant' : 'respondent'],
    extendable: true,
  },
  'deadline.negotiation': {
    key: 'deadline.negotiation',
    delay: 'NEGOTIATION_PERIOD',
    purpose: 'deadline',
    event: 'NEGOTIATION_PERIOD_ENDED',
    label: 'Negotiation period ends (referral then needs no declaration of failure)',
    anchor: 'event',
    rule: (d) => ({ kind: 'working-days', days: d.negotiationWorkingDays }),
    mustAct: () => ['claimant', 'respondent'],
  },
  'deadline.mediator-response': {
    key: 'deadline.mediator-response',
    delay: 'MEDIATOR_RESPONSE',
    purpose: 'deadline',
    event: 'MEDIATOR_RESPONSE_OVERDUE',
    label: 'The mediator accepts or declines the referral',
    anchor: 'event',
    rule: (d) => ({ kind: 'working-days', days: d.mediatorResponseWorkingDays }),
    mustAct: () => ['mediator'],
  },
  'action.due': {
    key: 'action.due',
    family: true,
    delay: 'ACTION_DUE',
    purpose: 'deadline',
    event: 'ACTION_OVERDUE',
    label: 'An agreed action is due',
    anchor: 'event',
    rule: (_d, c, id) => dueRule(actionOf(c, id)),
    mustAct: (c, id) => [actionOf(c, id)?.party ?? 'claimant'],
    describe: (c, id) => actionOf(c, id)?.action ?? `action ${id}`,
    extendable: true,
  },
  'action.confirmation': {
    key: 'action.confirmation',
    family: true,
    delay: 'ACTION_CONFIRMATION',
    purpose: 'deadline',
    event: 'ACTION_CONFIRMATION_OVERDUE',
    label: 'The other party confirms an action was done (or it counts as confirmed)',
    anchor: 'event',
    rule: (d) => ({ kind: 'working-days', days: d.actionConfirmationWorkingDays }),
    mustAct: (c, id) => [other(actionOf(c, id)?.party ?? 'claimant')],
    describe: (c, id) => actionOf(c, id)?.action ?? `action ${id}`,
  },
  'reminder.ombudsman-first': {
    key: 'reminder.ombudsman-first',
    delay: 'OMBUDSMAN_FIRST_REMINDER',
    purpose: 'reminder',
    event: 'OMBUDSMAN_LIMIT_APPROACHING',
    label: 'Time limit for going to the ombudsman (first reminder)',
    anchor: 'became-aware',
    rule: (d) => ({ kind: 'months', months: d.ombudsmanLimitMonths }),
    before: (d) => ({ kind: 'months', months: d.ombudsmanFirstReminderMonthsBefore }),
    mustAct: () => ['claimant'],
    notice: LIMIT_NOTICE,
  },
  'reminder.ombudsman-final': {
    key: 'reminder.ombudsman-final',
    delay: 'OMBUDSMAN_FINAL_REMINDER',
    purpose: 'reminder',
    event: 'OMBUDSMAN_LIMIT_APPROACHING',
    label: 'Time limit for going to the ombudsman (final reminder)',
    anchor: 'became-aware',
    rule: (d) => ({ kind: 'months', months: d.ombudsmanLimitMonths }),
    before: (d) => ({ kind: 'months', months: d.ombudsmanFinalReminderMonthsBefore }),
    mustAct: () => ['claimant'],
    notice: LIMIT_NOTICE,
  },
  'reminder.judicial-review-first': {
    key: 'reminder.judicial-review-first',
    delay: 'JUDICIAL_REVIEW_FIRST_REMINDER',
    purpose: 'reminder',
    event: 'JUDICIAL_REVIEW_LIMIT_APPROACHING',
    label: 'Time limit for judicial review of the decision (first reminder)',
    anchor: 'decision',
    rule: (d) => ({ kind: 'months', months: d.judicialReviewLimitMonths }),
    before: (d) => ({ kind: 'months', months: d.judicialReviewFirstReminderMonthsBefore }),
    mustAct: () => ['claimant'],
    notice: ['A claim for judicial review must be brought promptly, and in any case before the time limit above.', ...LIMIT_NOTICE],
  },
  'reminder.judicial-review-final': {
    key: 'reminder.judicial-review-final',
    delay: 'JUDICIAL_REVIEW_FINAL_REMINDER',
    purpose: 'reminder',
    event: 'JUDICIAL_REVIEW_LIMIT_APPROACHING',
    label: 'Time limit for judicial review of the decision (final reminder)',
    anchor: 'decision',
    rule: (d) => ({ kind: 'months', months: d.judicialReviewLimitMonths }),
    before: (d) => ({ kind: 'working-days', days: d.judicialReviewFinalReminderWorkingDaysBefore }),
    mustAct: () => ['claimant'],
    notice: ['A claim for judicial review must be brought promptly, and in any case before the time limit above.', ...LIMIT_NOTICE],
  },
};
