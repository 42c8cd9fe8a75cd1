import type { ActionTermPayload, FieldSpec, Organisation, PayloadValue } from '@compact/domain';
import { schemaInContext, type EventDefinition } from '@compact/engine';
import { FormError } from './page';
import { DOCUMENTS_FIELD } from './page-uploads';

/** One row of an `actions` field: who will do what, by a date or within working days of the agreement. */
export interface ActionRow {
  index: number;
  partyItems: Array<{ value: string; text: string; checked?: boolean }>;
  action: string;
  date: { day: string; month: string; year: string };
  days: string;
}

/** One field of an event form, ready for the GOV.UK macros. */
export interface FormField {
  name: string;
  id: string;
  label: string;
  kind: 'textarea' | 'input' | 'number' | 'radios' | 'date' | 'select' | 'actions';
  required: boolean;
  maxLength?: number;
  value: string;
  date?: { day: string; month: string; year: string };
  items?: Array<{ value: string; text: string; checked?: boolean; selected?: boolean }>;
  rows?: ActionRow[];
  error?: string;
}

/** What a form needs from the case beyond the event's definition. */
export interface FormContext {
  context: unknown;
  /** Options of `choice` fields, by event type and field. */
  choices: (type: string, field: string) => Array<{ value: string; text: string }>;
  mediators: Organisation[];
  parties: { claimant: string; respondent: string };
  /** What the form says to the person about to send it, where the workflow's reading words it for them. */
  describe?: (type: string) => string | undefined;
}

/** Blank action rows offered in a form without JavaScript. */
export const ACTION_ROWS = 3;

/** The file input of a form, and the documents attached for it when it was sent and refused (ticked, to send again). */
export interface FormUpload {
  id: string;
  error?: string;
  kept: Array<{ value: string; text: string; checked: boolean }>;
}

export interface EventForm {
  type: string;
  label: string;
  description: string;
  open: boolean;
  /** It would end the case: a warning button, and a confirmation page before it is sent. */
  ends: boolean;
  fields: FormField[];
  upload: FormUpload;
}

/** A form as it was sent and refused: what was typed, the errors by field, the documents attached for it. */
export interface SubmittedForm {
  type: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  kept?: FormUpload['kept'];
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

function actionRows(name: string, values: Record<string, string>, parties: FormContext['parties']): ActionRow[] {
  return Array.from({ length: ACTION_ROWS }, (_, i) => {
    const key = (part: string) => values[`${name}-${i + 1}-${part}`] ?? '';
    const party = key('party');
    return {
      index: i + 1,
      partyItems: [
        { value: 'claimant', text: parties.claimant, checked: party === 'claimant' },
        { value: 'respondent', text: parties.respondent, checked: party === 'respondent' },
      ],
      action: key('action'),
      date: { day: key('on-day'), month: key('on-month'), year: key('on-year') },
      days: key('days'),
    };
  });
}

function field(type: string, name: string, spec: FieldSpec, values: Record<string, string>, form: FormContext, error?: string): FormField {
  const id = fieldId(type, name);
  const value = values[name] ?? '';
  const mediators = form.mediators;
  const base = { name, id, label: spec.label + (spec.required ? '' : ' (optional)'), required: spec.required, value, error };
  switch (spec.kind) {
    case 'integer':
      return { ...base, kind: 'number' };
    case 'choice':
      return { ...base, kind: 'radios', items: form.choices(type, name).map((o) => ({ ...o, checked: o.value === value })) };
    case 'actions':
      return { ...base, kind: 'actions', rows: actionRows(name, values, form.parties) };
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
  form: FormContext,
  submitted?: SubmittedForm,
  /** The form to show open (the banner's main action was followed). */
  opened?: string,
  /** The events that would end the case. */
  ending: readonly string[] = [],
): EventForm[] {
  return allowed
    .filter((type) => events[type])
    .map((type) => {
      const def = events[type];
      const mine = submitted?.type === type ? submitted : undefined;
      return {
        type,
        label: def.label,
        description: form.describe?.(type) ?? def.description,
        open: Boolean(mine) || type === opened,
        ends: ending.includes(type),
        fields: Object.entries(schemaInContext(def, form.context)).map(([name, spec]) => field(type, name, spec, mine?.values ?? {}, form, mine?.errors[name])),
        upload: { id: fieldId(type, DOCUMENTS_FIELD), error: mine?.errors[DOCUMENTS_FIELD], kept: mine?.kept ?? [] },
      };
    });
}

/** The rows of an `actions` field as the event carries them; rows left blank are left out. */
function actionsFromForm(name: string, body: Record<string, unknown>, values: Record<string, string>): ActionTermPayload[] {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const out: ActionTermPayload[] = [];
  for (let i = 1; i <= ACTION_ROWS; i++) {
    const part = (p: string) => (values[`${name}-${i}-${p}`] = str(body[`${name}-${i}-${p}`]));
    const [party, action, day, month, year, days] = ['party', 'action', 'on-day', 'on-month', 'on-year', 'days'].map(part);
    if (!party && !action && !day && !month && !year && !days) continue;
    const due = day || month || year ? { on: `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` } : { workingDaysAfterAgreement: /^\d+$/.test(days) ? Number(days) : Number.NaN };
    out.push({ party: party as ActionTermPayload['party'], action, due });
  }
  return out;
}

/** Form fields -> the event payload: trimmed, empty fields left out, dates, numbers and actions assembled from their parts. */
export function payloadFromForm(def: EventDefinition<unknown>, body: Record<string, unknown>): { payload: Record<string, PayloadValue>; values: Record<string, string> } {
  const payload: Record<string, PayloadValue> = {};
  const values: Record<string, string> = {};
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  for (const [name, spec] of Object.entries(def.schema)) {
    if (spec.kind === 'date') {
      const [d, m, y] = ['day', 'month', 'year'].map((p) => str(body[`${name}-${p}`]));
      values[`${name}-day`] = d;
      values[`${name}-month`] = m;
      values[`${name}-year`] = y;
      if (d || m || y) payload[name] = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    } else if (spec.kind === 'actions') {
      const rows = actionsFromForm(name, body, values);
      if (rows.length > 0) payload[name] = rows;
    } else {
      const v = str(body[name]);
      values[name] = v;
      if (v) payload[name] = spec.kind === 'integer' && /^\d{1,9}$/.test(v) ? Number(v) : v;
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
    const text = `${spec?.label ?? (e.field === DOCUMENTS_FIELD ? 'Documents:' : e.field)} ${message}`;
    byField[e.field] = text;
    return { text, href: `#${fieldId(type, e.field)}${spec?.kind === 'date' ? '-day' : ''}` };
  });
  return { summary, byField };
}
