import type { DeadlineDefinition } from '@compact/engine';
import type { DisputeContext } from './v1.types';

/*
 * The deadlines compact-dispute v1 declares, keyed by the id of the delayed raise in the machine.
 * Their lengths come from the Compact file (`deadlines`), counted on the working-day calendar.
 */

type Def = DeadlineDefinition<DisputeContext>;

export const compactDisputeV1Deadlines: Record<string, Def> = {
  'deadline.acknowledgement': {
    key: 'deadline.acknowledgement',
    delay: 'ACKNOWLEDGEMENT',
    purpose: 'deadline',
    event: 'ACKNOWLEDGEMENT_OVERDUE',
    label: 'The respondent acknowledges the case',
    anchor: 'event',
    rule: (d) => ({ kind: 'working-days', days: d.acknowledgementWorkingDays }),
    mustAct: () => ['respondent'],
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
  },
};
