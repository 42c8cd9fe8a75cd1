import { and, assign, cancel, enqueueActions, raise, setup } from 'xstate';
import type { ActionTerm, AgreedAction, DisputeContext, DisputeEvent, DisputeInput, Side } from './v2.types';

/*
 * compact-dispute v2: the escalation path of v1 (negotiation -> a mediator such as Compact Voice ->
 * an agreed or statutory mechanism, or the ombudsman), and what most disputes end in: commitments.
 *
 * - A proposal, a mediation agreement and a formal decision may carry actions (who does what, by
 *   when). Agreed actions put the case in `monitoring` until each is confirmed done; one not kept
 *   reopens the case where the agreement was made.
 * - The party that must act before a deadline may ask for more time; the other party (in mediation,
 *   the mediator) agrees or refuses. An agreed extension moves that deadline (the engine moves the
 *   timer: `extendDeadline`).
 * - External time limits (the ombudsman's 12 months, and judicial review's 3 months from a
 *   decision) are reminded from the day the case is raised: negotiating does not stop the clock.
 *
 * Released: never edit the behaviour of this file once cases run on it; add v3 instead.
 *
 * Deadlines are delayed raises with ids `deadline.*`, `reminder.*` and, one per agreed action,
 * `action.due/<id>` and `action.confirmation/<id>`; the engine stores them as timer rows with
 * absolute due times and feeds the raised event back as the system when due (the event's
 * `meta.timer` names the timer). The named delays are provided by the engine.
 */

const at = (event: { meta?: { at: string } }): string => event.meta?.at ?? new Date(0).toISOString();
const sideOf = (event: DisputeEvent): Side => (event.meta?.by === 'respondent' ? 'respondent' : 'claimant');
const otherSide = (side: Side): Side => (side === 'claimant' ? 'respondent' : 'claimant');
/** The action a system event about an action is for (`action.due/a2` -> `a2`). */
const timerAction = (event: DisputeEvent): string | undefined => event.meta?.timer?.split('/')[1];
const actionIdOf = (event: DisputeEvent): string | undefined => ('actionId' in event ? event.actionId : timerAction(event));

const notProvided = (): number => {
  throw new Error('compact-dispute v2: delays are provided by the engine (WorkflowDefinition.delays)');
};

const TIME_LIMIT_REMINDERS = [
  'reminder.ombudsman-first',
  'reminder.ombudsman-final',
  'reminder.judicial-review-first',
  'reminder.judicial-review-final',
] as const;

function agreedActions(terms: readonly ActionTerm[] | undefined): AgreedAction[] {
  return (terms ?? []).map((t, i) => ({
    id: `a${i + 1}`,
    party: t.party,
    action: t.action,
    due: t.due,
    status: 'open',
    overdue: false,
    doneAt: null,
    doneNote: null,
    confirmedAt: null,
    confirmedBy: null,
  }));
}

const updateAction = (context: DisputeContext, id: string | undefined, change: (a: AgreedAction) => AgreedAction) =>
  context.agreement
    ? { ...context.agreement, actions: context.agreement.actions.map((a) => (a.id === id ? change(a) : a)) }
    : null;

/** The pending extension request, unless it is about this action's due date. */
const requestNotFor = (context: DisputeContext, id: string | undefined) =>
  context.extensionRequest?.deadline === `action.due/${id}` ? null : context.extensionRequest;

const findAction = (context: DisputeContext, event: DisputeEvent) => context.agreement?.actions.find((a) => a.id === actionIdOf(event));

export const compactDisputeV2Machine = setup({
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
    JUDICIAL_REVIEW_FIRST_REMINDER: notProvided,
    JUDICIAL_REVIEW_FINAL_REMINDER: notProvided,
    ACTION_DUE: notProvided,
    ACTION_CONFIRMATION: notProvided,
  },
  guards: {
    referralUnlocked: ({ context }) => context.referralUnlockedBy !== null,
    proposalWasTheClaimants: ({ context }) => context.proposal?.by === 'claimant',
    proposalHasTerms: ({ context }) => (context.proposal?.terms.length ?? 0) > 0,
    eventHasActions: ({ event }) => 'actions' in event && Array.isArray(event.actions) && event.actions.length > 0,
    actionOpen: ({ context, event }) => findAction(context, event)?.status === 'open',
    actionDone: ({ context, event }) => findAction(context, event)?.status === 'done',
    actionNotConfirmed: ({ context, event }) => {
      const action = findAction(context, event);
      return action !== undefined && action.status !== 'confirmed';
    },
    /** The action this event confirms is the last one not yet confirmed. */
    lastToConfirm: ({ context, event }) =>
      findAction(context, event)?.status === 'done' &&
      (context.agreement?.actions ?? []).every((a) => a.status === 'confirmed' || a.id === actionIdOf(event)),
    agreementFromMediation: ({ context }) => context.agreement?.via === 'mediation',
    agreementFromFormalRoute: ({ context }) => context.agreement?.via === 'formal',
    extensionPending: ({ context }) => context.extensionRequest !== null,
    noExtensionPending: ({ context }) => context.extensionRequest === null,
  },
  actions: {
    countNote: assign({ notes: ({ context }) => context.notes + 1 }),
    countMeeting: assign({ meetings: ({ context }) => context.meetings + 1 }),
    recordOmbudsmanReminder: assign({ ombudsmanRemindedAt: ({ event }) => at(event) }),
    recordJudicialReviewReminder: assign({ judicialReviewRemindedAt: ({ event }) => at(event) }),
    raiseTimeLimitReminders: enqueueActions(({ context, enqueue }) => {
      enqueue.raise({ type: 'OMBUDSMAN_LIMIT_APPROACHING' }, { delay: 'OMBUDSMAN_FIRST_REMINDER', id: 'reminder.ombudsman-first' });
      enqueue.raise({ type: 'OMBUDSMAN_LIMIT_APPROACHING' }, { delay: 'OMBUDSMAN_FINAL_REMINDER', id: 'reminder.ombudsman-final' });
      if (context.decisionDate) {
        enqueue.raise(
          { type: 'JUDICIAL_REVIEW_LIMIT_APPROACHING' },
          { delay: 'JUDICIAL_REVIEW_FIRST_REMINDER', id: 'reminder.judicial-review-first' },
        );
        enqueue.raise(
          { type: 'JUDICIAL_REVIEW_LIMIT_APPROACHING' },
          { delay: 'JUDICIAL_REVIEW_FINAL_REMINDER', id: 'reminder.judicial-review-final' },
        );
      }
    }),
    cancelTimeLimitReminders: enqueueActions(({ enqueue }) => {
      for (const id of TIME_LIMIT_REMINDERS) enqueue.cancel(id);
    }),
    recordProposal: assign({
      proposal: ({ event }) =>
        event.type === 'PROPOSE_RESOLUTION'
          ? { by: sideOf(event), text: event.proposal, terms: event.terms ?? [], at: at(event) }
          : null,
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
    /** The commitments a resolution carries become the case's agreement, followed up in `monitoring`. */
    recordAgreement: assign({
      agreement: ({ event, context }) => {
        switch (event.type) {
          case 'ACCEPT_RESOLUTION':
            return { via: 'negotiation', summary: context.proposal?.text ?? '', at: at(event), actions: agreedActions(context.proposal?.terms) };
          case 'MEDIATION_AGREEMENT':
            return { via: 'mediation', summary: event.agreement, at: at(event), actions: agreedActions(event.actions) };
          case 'RECORD_DECISION':
            return { via: 'formal', summary: event.remedy ?? `Decision of ${event.decidedOn}`, at: at(event), actions: agreedActions(event.actions) };
          default:
            return context.agreement;
        }
      },
    }),
    /** One due timer per open action, one confirmation timer per action reported done. */
    scheduleActionTimers: enqueueActions(({ context, enqueue }) => {
      for (const a of context.agreement?.actions ?? []) {
        if (a.status === 'open' && !a.overdue) enqueue.raise({ type: 'ACTION_OVERDUE' }, { delay: 'ACTION_DUE', id: `action.due/${a.id}` });
        if (a.status === 'done') {
          enqueue.raise({ type: 'ACTION_CONFIRMATION_OVERDUE' }, { delay: 'ACTION_CONFIRMATION', id: `action.confirmation/${a.id}` });
        }
      }
    }),
    cancelActionTimers: enqueueActions(({ context, enqueue }) => {
      for (const a of context.agreement?.actions ?? []) {
        enqueue.cancel(`action.due/${a.id}`);
        enqueue.cancel(`action.confirmation/${a.id}`);
      }
    }),
    markActionDone: enqueueActions(({ context, event, enqueue }) => {
      const id = actionIdOf(event);
      const note = event.type === 'ACTION_DONE' ? (event.note ?? null) : null;
      enqueue.assign({
        agreement: updateAction(context, id, (a) => ({ ...a, status: 'done', doneAt: at(event), doneNote: note })),
        extensionRequest: requestNotFor(context, id),
      });
      enqueue.cancel(`action.due/${id}`);
      enqueue.raise({ type: 'ACTION_CONFIRMATION_OVERDUE' }, { delay: 'ACTION_CONFIRMATION', id: `action.confirmation/${id}` });
    }),
    confirmAction: enqueueActions(({ context, event, enqueue }) => {
      const id = actionIdOf(event);
      const by = event.type === 'ACTION_CONFIRMED' ? 'party' : 'system';
      enqueue.assign({ agreement: updateAction(context, id, (a) => ({ ...a, status: 'confirmed', confirmedAt: at(event), confirmedBy: by })) });
      enqueue.cancel(`action.confirmation/${id}`);
    }),
    markActionOverdue: assign({
      agreement: ({ context, event }) => updateAction(context, actionIdOf(event), (a) => ({ ...a, overdue: true })),
      // A request for more time that nobody answered before the action fell due changes nothing.
      extensionRequest: ({ context, event }) => requestNotFor(context, actionIdOf(event)),
    }),
    recordAgreementNotKept: assign({
      agreementNotKept: ({ event, context }) =>
        event.type === 'AGREEMENT_NOT_KEPT' ? { actionId: event.actionId, whatHappened: event.whatHappened, at: at(event) } : context.agreementNotKept,
      referralUnlockedBy: 'agreement-not-kept' as const,
      resolution: null,
      proposal: null,
    }),
    recordExtensionRequest: assign({
      extensionRequest: ({ event }, params: { answeredByMediator: boolean }) =>
        event.type === 'REQUEST_EXTENSION'
          ? {
              deadline: event.deadline,
              by: sideOf(event),
              answeredBy: params.answeredByMediator ? ('mediator' as const) : otherSide(sideOf(event)),
              workingDays: event.workingDays,
              reason: event.reason,
              at: at(event),
            }
          : null,
    }),
    clearExtensionRequest: assign({ extensionRequest: null }),
    /** Carried out by the engine: the timer of the requested deadline is moved by the agreed working days. */
    extendDeadline: (_, _params: { deadline: string; workingDays: number }) => {},
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
  id: 'compact-dispute.v2',
  context: ({ input }) => ({
    kind: input.kind,
    becameAwareOn: input.becameAwareOn,
    decisionDate: input.decisionDate ?? null,
    raisedAt: input.at,
    referralUnlockedBy: null,
    proposal: null,
    mediatorOrganisationId: null,
    mediationOutcome: null,
    formal: null,
    resolution: null,
    agreement: null,
    agreementNotKept: null,
    extensionRequest: null,
    closure: null,
    notes: 0,
    meetings: 0,
    ombudsmanRemindedAt: null,
    judicialReviewRemindedAt: null,
  }),
  // External time limits run from the start, whatever the stage: negotiating does not stop the clock.
  entry: 'raiseTimeLimitReminders',
  on: {
    OMBUDSMAN_LIMIT_APPROACHING: { actions: 'recordOmbudsmanReminder' },
    JUDICIAL_REVIEW_LIMIT_APPROACHING: { actions: 'recordJudicialReviewReminder' },
    // Only while a deadline the requester must meet is pending (checked by the engine against the timers).
    REQUEST_EXTENSION: { guard: 'noExtensionPending', actions: { type: 'recordExtensionRequest', params: { answeredByMediator: false } } },
    AGREE_EXTENSION: {
      guard: 'extensionPending',
      actions: [
        {
          type: 'extendDeadline',
          params: ({ context }) => ({ deadline: context.extensionRequest!.deadline, workingDays: context.extensionRequest!.workingDays }),
        },
        'clearExtensionRequest',
      ],
    },
    REFUSE_EXTENSION: { guard: 'extensionPending', actions: 'clearExtensionRequest' },
  },
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
          exit: [cancel('deadline.acknowledgement'), 'clearExtensionRequest'],
          on: {
            ACKNOWLEDGE: { target: '#negotiation' },
            ACKNOWLEDGEMENT_OVERDUE: { target: 'acknowledgementOverdue', actions: 'unlockOnAcknowledgementOverdue' },
          },
        },
        acknowledgementOverdue: {
          on: {
            ACKNOWLEDGE: { target: '#negotiation' },
            REFER_TO_MEDIATION: { target: '#mediation', actions: 'recordReferral' },
            // Before mediation the event needs a reason for skipping it (v2.events.ts, requiredWhen).
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
          exit: [cancel('deadline.proposal'), 'clearExtensionRequest'],
          on: {
            ACCEPT_RESOLUTION: [
              { guard: 'proposalHasTerms', target: '#monitoring', actions: ['recordResolution', 'recordAgreement'] },
              { target: '#resolved', actions: 'recordResolution' },
            ],
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
        REQUEST_EXTENSION: { guard: 'noExtensionPending', actions: { type: 'recordExtensionRequest', params: { answeredByMediator: true } } },
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
            MEDIATION_AGREEMENT: [
              { guard: 'eventHasActions', target: '#monitoring', actions: ['recordResolution', 'recordAgreement'] },
              { target: '#resolved', actions: 'recordResolution' },
            ],
            MEDIATION_FAILED: { target: 'ended', actions: 'recordMediationFailed' },
          },
        },
        ended: {
          on: {
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
            RECORD_DECISION: [
              { guard: 'eventHasActions', target: '#monitoring', actions: ['recordResolution', 'recordAgreement'] },
              { target: '#resolved', actions: 'recordResolution' },
            ],
          },
        },
      },
    },
    monitoring: {
      id: 'monitoring',
      entry: 'scheduleActionTimers',
      exit: ['cancelActionTimers', 'clearExtensionRequest'],
      on: {
        ADD_NOTE: { actions: 'countNote' },
        ACTION_DONE: { guard: 'actionOpen', actions: 'markActionDone' },
        ACTION_OVERDUE: { guard: 'actionOpen', actions: 'markActionOverdue' },
        ACTION_CONFIRMED: [
          { guard: 'lastToConfirm', target: '#resolved', actions: 'confirmAction' },
          { guard: 'actionDone', actions: 'confirmAction' },
        ],
        ACTION_CONFIRMATION_OVERDUE: [
          { guard: 'lastToConfirm', target: '#resolved', actions: 'confirmAction' },
          { guard: 'actionDone', actions: 'confirmAction' },
        ],
        AGREEMENT_NOT_KEPT: [
          { guard: and(['actionNotConfirmed', 'agreementFromMediation']), target: '#mediation.inMediation', actions: 'recordAgreementNotKept' },
          { guard: and(['actionNotConfirmed', 'agreementFromFormalRoute']), target: '#formal', actions: 'recordAgreementNotKept' },
          { guard: 'actionNotConfirmed', target: '#negotiation', actions: 'recordAgreementNotKept' },
        ],
        WITHDRAW: { target: '#closed', actions: 'recordWithdrawal' },
      },
    },
    resolved: {
      id: 'resolved',
      entry: 'cancelTimeLimitReminders',
      on: {
        ADD_NOTE: { actions: 'countNote' },
        CLOSE: { target: '#closed', actions: 'recordClosure' },
      },
    },
    closed: {
      id: 'closed',
      type: 'final',
      entry: 'cancelTimeLimitReminders',
    },
  },
});
