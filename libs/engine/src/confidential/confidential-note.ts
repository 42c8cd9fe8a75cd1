import { CaseRelation, DomainError, ErrorCode, PayloadSchema, validatePayload } from '@compact/domain';
import { toLondonDate } from '@compact/calendar';
import type { AnyMachineSnapshot } from 'xstate';
import { statePath } from '../workflow/state-path';
import type { InstalledWorkflow } from '../workflow/workflow-definition';
import type { Transitioned, WorkflowRuntime } from '../workflow/workflow-runtime';

/**
 * A confidential note between the mediator and one party, while the mediator is mediating. It is
 * no event of the workflow (it changes neither state nor deadlines, in any version): the engine
 * decides it, and it is written by the same path as every other change, with its own audit entry,
 * whose payload only the two sides of the exchange see (the chain verifies by the payload's digest).
 */
export const CONFIDENTIAL_NOTE = 'CONFIDENTIAL_NOTE';

export const CONFIDENTIAL_NOTE_MAX = 5000;

/** Who may be sent a confidential note. */
export type ConfidentialParty = 'mediator' | 'claimant' | 'respondent';

export const CONFIDENTIAL_NOTE_SCHEMA: PayloadSchema = {
  to: { kind: 'enum', required: true, values: ['mediator', 'claimant', 'respondent'], label: 'Who the note is for' },
  note: { kind: 'text', required: true, maxLength: CONFIDENTIAL_NOTE_MAX, label: 'Your confidential note', multiline: true },
};

/** What a confidential note's audit entry records: who sent it, to whom, and what it says. */
export interface ConfidentialNotePayload {
  from: ConfidentialParty;
  to: ConfidentialParty;
  note: string;
}

/** Whether the case at this state lets the mediator and the parties exchange confidential notes. */
export function confidentialExchangeOpen(runtime: WorkflowRuntime, snapshot: AnyMachineSnapshot): boolean {
  const reading = (runtime.definition as Partial<InstalledWorkflow>).reading;
  return snapshot.status === 'active' && (reading?.confidentialExchange?.(statePath(snapshot.value)) ?? false);
}

/** To whom `relation` may send a confidential note now (none when it may not). */
export function confidentialRecipients(runtime: WorkflowRuntime, snapshot: AnyMachineSnapshot, relation: CaseRelation): ConfidentialParty[] {
  if (!confidentialExchangeOpen(runtime, snapshot)) return [];
  if (relation === 'claimant' || relation === 'respondent') return ['mediator'];
  if (relation === 'mediator') return ['claimant', 'respondent'];
  return [];
}

/**
 * Decides a confidential note: the sender a party (to the mediator) or the mediator (to one party),
 * the exchange open, the payload valid. The case stays as it is.
 */
export function decideConfidentialNote(
  runtime: WorkflowRuntime,
  snapshot: AnyMachineSnapshot,
  relation: CaseRelation,
  payload: Record<string, unknown>,
  at: Date,
  allowedNow: () => string[],
): { recorded: ConfidentialNotePayload; next: Transitioned } {
  const fromPath = statePath(snapshot.value);
  if (relation !== 'claimant' && relation !== 'respondent' && relation !== 'mediator') {
    throw new DomainError(ErrorCode.FORBIDDEN_EVENT, `${CONFIDENTIAL_NOTE} may be sent only by the mediator and the parties`, {
      allowedEvents: allowedNow(),
    });
  }
  if (!confidentialExchangeOpen(runtime, snapshot)) {
    throw new DomainError(
      ErrorCode.TRANSITION_NOT_ALLOWED,
      `${CONFIDENTIAL_NOTE} is possible only while the mediator is mediating the case, not while it is '${fromPath}'`,
      { allowedEvents: allowedNow(), state: fromPath },
    );
  }
  const errors = validatePayload(CONFIDENTIAL_NOTE_SCHEMA, payload, toLondonDate(at));
  if (errors.length > 0) throw DomainError.validation(errors);
  const to = payload.to as ConfidentialParty;
  const allowed = confidentialRecipients(runtime, snapshot, relation);
  if (!allowed.includes(to)) {
    throw DomainError.validation([{ field: 'to', message: `must be ${allowed.join(' or ')}: a note goes between the mediator and one party` }]);
  }
  return { recorded: { from: relation, to, note: payload.note as string }, next: runtime.unchanged(snapshot, at.toISOString()) };
}
