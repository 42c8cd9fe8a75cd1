import { FieldError } from '../errors/domain-error';
import { OrganisationKind } from '../parties/organisation-kind';

/** The shape of one field of an event payload. Plain data, so it can be rendered as OpenAPI and as web forms. */
export type FieldSpec =
  | { kind: 'text'; required: boolean; maxLength: number; label: string; multiline?: boolean }
  | { kind: 'enum'; required: boolean; values: readonly string[]; label: string }
  | { kind: 'date'; required: boolean; notInFuture?: boolean; label: string }
  | { kind: 'organisation'; required: boolean; organisationKind: OrganisationKind; label: string };

export type PayloadSchema = Record<string, FieldSpec>;

export type Payload = Record<string, string>;

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

function checkField(name: string, spec: FieldSpec, value: unknown, today: string): string | null {
  if (typeof value !== 'string') return `must be a string`;
  switch (spec.kind) {
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
