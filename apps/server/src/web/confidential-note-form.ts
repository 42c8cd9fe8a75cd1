import type { CaseView } from '@compact/application';
import { CONFIDENTIAL_NOTE, CONFIDENTIAL_NOTE_MAX, CONFIDENTIAL_NOTE_SCHEMA, type ConfidentialParty, type EventDefinition } from '@compact/engine';
import { EventForm, fieldId, SubmittedForm } from './event-forms';
import { DOCUMENTS_FIELD } from './page-uploads';

/**
 * A confidential note is no event of the workflow, so the case page's forms and their handler read
 * it from here: its label, its fields (the engine's own schema) and who may send it (the engine
 * decides; the form is offered only when the case view says to whom the person may write now).
 */
export const CONFIDENTIAL_NOTE_FORM: EventDefinition<unknown> = {
  type: CONFIDENTIAL_NOTE,
  label: 'Send a confidential note',
  description:
    'While the case is in mediation you can write to the mediator in confidence (or, as the mediator, to one side). ' +
    'Only the two of you will see what you write and any documents you attach. The other side and the board see only that a confidential note was sent, and when.',
  schema: CONFIDENTIAL_NOTE_SCHEMA,
  example: { to: 'mediator', note: 'A note for the mediator only.' },
  mayBeSentBy: () => true,
  senders: 'the mediator and the parties, while the mediator is mediating',
};

/** Who a note to `to` reaches, in words: the organisation's name and its part in the case. */
function recipientText(c: CaseView, to: ConfidentialParty): string {
  if (to === 'mediator') return `${c.parties.mediator?.name ?? 'The mediator'} (the mediator)`;
  return `${c.parties[to].name} (${to === 'claimant' ? 'who raised the case' : 'who the case is about'})`;
}

/** The confidential note's form for this person now: none when they may not send one. */
export function confidentialNoteForms(c: CaseView, submitted?: SubmittedForm): EventForm[] {
  if (c.confidentialNoteTo.length === 0) return [];
  const mine = submitted?.type === CONFIDENTIAL_NOTE ? submitted : undefined;
  const values = mine?.values ?? {};
  // A party writes only to the mediator: that one choice comes ticked.
  const to = values.to || (c.confidentialNoteTo.length === 1 ? c.confidentialNoteTo[0] : '');
  const field = (name: 'to' | 'note') => ({ name, id: fieldId(CONFIDENTIAL_NOTE, name), label: CONFIDENTIAL_NOTE_SCHEMA[name].label, required: true, error: mine?.errors[name] });
  return [
    {
      type: CONFIDENTIAL_NOTE,
      label: CONFIDENTIAL_NOTE_FORM.label,
      description: CONFIDENTIAL_NOTE_FORM.description,
      open: Boolean(mine),
      ends: false,
      fields: [
        {
          ...field('to'),
          kind: 'radios',
          value: to,
          items: c.confidentialNoteTo.map((party) => ({ value: party, text: recipientText(c, party), checked: party === to })),
        },
        { ...field('note'), kind: 'textarea', maxLength: CONFIDENTIAL_NOTE_MAX, value: values.note ?? '' },
      ],
      upload: { id: fieldId(CONFIDENTIAL_NOTE, DOCUMENTS_FIELD), error: mine?.errors[DOCUMENTS_FIELD], kept: mine?.kept ?? [] },
    },
  ];
}
