import type { EventDefinition } from '@compact/engine';
import { documentAbout } from './document-words';
import { ENUM_WORDS } from './event-forms';

export const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** What the person entered in the form of an act that ends the case, as summary-list rows for its confirmation page. */
export function confirmationRows(def: EventDefinition<unknown>, values: Record<string, string>): Array<{ key: { text: string }; value: { text: string } }> {
  return Object.entries(def.schema).flatMap(([name, spec]) => {
    if (spec.kind === 'date' || spec.kind === 'actions') return [];
    const value = values[name];
    return value ? [{ key: { text: spec.label }, value: { text: ENUM_WORDS[value] ?? value } }] : [];
  });
}

/** The documents an act will cite, as one more row of its confirmation page (none when it cites none). */
export function documentsRow(documents: Array<{ name: string; contentType: string; size: number }>): Array<{ key: { text: string }; value: { text: string } }> {
  if (documents.length === 0) return [];
  return [{ key: { text: documents.length === 1 ? 'Document' : 'Documents' }, value: { text: documents.map((d) => `${d.name} (${documentAbout(d)})`).join(', ') } }];
}
