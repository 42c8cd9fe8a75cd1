import { assign, cancel, raise, setup } from 'xstate';
import type { DisputeContext, DisputeEvent, DisputeInput, Side } from './v1.types';

/*
 * The escalation path of a local Compact's dispute clause (Southampton Compact, section 6):
 * negotiation between those involved -> a mediator such as Compact Voice -> an existing agreed
 * or statutory mechanism, or the relevant ombudsman.
 *
 * Released: never edit the behaviour of this file once cases run on it; add v2 instead.
 *
 * Deadlines are delayed raises with ids `deadline.*` / `reminder.*`; the engine stores them as
 * timer rows with absolute due times and feeds the raised event back as the system when due.
 * The named delays are provided by the engine from the working-day calendar.
 */

const at = (event: { meta?: { at: string } }): string => event.meta?.at ?? new Date(0).toISOString();

const sideOf = (event: DisputeEvent): Side => (event.meta?.by === 'respondent' ? 'respondent' : 'claimant');

const notProvided = (): number => {
  throw new Error('compact-dispute v1: delays are provided by the engine (WorkflowDefinition.delays)');
};

export const compactDisputeV1Machine = setup({
  types: {
    context: {} as DisputeContext,
    events: {} as DisputeEvent,
    input: {} as DisputeInput,
  },
  delays: {
    ACKNOWLEDGEMENT: notProvided,
    PROPOSAL_RESPONSE: notProvided,
    NEGOTIATION_PERIOD: notProvided,
    MEDIATOR_RESPONSE: notProvided,
    OMBUDSMAN_FIRST_REMINDER: notProvided,
    OMBUDSMAN_FINAL_REMINDER: notProvided,
  },
  guards: {
    referralUnlocked: ({ context }) => context.referralUnlockedBy !== null,
    proposalWasTheClaimants: ({ context }) => context.proposal?.by === 'claimant',
  },
  actions: {
    countNote: assign({ notes: ({ context }) => context.notes + 1 }),
    countMeeting: assign({ meetings: ({ context }) => context.meetings + 1 }),
    recordOmbudsmanReminder: assign({ ombudsmanRemindedAt: ({ event }) => at(event) }),
    recordProposal: assign({
      proposal: ({ event }) =>
        event.type === 'PROPOSE_RESOLUTION' ? { by: sideOf(event), text: event.proposal, at: at(event) } : null,
    }),
    clearProposal: assign({ proposal: null }),
    unlockOnAcknowledgementOverdue: assign({
      referralUnlockedBy: ({ context }) => context.referralUnlockedBy ?? 'acknowledgement-overdue',
    }),
    unlockOnProposalOverdue: assign({
      referralUnlockedBy: ({ context }) => context.referralUnlockedBy ?? 'proposal-overdue',
    }),
    unlockOnNegotiationPeriodEnded: assign({
      referralUnlockedBy: ({ context }) => context.referralUnlockedBy ?? 'negotiation-period-ended',
    }),
    unlockOnNegotiationFailed: assign({ referralUnlockedBy: 'negotiation-failed' }),
    recordReferral: assign({
      mediatorOrganisationId: ({ event, context }) =>
        event.type === 'REFER_TO_MEDIATION' ? event.mediatorOrganisationId : context.mediatorOrganisationId,
      mediationOutcome: null,
    }),
    recordMediatorDeclined: assign({ mediationOutcome: 'declined' }),
    recordMediatorNoResponse: assign({ mediationOutcome: 'no-response' }),
    recordMediationFailed: assign({ mediationOutcome: 'failed' }),
    recordFormal: assign({
      formal: ({ event, context }) =>
        event.type === 'ESCALATE_FORMAL'
          ? {
              route: event.route,
              body: event.body,
              reference: event.reference,
              skipMediationReason: event.skipMediationReason ?? null,
              at: at(event),
            }
          : context.formal,
    }),
    recordResolution: assign({
      resolution: ({ event, context }) => {
        switch (event.type) {
          case 'ACCEPT_RESOLUTION':
            return { via: 'negotiation', summary: context.proposal?.text ?? '', outcome: null, remedy: null, at: at(event) };
          case 'MEDIATION_AGREEMENT':
            return { via: 'mediation', summary: event.agreement, outcome: null, remedy: null, at: at(event) };
          case 'RECORD_DECISION':
            return {
              via: 'formal',
              summary: `Decision of ${context.formal?.body ?? 'the formal route'} on ${event.decidedOn}`,
              outcome: event.outcome,
              remedy: event.remedy ?? null,
              at: at(event),
            };
          default:
            return context.resolution;
        }
      },
    }),
    recordWithdrawal: assign({
      closure: ({ event }) => ({
        reason: 'withdrawn' as const,
        note: event.type === 'WITHDRAW' ? (event.reason ?? null) : null,
        at: at(event),
      }),
    }),
    recordClosure: assign({
      closure: ({ event }) => ({
        reason: 'closed' as const,
        note: event.type === 'CLOSE' ? (event.note ?? null) : null,
        at: at(event),
      }),
    }),
  },
}).createMachine({
  id: 'compact-dispute.v1',
  context: ({ input }) => ({
    kind: input.kind,
    becameAwareOn: input.becameAwareOn,
    raisedAt: input.at,
    referralUnlockedBy: null,
    proposal: null,
    mediatorOrganisationId: null,
    mediationOutcome: null,
    formal: null,
    resolution: null,
    closure: null,
    notes: 0,
    meetings: 0,
    ombudsmanRemindedAt: null,
  }),
  initial: 'raised',
  states: {
    raised: {
      initial: 'awaitingAcknowledgement',
      on: {
        ADD_NOTE: { actions: 'countNote' },
        WITHDRAW: { target: '#closed', actions: 'recordWithdrawal' },
      },
      states: {
        awaitingAcknowledgement: {
          entry: raise({ type: 'ACKNOWLEDGEMENT_OVERDUE' }, { delay: 'ACKNOWLEDGEMENT', id: 'deadline.acknowledgement' }),
          exit: cancel('deadline.acknowledgement'),
          on: {
            ACKNOWLEDGE: { target: '#negotiation' },
            ACKNOWLEDGEMENT_OVERDUE: { target: 'acknowledgementOverdue', actions: 'unlockOnAcknowledgementOverdue' },
          },
        },
        acknowledgementOverdue: {
          on: {
            ACKNOWLEDGE: { target: '#negotiation' },
            REFER_TO_MEDIATION: { target: '#mediation', actions: 'recordReferral' },
            // Before mediation the event needs a reason for skipping it (v1.events.ts, requiredWhen).
            ESCALATE_FORMAL: { guard: 'referralUnlocked', target: '#formal', actions: 'recordFormal' },
          },
        },
      },
    },
    negotiation: {
      id: 'negotiation',
      initial: 'discussing',
      entry: raise({ type: 'NEGOTIATION_PERIOD_ENDED' }, { delay: 'NEGOTIATION_PERIOD', id: 'deadline.negotiation' }),
      exit: cancel('deadline.negotiation'),
      on: {
        ADD_NOTE: { actions: 'countNote' },
        RECORD_MEETING: { actions: 'countMeeting' },
        NEGOTIATION_PERIOD_ENDED: { actions: 'unlockOnNegotiationPeriodEnded' },
        REFER_TO_MEDIATION: { guard: 'referralUnlocked', target: '#mediation', actions: 'recordReferral' },
        ESCALATE_FORMAL: { guard: 'referralUnlocked', target: '#formal', actions: 'recordFormal' },
        WITHDRAW: { target: '#closed', actions: 'recordWithdrawal' },
      },
      states: {
        discussing: {
          on: {
            PROPOSE_RESOLUTION: { target: 'proposalPending', actions: 'recordProposal' },
            DECLARE_NEGOTIATION_FAILED: { target: 'failed', actions: 'unlockOnNegotiationFailed' },
          },
        },
        proposalPending: {
          entry: raise({ type: 'PROPOSAL_OVERDUE' }, { delay: 'PROPOSAL_RESPONSE', id: 'deadline.proposal' }),
          exit: cancel('deadline.proposal'),
          on: {
            ACCEPT_RESOLUTION: { target: '#resolved', actions: 'recordResolution' },
            REJECT_RESOLUTION: { target: 'discussing', actions: 'clearProposal' },
            PROPOSE_RESOLUTION: { target: 'proposalPending', reenter: true, actions: 'recordProposal' },
            PROPOSAL_OVERDUE: [
              // The respondent left the claimant's proposal unanswered: a missed deadline that opens referral.
              { guard: 'proposalWasTheClaimants', target: 'discussing', actions: ['unlockOnProposalOverdue', 'clearProposal'] },
              { target: 'discussing', actions: 'clearProposal' },
            ],
            DECLARE_NEGOTIATION_FAILED: { target: 'failed', actions: ['unlockOnNegotiationFailed', 'clearProposal'] },
          },
        },
        failed: {},
      },
    },
    mediation: {
      id: 'mediation',
      initial: 'awaitingMediator',
      on: {
        ADD_NOTE: { actions: 'countNote' },
        WITHDRAW: { target: '#closed', actions: 'recordWithdrawal' },
      },
      states: {
        awaitingMediator: {
          entry: raise({ type: 'MEDIATOR_RESPONSE_OVERDUE' }, { delay: 'MEDIATOR_RESPONSE', id: 'deadline.mediator-response' }),
          exit: cancel('deadline.mediator-response'),
          on: {
            MEDIATOR_ACCEPT: { target: 'inMediation' },
            MEDIATOR_DECLINE: { target: 'ended', actions: 'recordMediatorDeclined' },
            MEDIATOR_RESPONSE_OVERDUE: { target: 'ended', actions: 'recordMediatorNoResponse' },
          },
        },
        inMediation: {
          on: {
            RECORD_MEETING: { actions: 'countMeeting' },
            MEDIATION_AGREEMENT: { target: '#resolved', actions: 'recordResolution' },
            MEDIATION_FAILED: { target: 'ended', actions: 'recordMediationFailed' },
          },
        },
        ended: {
          entry: [
            raise(
              { type: 'OMBUDSMAN_LIMIT_APPROACHING' },
              { delay: 'OMBUDSMAN_FIRST_REMINDER', id: 'reminder.ombudsman-first' },
            ),
            raise(
              { type: 'OMBUDSMAN_LIMIT_APPROACHING' },
              { delay: 'OMBUDSMAN_FINAL_REMINDER', id: 'reminder.ombudsman-final' },
            ),
          ],
          exit: [cancel('reminder.ombudsman-first'), cancel('reminder.ombudsman-final')],
          on: {
            OMBUDSMAN_LIMIT_APPROACHING: { actions: 'recordOmbudsmanReminder' },
            ESCALATE_FORMAL: { target: '#formal', actions: 'recordFormal' },
            REFER_TO_MEDIATION: { target: 'awaitingMediator', actions: 'recordReferral' },
          },
        },
      },
    },
    formal: {
      id: 'formal',
      initial: 'underConsideration',
      on: {
        ADD_NOTE: { actions: 'countNote' },
        WITHDRAW: { target: '#closed', actions: 'recordWithdrawal' },
      },
      states: {
        underConsideration: {
          on: {
            RECORD_DECISION: { target: '#resolved', actions: 'recordResolution' },
          },
        },
      },
    },
    resolved: {
      id: 'resolved',
      on: {
        ADD_NOTE: { actions: 'countNote' },
        CLOSE: { target: '#closed', actions: 'recordClosure' },
      },
    },
    closed: {
      id: 'closed',
      type: 'final',
    },
  },
});
