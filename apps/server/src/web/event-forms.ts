import type { FieldSpec, Organisation } from '@compact/domain';
import { schemaInContext, type EventDefinition } from '@compact/engine';
import { FormError } from './page';

/** One field of an event form, ready for the GOV.UK macros. */
export interface FormField {
  name: string;
  id: string;
  label: string;
  kind: 'textarea' | 'input' | 'radios' | 'date' | 'select';
  required: boolean;
  maxLength?: number;
  value: string;
  date?: { day: string; month: string; year: string };
  items?: Array<{ value: string; text: string; checked?: boolean; selected?: boolean }>;
  error?: string;
}

export interface EventForm {
  type: string;
  label: string;
  description: string;
  open: boolean;
  fields: FormField[];
}

export const ENUM_WORDS: Record<string, string> = {
  'agreed-mechanism': 'An existing agreed dispute-resolution mechanism',
  statutory: 'A statutory dispute-resolution mechanism',
  ombudsman: 'The relevant ombudsman',
  upheld: 'Upheld',
  'partly-upheld': 'Partly upheld',
  'not-upheld': 'Not upheld',
};

export const fieldId = (type: string, name: string) => `${type.toLowerCase()}-${name}`;

function field(type: string, name: string, spec: FieldSpec, values: Record<string, string>, mediators: Organisation[], error?: string): FormField {
  const id = fieldId(type, name);
  const value = values[name] ?? '';
  const base = { name, id, label: spec.label + (spec.required ? '' : ' (optional)'), required: spec.required, value, error };
  switch (spec.kind) {
    case 'text':
      return { ...base, kind: spec.multiline ? 'textarea' : 'input', maxLength: spec.maxLength };
    case 'enum':
      return { ...base, kind: 'radios', items: spec.values.map((v) => ({ value: v, text: ENUM_WORDS[v] ?? v, checked: v === value })) };
    case 'date': {
      const [year = '', month = '', day = ''] = value.split('-');
      return { ...base, kind: 'date', date: { day: values[`${name}-day`] ?? day, month: values[`${name}-month`] ?? month, year: values[`${name}-year`] ?? year } };
    }
    case 'organisation':
      return {
        ...base,
        kind: 'select',
        items: [{ value: '', text: 'Choose an organisation' }, ...mediators.map((o) => ({ value: o.id, text: o.name, selected: o.id === value }))],
      };
  }
}

/**
 * The forms for the events a person may send now, with the fields the case's context makes
 * required marked so (the workflow's own rule); one may be open with its values and errors.
 */
export function eventForms(
  allowed: string[],
  events: Record<string, EventDefinition<unknown>>,
  context: unknown,
  mediators: Organisation[],
  submitted?: { type: string; values: Record<string, string>; errors: Record<string, string> },
): EventForm[] {
  return allowed
    .filter((type) => events[type])
    .map((type) => {
      const def = events[type];
      const mine = submitted?.type === type ? submitted : undefined;
      return {
        type,
        label: def.label,
        description: def.description,
        open: Boolean(mine),
        fields: Object.entries(schemaInContext(def, context)).map(([name, spec]) => field(type, name, spec, mine?.values ?? {}, mediators, mine?.errors[name])),
      };
    });
}

/** Form fields -> the event payload: trimmed, empty fields left out, dates assembled from their parts. */
export function payloadFromForm(def: EventDefinition<unknown>, body: Record<string, unknown>): { payload: Record<string, string>; values: Record<string, string> } {
  const payload: Record<string, string> = {};
  const values: Record<string, string> = {};
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  for (const [name, spec] of Object.entries(def.schema)) {
    if (spec.kind === 'date') {
      const [d, m, y] = ['day', 'month', 'year'].map((p) => str(body[`${name}-${p}`]));
      values[`${name}-day`] = d;
      values[`${name}-month`] = m;
      values[`${name}-year`] = y;
      if (d || m || y) payload[name] = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    } else {
      const v = str(body[name]);
      values[name] = v;
      if (v) payload[name] = v;
    }
  }
  return { payload, values };
}

/** Domain field errors -> the GOV.UK error summary (links to the field) and per-field messages. */
export function formErrors(
  type: string,
  def: EventDefinition<unknown> | undefined,
  errors: Array<{ field: string; message: string }>,
): { summary: FormError[]; byField: Record<string, string> } {
  const byField: Record<string, string> = {};
  const summary: FormError[] = errors.map((e) => {
    const spec = def?.schema[e.field];
    // The API's wording asks for YYYY-MM-DD; a person typed day, month and year in three boxes.
    const message = spec?.kind === 'date' ? e.message.replace('must be a date written YYYY-MM-DD', 'must be a real date') : e.message;
    const text = `${spec?.label ?? e.field} ${message}`;
    byField[e.field] = text;
    return { text, href: `#${fieldId(type, e.field)}${spec?.kind === 'date' ? '-day' : ''}` };
  });
  return { summary, byField };
}
