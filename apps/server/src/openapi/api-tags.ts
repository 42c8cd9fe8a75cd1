/** The document's tags, in the order a reader meets them, each with what it groups. */
export const API_TAGS = {
  health: 'Whether the service and its database answer (no token needed)',
  compact: 'The Compact in force, verbatim: its undertakings, dispute clause and deadline lengths (no token needed)',
  tools: 'The Compact’s calculators: three months’ notice of a funding change (4.5) and 12-week consultations (2.4) (no token needed)',
  cases: 'Raise cases, follow them through the escalation path by sending events, and read and verify their audit trails',
  documents: 'Evidence documents attached to a case and cited by its events, and their downloads',
  deadlines: 'Pending deadlines across the cases you may see',
  board: 'Figures over every case for a governance board (board members and administrators)',
  organisations: 'The organisations taking part: public bodies, VCS organisations and mediators',
  users: 'The people who use the service and their API tokens (administrators)',
  outbox: 'Outgoing mail, and retrying what could not be delivered (administrators)',
  'admin audit': 'The administration trail: what administrators did, hash-chained (administrators and the board)',
  migrations: 'Moving running cases to a newer workflow version, audited case by case (administrators)',
} as const;

export type ApiTag = keyof typeof API_TAGS;
