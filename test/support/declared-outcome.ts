import { toLondonDate } from '@compact/calendar';
import { ActingRelation, CaseRelation, validatePayload } from '@compact/domain';
import { CaseFacts, EventDefinition, schemaInContext, WorkflowRuntime } from '@compact/engine';
import type { AnyMachineSnapshot } from 'xstate';

/*
 * What a workflow version's own declarations say should happen when one caller sends one event to
 * a case: who may send it (`mayBeSentBy`, without and then with the payload), whether the machine
 * takes it now (`possible`, `accepts`), and the payload's checks (its schema in this context, and
 * `checkWith` against the case's facts: its pending timers and deadline lengths). The order is the
 * one the API promises: permission (403) before possibility (409) before the payload (400).
 */

export interface Outcome {
  status: number;
  code?: string;
  /** Which declaration decided it: `mayBeSentBy`, `mayBeSentBy(payload)`, `possible`, `schema`, `checkWith`, `accepts`, … */
  rule: string;
  /** What it said, for a readable failure. */
  because: string;
}

/** The relations under which a person (not the system) may act on a case. */
const PEOPLE: readonly ActingRelation[] = ['claimant', 'respondent', 'mediator', 'admin'];

type Payload = Record<string, unknown>;

const isPerson = (relation: CaseRelation): relation is ActingRelation => (PEOPLE as readonly string[]).includes(relation);

export interface Attempt {
  runtime: WorkflowRuntime;
  snapshot: AnyMachineSnapshot;
  facts: CaseFacts;
  relation: CaseRelation;
  type: string;
  payload: Payload;
  at: Date;
}

export function declaredOutcome({ runtime, snapshot, facts, relation, type, payload, at }: Attempt): Outcome {
  if (relation === 'none') return { status: 404, code: 'NOT_FOUND', rule: 'relation', because: 'the caller has no part in the case' };
  const def = runtime.definition.events[type];
  const context = snapshot.context;
  if (!isPerson(relation) || !def.mayBeSentBy(relation, context)) {
    return { status: 403, code: 'FORBIDDEN_EVENT', rule: 'mayBeSentBy', because: `mayBeSentBy(${relation}) is false` };
  }
  const iso = at.toISOString();
  if (!runtime.possible(snapshot, type, relation, iso)) {
    return { status: 409, code: 'TRANSITION_NOT_ALLOWED', rule: 'possible', because: 'the machine takes it with no payload worth trying now' };
  }
  const invalid = validatePayload(schemaInContext(def, context), payload, toLondonDate(at));
  if (invalid.length > 0) return { status: 400, code: 'VALIDATION_FAILED', rule: 'schema', because: JSON.stringify(invalid) };
  if (!def.mayBeSentBy(relation, context, payload)) {
    return { status: 403, code: 'FORBIDDEN_EVENT', rule: 'mayBeSentBy(payload)', because: `mayBeSentBy(${relation}, this payload) is false` };
  }
  const unchecked = def.checkWith?.(payload, context, facts, relation) ?? [];
  if (unchecked.length > 0) return { status: 400, code: 'VALIDATION_FAILED', rule: 'checkWith', because: JSON.stringify(unchecked) };
  if (!runtime.accepts(snapshot, { type, ...payload, meta: { at: iso, by: relation } } as { type: string })) {
    return { status: 409, code: 'TRANSITION_NOT_ALLOWED', rule: 'accepts', because: 'the machine does not take this payload now' };
  }
  return { status: 200, rule: 'accepted', because: 'permitted, possible and valid' };
}

/**
 * The payloads worth sending for an event at a case: its declared example (`base`), and, read from
 * its schema, the same without each optional list of actions (an agreement with and without
 * commitments) and with each option any person is offered for a `choice` field now (each agreed
 * action, each deadline someone may ask more time for). Everyone is sent every one of them, so
 * the party an action or a deadline does not belong to is tried too.
 */
export function payloadsToTry(def: EventDefinition<any>, base: Payload, context: unknown, facts: CaseFacts): Payload[] {
  const out: Payload[] = [base];
  for (const [field, spec] of Object.entries(def.schema)) {
    if (spec.kind === 'actions' && field in base) {
      const { [field]: _left, ...without } = base;
      out.push(without);
    }
    if (spec.kind === 'choice' && def.choices) {
      for (const relation of PEOPLE) {
        for (const option of def.choices(field, relation, context, facts)) out.push({ ...base, [field]: option.value });
      }
    }
  }
  const seen = new Set<string>();
  return out.filter((payload) => {
    const key = JSON.stringify(payload);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
