/** Words for each state of compact-dispute v2, as people read them. */
export const compactDisputeV2StateLabels: Record<string, string> = {
  raised: 'Raised',
  'raised.awaitingAcknowledgement': 'Raised: awaiting acknowledgement',
  'raised.acknowledgementOverdue': 'Raised: acknowledgement overdue',
  negotiation: 'Negotiation',
  'negotiation.discussing': 'Negotiation: in discussion',
  'negotiation.proposalPending': 'Negotiation: proposal awaiting an answer',
  'negotiation.failed': 'Negotiation: declared failed',
  mediation: 'Mediation',
  'mediation.awaitingMediator': 'Mediation: awaiting the mediator',
  'mediation.inMediation': 'Mediation: in progress',
  'mediation.ended': 'Mediation: ended without agreement',
  formal: 'Formal route',
  'formal.underConsideration': 'Formal route: under consideration',
  monitoring: 'Agreement being carried out',
  resolved: 'Resolved',
  closed: 'Closed',
};
