import { PublishedTable } from '../published/published-table';

/** The name the register gives its table of cases by undertaking. */
export const BY_UNDERTAKING_TABLE = /undertaking/;

/**
 * The register's by-undertaking table, most often cited first: sorted on its first count (a
 * withheld figure after every published one, in the register's own order, so that the order says
 * nothing the table does not). Null when the register has no such table.
 */
export function mostCitedUndertakings(tables: PublishedTable[]): PublishedTable | null {
  const source = tables.find((t) => BY_UNDERTAKING_TABLE.test(t.name));
  if (!source) return null;
  const count = source.fields.find((f) => f.type === 'integer' || f.type === 'number');
  if (!count) return null;
  const value = (row: PublishedTable['rows'][number]) => {
    const v = row[count.name];
    return typeof v === 'number' ? v : null;
  };
  const ranked = source.rows
    .map((row, index) => ({ row, index, value: value(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      return b.value - a.value || a.index - b.index;
    });
  return {
    ...source,
    name: 'most-cited-undertakings',
    title: 'Undertakings most often cited',
    description: `${source.description} Most often cited first, by ${count.title.toLowerCase()}.`.trim(),
    rows: ranked.map((r) => r.row),
  };
}
