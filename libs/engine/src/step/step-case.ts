import {
  ActingRelation,
  CaseRelation,
  DomainError,
  ErrorCode,
  FieldError,
  isUuid,
  OrganisationKind,
  validatePayload,
} from '@compact/domain';
import { toLondonDate } from '@compact/calendar';
import type { AnyMachineSnapshot } from 'xstate';
import { CONFIDENTIAL_NOTE, decideConfidentialNote } from '../confidential/confidential-note';
import { statePath } from '../workflow/state-path';
import { CaseFacts, EventMeta, schemaInContext } from '../workflow/workflow-definition';
import type { Transitioned, WorkflowRuntime } from '../workflow/workflow-runtime';

export interface StepRequest {
  runtime: WorkflowRuntime;
  snapshot: AnyMachineSnapshot;
  relation: CaseRelation;
  type: string;
  payload: Record<string, unknown>;
  at: Date;
  /** Kinds of the organisations the payload refers to, looked up beforehand (absent: unknown id). */
  organisations: ReadonlyMap<string, OrganisationKind>;
  /** The case's pending timers and deadline lengths, for the rules that need them. */
  facts?: CaseFacts;
  /** For a timer falling due: its key (given to the machine as `meta.timer`). */
  timer?: string;
}

export interface StepResult {
  event: { type: string; meta: EventMeta } & Record<string, unknown>;
  fromPath: string;
  next: Transitioned;
  /** The payload the audit entry records, when it is not the one sent (a confidential note records its sender). */
  recorded?: Record<string, unknown>;
}

const ACTING: readonly CaseRelation[] = ['claimant', 'respondent', 'mediator', 'admin', 'system'];

function isActing(relation: CaseRelation): relation is ActingRelation {
  return ACTING.includes(relation);
}

/**
 * Decides one event for one case, purely: known type -> permission (403) -> possible in this
 * state (409) -> payload (400) -> the machine's own transition. Throws a DomainError on refusal.
 */
export function stepCase(req: StepRequest): StepResult {
  const { runtime, snapshot, relation, type, payload } = req;
  if (type === CONFIDENTIAL_NOTE) return stepConfidentialNote(req);
  const events = runtime.definition.events;
  const def = Object.prototype.hasOwnProperty.call(events, type) ? events[type] : undefined;
  if (!def) {
    throw DomainError.validation([
      { field: 'type', message: `'${type}' is not an event of ${runtime.key}; known: ${Object.keys(events).join(', ')}` },
    ]);
  }
  const at = req.at.toISOString();
  const fromPath = statePath(snapshot.value);
  if (!isActing(relation) || !def.mayBeSentBy(relation, snapshot.context)) {
    throw new DomainError(ErrorCode.FORBIDDEN_EVENT, `${type} may be sent only by ${def.senders}`, {
      allowedEvents: isActing(relation) ? runtime.allowedEvents(snapshot, relation, at, req.facts) : [],
    });
  }
  const allowedNow = (): string[] => runtime.allowedEvents(snapshot, relation, at, req.facts);
  if (!runtime.possible(snapshot, type, relation, at, req.timer)) {
    throw new DomainError(
      ErrorCode.TRANSITION_NOT_ALLOWED,
      `${type} is not possible while the case is '${fromPath}'`,
      { allowedEvents: allowedNow(), state: fromPath },
    );
  }
  const because = def.requiredWhen?.(snapshot.context) ?? {};
  let errors: FieldError[] = validatePayload(schemaInContext(def, snapshot.context), payload, toLondonDate(req.at)).map((e) =>
    e.message === 'is required' && because[e.field] ? { ...e, message: `is required when ${because[e.field]}` } : e,
  );
  if (errors.length === 0) errors = checkOrganisationFields(def.schema, payload, req.organisations);
  if (errors.length > 0) throw DomainError.validation(errors);
  if (!def.mayBeSentBy(relation, snapshot.context, payload)) {
    throw new DomainError(ErrorCode.FORBIDDEN_EVENT, `${type} of this ${describePayloadSubject(payload)} may be sent only by ${def.senders}`, {
      allowedEvents: allowedNow(),
    });
  }
  if (def.checkWith && req.facts) {
    const found = def.checkWith(payload, snapshot.context, req.facts, relation);
    if (found.length > 0) throw DomainError.validation(found);
  }

  const meta: EventMeta = req.timer ? { at, by: relation, timer: req.timer } : { at, by: relation };
  const event = { ...payload, type, meta };
  if (!runtime.accepts(snapshot, event)) {
    throw new DomainError(ErrorCode.TRANSITION_NOT_ALLOWED, `${type} is not possible with this payload now`, {
      allowedEvents: allowedNow(),
      state: fromPath,
    });
  }
  return { event, fromPath, next: runtime.apply(snapshot, event) };
}

function stepConfidentialNote(req: StepRequest): StepResult {
  const { runtime, snapshot, relation, payload } = req;
  const at = req.at.toISOString();
  const allowedNow = () => (isActing(relation) ? runtime.allowedEvents(snapshot, relation, at, req.facts) : []);
  const { recorded, next } = decideConfidentialNote(runtime, snapshot, relation, payload, req.at, allowedNow);
  const meta: EventMeta = { at, by: relation as ActingRelation };
  return { event: { ...recorded, type: CONFIDENTIAL_NOTE, meta }, fromPath: statePath(snapshot.value), next, recorded: { ...recorded } };
}

/** `action 'a2'` for an event about an agreed action, else `kind`. */
function describePayloadSubject(payload: Record<string, unknown>): string {
  return typeof payload.actionId === 'string' ? `action '${payload.actionId}'` : 'kind';
}

function checkOrganisationFields(
  schema: Record<string, { kind: string; organisationKind?: OrganisationKind }>,
  payload: Record<string, unknown>,
  organisations: ReadonlyMap<string, OrganisationKind>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, spec] of Object.entries(schema)) {
    const value = payload[field];
    if (spec.kind !== 'organisation' || typeof value !== 'string') continue;
    const kind = organisations.get(value);
    if (kind === undefined) errors.push({ field, message: `no organisation has the id '${value}'` });
    else if (kind !== spec.organisationKind) errors.push({ field, message: `must be a ${spec.organisationKind} organisation, not a ${kind}` });
  }
  return errors;
}

/** The organisation ids an event's payload names (fields of kind `organisation`), to look up before stepping. */
export function organisationReferences(runtime: WorkflowRuntime, type: string, payload: Record<string, unknown>): string[] {
  const def = Object.prototype.hasOwnProperty.call(runtime.definition.events, type) ? runtime.definition.events[type] : undefined;
  if (!def) return [];
  return Object.entries(def.schema)
    .filter(([, spec]) => spec.kind === 'organisation')
    .map(([field]) => payload[field])
    .filter((v): v is string => typeof v === 'string' && isUuid(v));
}
