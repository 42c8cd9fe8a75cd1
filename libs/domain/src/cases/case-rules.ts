import { CompactDeadlines } from '../compact/compact-catalog';

/**
 * The rules a case runs under, recorded when it is raised: the deadline lengths of the Compact file
 * in force then, and the calendar its working days are counted on. A later change of the Compact
 * file, of CALENDAR_CLOSURES or of the deadline unit never changes them; only an audited migration does.
 */
export interface CaseRules {
  deadlines: CompactDeadlines;
  calendar: {
    /** `seconds` on the demonstration clock (a working day lasts a second). */
    unit: 'working-days' | 'seconds';
    region: 'england-and-wales';
    closures: string[];
    /** The calendar's id when the case was raised (its bank-holiday data version and closures), for the record. */
    id: string;
  };
}

/** What a case's top-level state means, whatever its workflow version calls it. */
export const CASE_OUTCOMES = ['open', 'monitoring', 'resolved', 'withdrawn', 'closed'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
