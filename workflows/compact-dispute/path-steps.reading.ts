/**
 * The step along the escalation path that a case at `statePath` offers next, the same in every
 * version so far (v1 and v2): after negotiation has failed, mediation (then the formal route);
 * once mediation has ended, the formal route (then another mediator); in mediation, its outcome;
 * on the formal route, the decision. The pages lead with the first of these that the person may
 * send, when no deadline asks something else of them.
 */
export function pathStepsFrom(statePath: string): readonly string[] {
  switch (statePath) {
    case 'negotiation.failed':
      return ['REFER_TO_MEDIATION', 'ESCALATE_FORMAL'];
    case 'mediation.ended':
      return ['ESCALATE_FORMAL', 'REFER_TO_MEDIATION'];
    case 'mediation.inMediation':
      return ['MEDIATION_AGREEMENT', 'MEDIATION_FAILED'];
    case 'formal.underConsideration':
      return ['RECORD_DECISION'];
    default:
      return [];
  }
}

/** Events that record something without moving the case on: never the main action while another is possible. */
export const SIDE_EVENTS: readonly string[] = ['ADD_NOTE', 'RECORD_MEETING', 'REQUEST_EXTENSION'];
