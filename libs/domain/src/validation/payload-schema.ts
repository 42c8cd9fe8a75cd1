import { FieldError } from '../errors/domain-error';
import { OrganisationKind } from '../parties/organisation-kind';

/** The shape of one field of an event payload. Plain data, so it can be rendered as OpenAPI and as web forms. */
export type FieldSpec =
  | { kind: 'text'; required: boolean; maxLength: number; label: string; multiline?: boolean }
  | { kind: 'enum'; required: boolean; values: readonly string[]; label: string }
  | { kind: 'date'; required: boolean; notInFuture?: boolean; label: string }
  | { kind: 'organisation'; required: boolean; organisationKind: OrganisationKind; label: string }
  | { kind: 'integer'; required: boolean; min: number; max: number; label: string }
  /** One of the options the event offers for this case now (e.g. which agreed action); the event checks the choice. */
  | { kind: 'choice'; required: boolean; label: string }
  /** Actions offered or agreed: who does what, by an agreed date or within some working days of the agreement. */
  | { kind: 'actions'; required: boolean; maxItems: number; label: string };

export type PayloadSchema = Record<string, FieldSpec>;

/** One action as an event carries it (see the `actions` field kind). */
export interface ActionTermPayload {
  party: 'claimant' | 'respondent';
  action: string;
  due: { on: string } | { workingDaysAfterAgreement: number };
}

export type PayloadValue = string | number | ActionTermPayload[];
export type Payload = Record<string, PayloadValue>;

/** The longest text of one agreed action. */
export const ACTION_TEXT_MAX = 1000;
/** The most working days an action may be given after the agreement. */
export const ACTION_WORKING_DAYS_MAX = 250;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function checkActions(spec: Extract<FieldSpec, { kind: 'actions' }>, value: unknown, today: string): string | null {
  if (!Array.isArray(value)) return 'must be a list of actions';
  if (value.length > spec.maxItems) return `must have at most ${spec.maxItems} actions`;
  for (const [i, item] of value.entries()) {
    const at = `action ${i + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return `${at} must be an object { party, action, due }`;
    const { party, action, due, ...rest } = item as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return `${at} has a field an action does not have: ${Object.keys(rest)[0]}`;
    if (party !== 'claimant' && party !== 'respondent') return `${at}: party must be claimant or respondent`;
    if (typeof action !== 'string' || action.trim() === '') return `${at}: say what will be done`;
    if (action.length > ACTION_TEXT_MAX) return `${at}: what will be done must be at most ${ACTION_TEXT_MAX} characters`;
    if (typeof due !== 'object' || due === null || Array.isArray(due)) return `${at}: due must be { on: date } or { workingDaysAfterAgreement: n }`;
    const d = due as Record<string, unknown>;
    const keys = Object.keys(d);
    if (keys.length !== 1) return `${at}: due must be { on: date } or { workingDaysAfterAgreement: n }`;
    if (keys[0] === 'on') {
      if (typeof d.on !== 'string' || !isIsoDate(d.on)) return `${at}: due.on must be a date written YYYY-MM-DD`;
      if (d.on < today) return `${at}: due.on must not be in the past`;
    } else if (keys[0] === 'workingDaysAfterAgreement') {
      const n = d.workingDaysAfterAgreement;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > ACTION_WORKING_DAYS_MAX) {
        return `${at}: due.workingDaysAfterAgreement must be a whole number from 1 to ${ACTION_WORKING_DAYS_MAX}`;
      }
    } else {
      return `${at}: due must be { on: date } or { workingDaysAfterAgreement: n }`;
    }
  }
  return null;
}

function checkField(name: string, spec: FieldSpec, value: unknown, today: string): string | null {
  if (spec.kind === 'actions') return checkActions(spec, value, today);
  if (spec.kind === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
    return value < spec.min || value > spec.max ? `must be from ${spec.min} to ${spec.max}` : null;
  }
  if (typeof value !== 'string') return `must be a string`;
  switch (spec.kind) {
    case 'choice':
      return value.trim() === '' ? 'must not be blank' : value.length > 100 ? 'must be at most 100 characters' : null;
    case 'text':
      if (value.trim() === '') return 'must not be blank';
      if (value.length > spec.maxLength) return `must be at most ${spec.maxLength} characters`;
      return null;
    case 'enum':
      return spec.values.includes(value) ? null : `must be one of: ${spec.values.join(', ')}`;
    case 'date':
      if (!isIsoDate(value)) return 'must be a date written YYYY-MM-DD';
      if (spec.notInFuture && value > today) return 'must not be in the future';
      return null;
    case 'organisation':
      return isUuid(value) ? null : 'must be an organisation id';
  }
}

/**
 * Checks a payload against a schema: unknown fields, missing required fields, wrong types,
 * lengths, enums and dates. `today` (YYYY-MM-DD) bounds `notInFuture` dates.
 */
export function validatePayload(schema: PayloadSchema, payload: Record<string, unknown>, today: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(payload)) {
    if (!Object.hasOwn(schema, key)) errors.push({ field: key, message: 'is not a field of this event' });
  }
  for (const [name, spec] of Object.entries(schema)) {
    const value = payload[name];
    if (value === undefined || value === null) {
      if (spec.required) errors.push({ field: name, message: 'is required' });
      continue;
    }
    const problem = checkField(name, spec, value, today);
    if (problem) errors.push({ field: name, message: problem });
  }
  return errors;
}
