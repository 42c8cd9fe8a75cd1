import type { EventDefinition } from '@compact/engine';
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
