import type { AuditEntry } from '@compact/domain';
import { CONFIDENTIAL_NOTE } from '@compact/engine';

/** The names the case gives its three parts, for saying who a note went to. */
export interface PartyNames {
  claimant: string;
  respondent: string;
  mediator: string | null;
}

/** What the history shows of a confidential note that is withheld from the reader. */
export const WITHHELD_NOTE_TITLE = 'Confidential note in mediation (only the mediator and one party see it)';

function recipient(to: unknown, parties: PartyNames | undefined): string {
  if (to === 'mediator') return parties?.mediator ? `${parties.mediator} (the mediator)` : 'the mediator';
  if (to === 'claimant' || to === 'respondent') return parties?.[to] ?? (to === 'claimant' ? 'the party who raised the case' : 'the party the case is about');
  return 'one side';
}

/**
 * A confidential note as a history step: for the two sides of the exchange, who wrote to whom and
 * what they wrote; for anyone else (its payload is withheld), only that a note was sent. Null for
 * any other step.
 */
export function confidentialNoteStep(e: AuditEntry, sender: string | undefined, parties?: PartyNames): { title: string; details: string[] } | null {
  if (e.eventType !== CONFIDENTIAL_NOTE) return null;
  if (typeof e.payload.note !== 'string') return { title: WITHHELD_NOTE_TITLE, details: [] };
  return { title: `${sender ?? 'Someone'} sent a confidential note to ${recipient(e.payload.to, parties)}`, details: [`Note: ${e.payload.note}`] };
}
